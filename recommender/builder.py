"""Job-description text -> draft :class:`~recommender.profiles.RoleProfile`.

The builder reads any job-description text with regular expressions only (no network, no
model) and extracts what a role profile needs: title, responsibilities, skills, education,
years of experience, salary, reporting line and a guessed seniority. The result is a
*draft*: it is marked ``inferred`` and still holds the posting's own sentences, so a person
must review and reword it before it joins ``role_profiles/``.

Public API:

* :func:`extract_requirements` -> :class:`ExtractedRequirements` (plain dataclass)
* :func:`build_draft` / :func:`build_drafts` -> :class:`RoleProfile`
* :func:`split_postings` -> one text per role when a document holds several
* :func:`write_draft` -> a YAML file that :func:`~recommender.profiles.load_profile` reads back
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from recommender.errors import EmptyDocumentError, InvalidInputError
from recommender.profiles import (
    Education,
    EducationLevel,
    Experience,
    Importance,
    RoleProfile,
    Salary,
    Seniority,
    Skill,
)
from recommender.text_numbers import NUMBER_WORDS, number_value

__all__ = [
    "ExtractedRequirements",
    "ExtractedSkill",
    "build_draft",
    "build_drafts",
    "extract_requirements",
    "split_postings",
    "write_draft",
]

# Limits on what a draft carries: enough to review, not a copy of the whole posting.
MAX_RESPONSIBILITIES = 15
MAX_SKILLS = 12
MAX_EXAMPLES = 6
MAX_SKILL_NAME_WORDS = 8
# A heading is a short line without a sentence ending.
MAX_HEADING_WORDS = 10
# How far into a text "we are looking for a X" still names the role being described.
INTRO_CHARS = 400

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

_ROLE_NOUNS = (
    "manager|director|supervisor|representative|agent|advisor|adviser|clerk|executive|specialist|"
    "analyst|officer|lead|leader|trainer|coordinator|co-ordinator|associate|assistant|consultant|"
    "administrator|operator|head|president|vp|engineer|developer|technician|receptionist|cashier|"
    "planner|controller|advocate|handler|teller"
)
_ROLE_NOUN_RE = re.compile(rf"^(?:{_ROLE_NOUNS})s?$", re.IGNORECASE)

# Longest words first, so "seventeen" is not read as "seven".
_NUM = (
    r"(?:\d+(?:\.\d+)?|"
    + "|".join(sorted((w for w in NUMBER_WORDS if len(w) > 2), key=len, reverse=True))
    + r")"
)


def _word_set(text: str) -> frozenset[str]:
    """A readable way to write a long set of words."""
    return frozenset(text.split())


# Words that end a title phrase when walking back from a role noun.
_PHRASE_STOP = _word_set(
    """a an the of and or to for with as by in on at from into their his her our your its my
    is are was be being been that this these those new all each every other any some who which
    what when where how than then also very more most such only just both either neither
    not no can may must should will would could typically usually often per our we you they
    he she it them us i me"""
)

# Adjectives and verbs that are not part of a skill's name ("strong communication skills").
_SKILL_STOP = _PHRASE_STOP | _word_set(
    """top-notch strong excellent good great solid impressive proven demonstrated effective
    exceptional outstanding superb sound key essential required basic relevant necessary have has
    need needs needed possess possesses develop hone build improve use using your common following
    demonstrate demonstrates show shows bring brings require requires apply applies want wants demand
    demands"""
)

_DUTY_VERBS = _word_set(
    "manage oversee supervise ensure train coach develop establish monitor handle resolve respond "
    "process plan direct approve review hire conduct provide answer assist create implement analyze "
    "analyse lead maintain track report schedule interview mentor motivate recommend evaluate "
    "investigate issue contact communicate coordinate deliver prepare liaise address identify support "
    "check meet set write update extend arrange gather determine recruit select delegate foster "
    "encourage promote collaborate design measure define run build escalate "
    "answer greet advise inform sell upsell verify record log enter follow adhere guide organize "
    "organise oversee administer attend"
)


def _verb_forms(verbs: frozenset[str]) -> frozenset[str]:
    forms: set[str] = set()
    for verb in verbs:
        forms |= {verb, verb + "s", verb + "es", verb + "ed", verb + "d", verb + "ing"}
        if verb.endswith("e"):
            forms.add(verb[:-1] + "ing")
        if verb.endswith("y"):
            forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
        if re.search(r"[^aeiou][aeiou][bdgmnpt]$", verb):  # plan -> planning, set -> setting
            forms |= {verb + verb[-1] + "ing", verb + verb[-1] + "ed"}
    forms |= {"took", "taken", "led", "ran", "met", "wrote", "sold", "built"}
    return frozenset(forms)


_DUTY_WORDS = _verb_forms(_DUTY_VERBS)

_REQUIRED_RE = re.compile(
    r"\b(?:must|required|requires?|essential|mandatory|compulsory|need to|needs to)\b", re.IGNORECASE
)
_PREFERRED_RE = re.compile(
    r"\b(?:prefer(?:red|able|ably)?|desirable|nice to have|a plus|an advantage|advantageous|bonus|"
    r"ideally|may require|may be required|would be|is an asset)\b",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------
# Text units
# ---------------------------------------------------------------------------

_BULLET_RE = re.compile(r"^\s*(?:[•·▪◦●■□➢►\-\*–—]|\d{1,2}[.)])\s+")
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(“])")

_SECTION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "skip",
        re.compile(
            r"career|progression|tips|conclusion|related|news|comment|archive|how to apply|"
            r"about us|about the company|read more",
            re.IGNORECASE,
        ),
    ),
    ("salary", re.compile(r"salary|\bpay\b|compensation|remuneration|benefits|we offer|perks", re.I)),
    ("education", re.compile(r"educat|degree", re.IGNORECASE)),
    (
        "skills",
        re.compile(
            r"skill|competenc|specification|abilit|requirement|qualif|what you (?:need|bring|have)|"
            r"about you|looking for|who you are|you have|must have",
            re.IGNORECASE,
        ),
    ),
    (
        "duties",
        re.compile(
            r"dut(?:y|ies)|responsib|tasks|what you(?:'ll| will) do|day[- ]to[- ]day|"
            r"description|profile|the role|the job",
            re.IGNORECASE,
        ),
    ),
)


@dataclass(frozen=True)
class _Unit:
    """A sentence or bullet, with the section it sits in."""

    text: str
    section: str  # skills, education, salary, duties, general, skip
    is_bullet: bool
    context: str  # the heading and the line that introduced a bullet list


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for bad, good in (
        ("\u2019", "'"),
        ("\u2018", "'"),
        ("\u201c", '"'),
        ("\u201d", '"'),
        ("\xa0", " "),
        ("\u2009", " "),
        ("\t", " "),
    ):
        text = text.replace(bad, good)
    return text


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped or _BULLET_RE.match(line) or stripped[-1] in ".!?,;":
        return False
    if re.search(r":\s*\S", stripped) or re.search(r"[$£€]\s?\d", stripped):
        return False  # "Salary: $40,000" is a fact on one line, not a section heading
    words = stripped.split()
    return len(words) <= MAX_HEADING_WORDS and stripped[0].isupper()


def _section_kind(heading: str) -> str:
    for kind, pattern in _SECTION_PATTERNS:
        if pattern.search(heading):
            return kind
    return "general"


def _logical_lines(text: str) -> list[str]:
    """Lines with hard-wrapped sentences and bullets joined back together."""
    lines: list[str] = []
    for raw in _normalise(text).split("\n"):
        line = raw.rstrip()
        if not line.strip():
            lines.append("")
            continue
        previous = lines[-1] if lines else ""
        continues = (
            previous.strip()
            and previous.rstrip()[-1] not in ".!?:;"
            and not _is_heading(previous)
            and not _BULLET_RE.match(line)
            and not _is_heading(line)
        )
        if continues:
            lines[-1] = f"{previous.rstrip()} {line.strip()}"
        else:
            lines.append(line)
    return lines


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    section, heading, intro = "general", "", ""
    for raw in _logical_lines(text):
        line = raw.strip()
        if not line:
            continue
        if _is_heading(raw) and not line.endswith(":"):
            heading, intro = line, ""
            section = _section_kind(line)
            continue
        if _BULLET_RE.match(raw):
            body = _BULLET_RE.sub("", raw).strip()
            if body:
                units.append(_Unit(body, section, True, f"{heading} {intro}".strip()))
            continue
        if line.endswith(":"):
            # "Requirements:" or "The duties are as follows:" opens a section of its own.
            intro = line
            kind = _section_kind(line)
            if kind != "general":
                section = kind
                if len(line.split()) <= MAX_HEADING_WORDS:
                    heading = line
            continue
        intro = ""
        for sentence in _SENTENCE_SPLIT_RE.split(line):
            sentence = sentence.strip()
            if sentence:
                units.append(_Unit(sentence, section, False, heading))
    return units


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'&/-]*", text)


# ---------------------------------------------------------------------------
# Title
# ---------------------------------------------------------------------------

_JOB_DESCRIPTION_HEADING_RE = re.compile(
    r"^\s*(?P<title>[A-Za-z][\w&/,' -]{2,80}?)\s+job\s+description\s*:?\s*$", re.IGNORECASE
)
_JOB_TITLE_LINE_RE = re.compile(
    r"^\s*(?:job\s+title|position|role|title)\s*[:\-–]\s*(?P<title>.+?)\s*$", re.IGNORECASE
)
_CAP_WORD = r"(?:[A-Z][\w&/-]*|of|and|&)"
_THE_TITLE_RE = re.compile(rf"^The\s+(?P<title>[A-Z][\w&/-]*(?:\s+{_CAP_WORD}){{0,5}})")
_PHRASE_INTRO_RE = re.compile(
    r"\b(?:role of|looking for|seeking|hiring|recruiting)\s+(?:a|an|the|our)\s+"
    r"(?P<title>(?:[\w-]+\s+){0,5}?(?:" + _ROLE_NOUNS + r")s?)\b",
    re.IGNORECASE,
)
_SMALL_TITLE_WORDS = frozenset({"of", "and", "&", "for", "the", "to", "in"})
# Words allowed inside a capitalised title: "Director of Customer Service", "Training and Development".
_TITLE_JOINERS = frozenset({"of", "and", "&"})
_TITLE_ADJECTIVES = _word_set(
    "experienced motivated enthusiastic friendly passionate talented dedicated skilled driven "
    "energetic dynamic reliable hardworking hard-working proactive customer-focused successful "
    "great ideal new"
)


def _trim_role_phrase(words: list[str]) -> list[str]:
    """Keep the trailing part of ``words`` that names the role, ending on a role noun."""
    while words and not _ROLE_NOUN_RE.match(words[-1]):
        words = words[:-1]
    if not words:
        return []
    capitalised = [w[0].isupper() for w in words]
    if capitalised[-1] and (any(capitalised[:-1]) or len(words) == 1):
        # Take the longest run of capitalised words (small joiners allowed inside) ending at the noun.
        start = len(words) - 1
        while start > 0:
            previous = words[start - 1]
            if previous[0].isupper():
                start -= 1
            elif previous.lower() in _TITLE_JOINERS and start - 2 >= 0 and words[start - 2][0].isupper():
                start -= 2
            else:
                break
        words = words[start:]
    else:
        start = len(words) - 1
        while start > 0 and words[start - 1].lower() not in _PHRASE_STOP:
            start -= 1
        words = words[start:]
    while words and (words[0].lower() in _SMALL_TITLE_WORDS or words[0].lower() in _TITLE_ADJECTIVES):
        words = words[1:]
    return words


def _singular(word: str) -> str:
    if len(word) > 3 and word.lower().endswith("s") and _ROLE_NOUN_RE.match(word[:-1]):
        return word[:-1]
    return word


_ACRONYMS = _word_set("CSR QA VP CX HR IT CEO CCO COO CRM SLA UK US EU EMEA APAC")


def _title_case(words: list[str]) -> str:
    shouting = all(w.isupper() for w in words if len(w) > 1)  # "CUSTOMER SERVICE REPRESENTATIVE"
    out = []
    for index, word in enumerate(words):
        if word.isupper() and len(word) > 1 and (not shouting or word in _ACRONYMS):
            out.append(word)  # CSR, QA, VP
        elif index > 0 and word.lower() in _SMALL_TITLE_WORDS:
            out.append(word.lower())
        else:
            lowered = word.lower() if shouting else word
            out.append("-".join(part[:1].upper() + part[1:] for part in lowered.split("-")))
    return " ".join(out)


def _clean_title(phrase: str) -> str | None:
    words = _trim_role_phrase(_words(phrase))
    if not words:
        return None
    words[-1] = _singular(words[-1])
    return _title_case(words)


def _most_frequent_role_phrase(text: str) -> str | None:
    """The role phrase the text repeats most, extended leftwards while the longer form stays common."""
    counts: Counter[tuple[str, ...]] = Counter()
    lines = _normalise(text).split("\n")
    # Bullet lists (e.g. "related careers") would outvote the prose that describes the role.
    prose = [line for line in lines if line.strip() and not _BULLET_RE.match(line)]
    for sentence in re.split(r"[.!?;:,()\"]+", "\n".join(prose or lines)):
        tokens = [t.lower() for t in _words(sentence)]
        for index, token in enumerate(tokens):
            if not _ROLE_NOUN_RE.match(token):
                continue
            noun = _singular(token)
            counts[(noun,)] += 1
            phrase: tuple[str, ...] = (noun,)
            for back in range(1, 4):
                if index - back < 0 or tokens[index - back] in _PHRASE_STOP:
                    break
                phrase = (tokens[index - back], *phrase)
                counts[phrase] += 1
    if not counts:
        return None
    singles = [(n, c) for (p, c) in counts.items() if len(p) == 1 for n in p]
    noun, _ = max(singles, key=lambda item: item[1])
    best: tuple[str, ...] = (noun,)
    while True:
        longer = [(p, c) for p, c in counts.items() if len(p) == len(best) + 1 and p[1:] == best]
        if not longer:
            break
        phrase, count = max(longer, key=lambda item: item[1])
        if count < 2 or count < 0.5 * counts[best]:
            break
        best = phrase
    return _title_case(list(best))


_OF_TITLE_RE = re.compile(
    r"\b(?P<title>(?:Head|Director|Vice President|VP|Manager|President|Chief \w+ Officer)\s+of\s+"
    r"[A-Z][\w&-]*(?:\s+(?:[A-Z][\w&-]*|and|&)){0,4})"
)


def _of_title(text: str) -> str | None:
    match = _OF_TITLE_RE.search(text)
    if not match:
        return None
    words = match["title"].split()
    while words and words[-1].lower() in _TITLE_JOINERS:
        words.pop()
    return _title_case(words)


def _extract_title(text: str) -> str | None:
    title: str | None
    lines = [line for line in _normalise(text).split("\n") if line.strip()]
    for line in lines:
        match = _JOB_DESCRIPTION_HEADING_RE.match(line)
        if match and len(match["title"].split()) <= MAX_HEADING_WORDS:
            title = _clean_title(match["title"]) or _title_case(match["title"].split())
            return title
    for line in lines:
        match = _JOB_TITLE_LINE_RE.match(line)
        if match:
            return _clean_title(match["title"]) or _title_case(match["title"].split())
    for line in lines:
        if _is_heading(line):
            line = re.split(r"\s[–—|-]\s|\s\(", line, maxsplit=1)[0]  # "Team Lead – Remote (UK)"
            title = _clean_title(line)
            # Only a heading that *is* a role title ("Senior Support Agent"), not one that
            # mentions a role ("Duties of the customer support manager").
            if title and len(title.split()) == len(_words(line)) and _section_kind(line) == "general":
                return title
    for candidate in (
        [line for line in lines if _is_heading(line) and _section_kind(line) == "general"]
        + [line for line in lines if line.strip().startswith("The ")]
        + [_normalise(text)[:INTRO_CHARS]]
    ):
        title = _of_title(candidate)
        if title:
            return title
    for line in lines:
        match = _THE_TITLE_RE.match(line.strip())
        if match:
            title = _clean_title(match["title"])
            if title:
                return title
    # "The role of a X ..." names the role only when it opens the text; later on it is
    # usually generic ("in the role of a supervisor").
    match = _PHRASE_INTRO_RE.search(_normalise(text)[:INTRO_CHARS])
    if match:
        title = _clean_title(match["title"])
        if title:
            return title
    return _most_frequent_role_phrase(text)


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_") or "role"


# ---------------------------------------------------------------------------
# Splitting a document that holds several postings
# ---------------------------------------------------------------------------


def _title_at_line_start(line: str) -> str | None:
    match = _THE_TITLE_RE.match(line.strip())
    if not match:
        return None
    words = _words(match["title"])
    if not words or not _ROLE_NOUN_RE.match(words[-1]):
        return None
    return _clean_title(match["title"])


def split_postings(text: str) -> list[str]:
    """Split a document into one text per role when it clearly describes several roles.

    Two layouts are recognised: "<Title> Job Description" headings with different titles, and
    paragraphs that open with "The <Title> ..." for different titles. Text before the first
    posting stays with the first one; text after a posting's opening paragraph stays with it.
    Anything else comes back whole, as a one-item list.
    """
    lines = _normalise(text).split("\n")

    def cut(starts: list[int]) -> list[str]:
        starts = [0, *starts[1:]]
        bounds = [*starts, len(lines)]
        chunks = ["\n".join(lines[a:b]).strip() for a, b in zip(bounds, bounds[1:], strict=False)]
        return [chunk for chunk in chunks if chunk]

    heading_starts: list[int] = []
    heading_titles: list[str] = []
    for index, line in enumerate(lines):
        match = _JOB_DESCRIPTION_HEADING_RE.match(line)
        if match:
            title = _clean_title(match["title"]) or match["title"]
            if title.casefold() not in (t.casefold() for t in heading_titles):
                heading_starts.append(index)
                heading_titles.append(title)
    if len(heading_titles) >= 2:
        return cut(heading_starts)

    paragraph_starts: list[int] = []
    current: str | None = None
    for index, line in enumerate(lines):
        title = _title_at_line_start(line)
        if title and (current is None or title.casefold() != current.casefold()):
            paragraph_starts.append(index)
            current = title
    if len(paragraph_starts) >= 2:
        return cut(paragraph_starts)
    return [text.strip()] if text.strip() else []


# ---------------------------------------------------------------------------
# Education
# ---------------------------------------------------------------------------

_EDUCATION_RE = re.compile(
    r"(?P<doctorate>\bph\.?\s?d\b\.?|\bdoctor(?:ate|al)(?:\s+degree)?)"
    r"|(?P<master>\bmaster'?s?(?:\s+degree)?\b|\bmba\b|\bm\.?sc\b|\badvanced\s+degree|"
    r"\bpost-?\s?graduate(?:\s+degree)?)"
    r"|(?P<associate>\bassociate'?s?\s+degree|\bfoundation\s+degree|\bhnd\b)"
    r"|(?P<bachelor>\bbachelor'?s?(?:\s+degree)?|\b(?:undergraduate|graduate|college|university|first|"
    r"four-year|4-year)\s+degree|\bb\.?sc\b|\bb\.a\.|(?<!high )(?<!great )(?<!certain )\bdegree\b(?!\s+of\b))"
    r"|(?P<high_school>\bhigh[\s-]school(?:\s+diploma)?|\bged\b|\bsecondary\s+school|\bgcses?\b)",
    re.IGNORECASE,
)
_CLAUSE_SPLIT_RE = re.compile(r"[;,]|\bwhile\b|\bbut\b|\bwhereas\b|\bhowever\b", re.IGNORECASE)
_EQUIVALENT_RE = re.compile(
    r"\bor (?:its |an? |the )?equivalent\b|\bequivalent (?:work |professional |relevant )?experience\b",
    re.IGNORECASE,
)
_FIELDS_RE = re.compile(
    r"(?:degree|bachelor'?s?|master'?s?|diploma|mba)\s+(?:\w+\s+)?(?:in|of)\s+(?P<fields>[^.;:()]+)",
    re.IGNORECASE,
)
_FIELDS_END_RE = re.compile(
    r"\s(?:from|is|are|was|will|would|with|plus|preferred|required|or (?:its |an? )?equivalent|"
    r"or equivalent|or (?:a )?related|or (?:a )?similar|and/or experience|may|typically|as well)\b.*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _EducationFacts:
    minimum: EducationLevel = EducationLevel.NONE
    preferred: EducationLevel | None = None
    fields: tuple[str, ...] = ()
    equivalent: bool = False
    evidence: tuple[str, ...] = ()


def _clause_around(sentence: str, position: int) -> str:
    start, end = 0, len(sentence)
    for match in _CLAUSE_SPLIT_RE.finditer(sentence):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = match.start()
            break
    return sentence[start:end]


def _extract_education(units: list[_Unit]) -> _EducationFacts:
    required: list[EducationLevel] = []
    preferred: list[EducationLevel] = []
    fields: list[str] = []
    equivalent = False
    evidence: list[str] = []
    for unit in units:
        if unit.section == "skip":
            continue
        matches = list(_EDUCATION_RE.finditer(unit.text))
        if not matches:
            continue
        evidence.append(unit.text)
        for match in matches:
            if re.search(r"\b(?:no|not|without|non)\s+(?:an?\s+)?$", unit.text[: match.start()], re.I):
                continue  # "no degree needed"
            level = EducationLevel(match.lastgroup or "none")
            clause = _clause_around(unit.text, match.start())
            # "May require an advanced degree" reads as a preference, not a floor.
            (preferred if _PREFERRED_RE.search(clause) else required).append(level)
        if _EQUIVALENT_RE.search(unit.text):
            equivalent = True
        for field_match in _FIELDS_RE.finditer(unit.text):
            raw = _FIELDS_END_RE.sub("", field_match["fields"])
            for part in re.split(r",|\bor\b|\band\b|/", raw):
                name = re.sub(r"^(?:a|an|the)\s+", "", part.strip(), flags=re.IGNORECASE).strip(" .'")
                if (
                    name
                    and len(name.split()) <= 4
                    and not re.search(r"equivalent|related|similar|field", name, re.IGNORECASE)
                    and name.lower() not in (f.lower() for f in fields)
                ):
                    fields.append(name.lower())
    if not required and not preferred:
        return _EducationFacts()
    if required:
        # Levels joined by "or" are alternatives: the lowest one is the floor.
        minimum = min(required)
    elif max(preferred) >= EducationLevel.MASTER:
        # An advanced degree presupposes a first degree.
        minimum = EducationLevel.BACHELOR
    else:
        minimum = EducationLevel.NONE
    best_preferred = max(preferred) if preferred else None
    if best_preferred is not None and best_preferred <= minimum:
        best_preferred = None
    return _EducationFacts(minimum, best_preferred, tuple(fields), equivalent, tuple(evidence))


# ---------------------------------------------------------------------------
# Experience
# ---------------------------------------------------------------------------

_YEARS_RE = re.compile(
    rf"(?P<prefix>at least|a minimum of|minimum of|minimum|min\.?|more than|over|up to)?\s*"
    rf"\(?(?P<low>{_NUM})\)?\s*(?P<plus>\+|plus)?\s*"
    rf"(?:(?:-|–|—|to)\s*(?P<high>{_NUM})\s*\+?\s*)?"
    rf"(?:or more\s+)?(?:full[- ]time\s+)?(?P<unit>years?|months?)\b'?",
    re.IGNORECASE,
)
_MANAGING_RE = re.compile(
    r"manag|supervis|leadership|\bleading\b|\blead(?:er)?\b|people management|team lead", re.IGNORECASE
)
_RELATED_RE = re.compile(
    r"related|relevant|similar|individual contributor|call[- ]?cent|contact[- ]?cent|customer service|"
    r"customer care|customer support|in the (?:field|industry|area|sector)|in this (?:field|role)",
    re.IGNORECASE,
)
_EXPERIENCE_WORD_RE = re.compile(
    r"experien|\bwork|manag|supervis|\blead|as an?\b|\bin (?:a|an|the)\b", re.IGNORECASE
)
_NOT_EXPERIENCE_BEFORE_RE = re.compile(r"\b(?:next|past|last|within|every|after|first)\s*$", re.IGNORECASE)
# Experience that is only "a plus" sets no minimum. ("may be required" still counts: the
# 000 seed's "1 to 3 years supervisory experience may be required" is a real requirement.)
_EXPERIENCE_PLUS_RE = re.compile(
    r"\b(?:a plus|nice to have|an advantage|advantageous|bonus|desirable|preferred|preferable)\b",
    re.IGNORECASE,
)
# "managerial experience of 5 years": the kind is named just before the number.
_MANAGING_BEFORE_RE = re.compile(
    r"(?:manag\w*|supervis\w*|leadership)\s+experience\s*(?:of|:)?\s*"
    r"(?:at least|a minimum of|minimum of)?\s*$",
    re.IGNORECASE,
)
_EXPERIENCE_NOTE_RE = re.compile(
    r"\b(?:work\s+)?experience\s+(?:in|with|of)\s+(?P<area>[^.;]+)", re.IGNORECASE
)


@dataclass(frozen=True)
class _ExperienceFacts:
    years_total: float | None = None
    years_related: float | None = None
    years_managing: float | None = None
    years_managing_max: float | None = None
    note: str | None = None
    evidence: tuple[str, ...] = ()


def _extract_experience(units: list[_Unit]) -> _ExperienceFacts:
    best: dict[str, tuple[float, float | None]] = {}
    evidence: list[str] = []
    area_notes: list[str] = []
    preferred_notes: list[str] = []
    for unit in units:
        if unit.section in ("skip", "salary"):
            continue
        found = False
        for match in _YEARS_RE.finditer(unit.text):
            if _NOT_EXPERIENCE_BEFORE_RE.search(unit.text[: match.start("low")]):
                continue
            clause = re.split(r"[.;]", unit.text[match.end() :], maxsplit=1)[0]
            if _EXPERIENCE_PLUS_RE.search(clause):
                # "... is a plus": a preference, not a floor; the note keeps it for the reviewer.
                preferred_notes.append(f"preferred, not required: {unit.text}")
                continue
            # The kind of experience is named before the next figure ("10 years, including 6 managing").
            rest = re.split(r"\d|\b(?:including|of which|and at least)\b", clause, maxsplit=1)[0]
            after = " ".join(rest.split()[:8])
            before = " ".join(unit.text[: match.start()].split()[-6:])
            if not (_EXPERIENCE_WORD_RE.search(after) or re.search(r"experien", before, re.IGNORECASE)):
                continue
            scale = 1 / 12 if match["unit"].lower().startswith("month") else 1.0
            low = round(number_value(match["low"]) * scale, 2)
            high = round(number_value(match["high"]) * scale, 2) if match["high"] else None
            if (match["prefix"] or "").lower() == "up to":
                low, high = 0.0, low
            head = " ".join(after.split()[:6])
            if _MANAGING_RE.search(head) or _MANAGING_BEFORE_RE.search(before):
                kind = "managing"
            elif _RELATED_RE.search(after):
                kind = "related"
            else:
                kind = "total"
            if kind not in best or low > best[kind][0]:
                best[kind] = (low, high)
            found = True
        if found:
            evidence.append(unit.text)
        elif re.search(r"experience", unit.text, re.IGNORECASE) and _REQUIRED_RE.search(unit.text):
            note = _EXPERIENCE_NOTE_RE.search(unit.text)
            if note:
                area_notes.append(f"experience in {note['area'].strip()} (no number of years given)")
                evidence.append(unit.text)
    if not best and not area_notes and not preferred_notes:
        return _ExperienceFacts()
    managing = best.get("managing")
    note_parts = list(area_notes)
    if evidence and not area_notes:
        note_parts.append("; ".join(evidence))
    note_parts += list(dict.fromkeys(preferred_notes))
    evidence += [n.split(": ", 1)[1] for n in dict.fromkeys(preferred_notes)]
    return _ExperienceFacts(
        years_total=best["total"][0] if "total" in best else None,
        years_related=best["related"][0] if "related" in best else None,
        years_managing=managing[0] if managing else None,
        years_managing_max=managing[1] if managing else None,
        note="; ".join(note_parts)[:500] or None,
        evidence=tuple(evidence),
    )


# ---------------------------------------------------------------------------
# Salary
# ---------------------------------------------------------------------------

_AMOUNT = (
    r"(?P<cur{n}>US\$|C\$|A\$|[$£€]|USD|GBP|EUR|INR|CAD|AUD)?\s?"
    r"(?P<num{n}>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?"
    r"(?P<k{n}>[kK]\b|thousand\b)?\s?(?P<cur{n}b>USD|GBP|EUR|INR|CAD|AUD|dollars|pounds|euros)?"
)
_SALARY_RE = re.compile(
    r"(?P<prefix>up to|from|starting (?:at|from)|about|around|approximately|roughly)?\s*"
    + _AMOUNT.format(n=1)
    + r"(?:\s*(?:-|–|—|to|and)\s*"
    + _AMOUNT.format(n=2)
    + r")?",
    re.IGNORECASE,
)
_SALARY_CONTEXT_RE = re.compile(
    r"salary|\bpay\b|\bpaid\b|wage|compensation|remuneration|earn|per annum|p\.a\.|per year|a year|"
    r"annually|per hour|an hour|hourly|per month|a month|monthly|/h(?:ou)?r|/year|/yr|\bote\b|package",
    re.IGNORECASE,
)
_CURRENCIES = {
    "$": "USD", "us$": "USD", "c$": "CAD", "a$": "AUD", "£": "GBP", "€": "EUR",
    "dollars": "USD", "pounds": "GBP", "euros": "EUR",
}  # fmt: skip
_PERIODS = (
    ("hour", re.compile(r"per hour|an hour|hourly|/h(?:ou)?r\b|p/h", re.IGNORECASE)),
    ("month", re.compile(r"per month|a month|monthly|/month|\bpcm\b", re.IGNORECASE)),
    ("week", re.compile(r"per week|a week|weekly|/week", re.IGNORECASE)),
    ("day", re.compile(r"per day|a day|daily rate|/day", re.IGNORECASE)),
)


@dataclass(frozen=True)
class _SalaryFacts:
    minimum: float | None
    maximum: float | None
    currency: str
    period: str
    evidence: str


def _amount(match: re.Match[str], n: int) -> tuple[float, str | None]:
    value = float(match[f"num{n}"].replace(",", ""))
    if match[f"k{n}"]:
        value *= 1000
    symbol = match[f"cur{n}"] or match[f"cur{n}b"]
    currency = _CURRENCIES.get(symbol.lower(), symbol.upper()) if symbol else None
    return value, currency


def _extract_salary(units: list[_Unit]) -> _SalaryFacts | None:
    for unit in units:
        if unit.section == "skip":
            continue
        if unit.section != "salary" and not _SALARY_CONTEXT_RE.search(unit.text):
            continue
        for match in _SALARY_RE.finditer(unit.text):
            low, currency = _amount(match, 1)
            if currency is None and not match["k1"]:
                continue  # a bare number is not a salary
            high: float | None = None
            if match["num2"]:
                high, second_currency = _amount(match, 2)
                currency = currency or second_currency
                if match["k1"] is None and match["k2"] and low < 1000:
                    low *= 1000  # "$40-50k"
            prefix = (match["prefix"] or "").lower()
            minimum: float | None
            maximum: float | None
            if high is None:
                minimum, maximum = (None, low) if prefix == "up to" else (low, low)
                if prefix.startswith(("from", "starting")):
                    maximum = None
            else:
                minimum, maximum = min(low, high), max(low, high)
            period = next((name for name, pattern in _PERIODS if pattern.search(unit.text)), "year")
            return _SalaryFacts(minimum, maximum, currency or "USD", period, unit.text)
    return None


# ---------------------------------------------------------------------------
# Reporting line and seniority
# ---------------------------------------------------------------------------

_REPORTS_TO_RE = re.compile(
    r"\breport(?:s|ing)?\s+(?:directly\s+)?(?:in\s+)?to\s*:?\s+(?:the\s+|a\s+|an\s+|our\s+)?"
    r"(?P<to>[^.;,()]+)",
    re.IGNORECASE,
)
_REPORTS_TO_END_RE = re.compile(r"\s(?:and|making|who|which|in|on|for|with|while|as)\b.*$", re.IGNORECASE)


def _extract_reports_to(units: list[_Unit]) -> str | None:
    for unit in units:
        if unit.section == "skip":
            continue
        match = _REPORTS_TO_RE.search(unit.text)
        if match:
            target = _REPORTS_TO_END_RE.sub("", match["to"]).strip()
            words = target.split()[:5]
            if words:
                return " ".join(words)
    return None


def _guess_seniority(title: str, experience: _ExperienceFacts, reports_to: str | None) -> Seniority:
    lower = f" {title.lower()} "
    managing = experience.years_managing or 0.0
    if re.search(r"\b(?:chief|vp|vice president|president|cxo|c[a-z]o)\b", lower):
        return Seniority.EXECUTIVE
    if re.search(r"\bexecutive\b", lower):
        # "Call centre executive" is a front-line agent in some markets; the top job asks for
        # long managerial experience or reports to the very top.
        top = reports_to is not None and re.search(r"\b(?:ceo|board|president)\b", reports_to.lower())
        if managing >= 8 or top:
            return Seniority.EXECUTIVE
        return Seniority.DIRECTOR if managing >= 5 else Seniority.ENTRY
    if re.search(r"\b(?:director|head of)\b", lower):
        return Seniority.DIRECTOR
    if re.search(r"\b(?:assistant|deputy) manager\b", lower):
        return Seniority.SUPERVISOR
    if re.search(r"\bmanager\b", lower):
        return Seniority.MANAGER
    if re.search(r"\b(?:supervisor|team lead(?:er)?|lead)\b", lower):
        return Seniority.SUPERVISOR
    if re.search(r"\b(?:specialist|analyst|trainer|coordinator|co-ordinator|consultant|senior)\b", lower):
        return Seniority.SENIOR_IC
    if managing >= 3:
        return Seniority.MANAGER
    if managing >= 1:
        return Seniority.SUPERVISOR
    return Seniority.ENTRY


# ---------------------------------------------------------------------------
# Responsibilities and skills
# ---------------------------------------------------------------------------

_REQUIREMENT_SENTENCE_RE = re.compile(
    r"\bdegree\b|diploma|bachelor|master'?s\b|\bmba\b|\bged\b|\bgcses?\b|high[\s-]school|\byears?\b.*experien|"
    r"experien.*\byears?\b|salary|\breports? to\b|per annum",
    re.IGNORECASE,
)


_SUBJECT_RE = re.compile(
    rf"\b(?:they|he|she|you|responsible for|duties|responsibilities|tasks|(?:{_ROLE_NOUNS})s?)\b",
    re.IGNORECASE,
)


def _reads_as_duty(text: str) -> bool:
    """A duty starts with a duty verb ("Supervises ...") or has the role or a pronoun doing one."""
    words = [w.lower() for w in _words(text)]
    if not words or "%" in text:
        return False
    if words[0] in _DUTY_WORDS:
        return True
    return bool(_SUBJECT_RE.search(text)) and any(w in _DUTY_WORDS for w in words)


def _extract_responsibilities(units: list[_Unit]) -> list[str]:
    chosen: list[str] = []
    for unit in units:
        if unit.section in ("skip", "skills", "education", "salary"):
            continue
        text = unit.text.strip()
        if text.endswith(("?", "!")) or _REQUIREMENT_SENTENCE_RE.search(text):
            continue
        words = len(text.split())
        if words < 4 or words > 60:
            continue
        is_duty = (unit.is_bullet and unit.section == "duties") or _reads_as_duty(text)
        if is_duty and text.lower() not in (c.lower() for c in chosen):
            chosen.append(text)
        if len(chosen) >= MAX_RESPONSIBILITIES:
            break
    return chosen


@dataclass(frozen=True)
class ExtractedSkill:
    """A skill named in the posting, with every phrase of the posting that mentions it."""

    name: str
    phrases: tuple[str, ...]
    required: bool = False
    preferred: bool = False

    @property
    def importance(self) -> Importance:
        # The schema wants two example phrasings for an essential skill; one phrase is not
        # enough evidence to call it essential, so it stays important.
        if self.required and len(self.phrases) >= 2:
            return Importance.ESSENTIAL
        if self.preferred and not self.required:
            return Importance.OPTIONAL
        return Importance.IMPORTANT


_SKILL_PHRASE_RES = (
    re.compile(
        r"\b(?P<name>(?:knowledge|understanding)\s+(?:of|about|in)\s+[^.;:,()]+?)"
        r"(?=\s+and\s+(?:\w+\s+)?(?:knowledge|understanding)\b|[.;:,()]|$)",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?P<name>abilit(?:y|ies)\s+to\s+[^.;:,()]+)", re.IGNORECASE),
    re.compile(
        r"\b(?:proficien(?:t|cy)|skilled|experienced|fluent|familiar(?:ity)?)\s+(?:in|with|at)\s+"
        r"(?P<name>[^.;:,()]+)",
        re.IGNORECASE,
    ),
)
_SKILL_LEAD_RE = re.compile(
    r"^(?:(?:must|should|will|to)\s+(?:have|be|possess|show|demonstrate)\s+(?:an?\s+)?|"
    r"(?:excellent|good|strong|impressive|great|solid|proven|demonstrated|effective|exceptional|"
    r"outstanding|top-notch|sound|basic|working|relevant|thorough|comprehensive|deep|extensive)\s+)",
    re.IGNORECASE,
)


def _clean_skill_name(raw: str) -> str | None:
    name = re.split(r"[;(]", raw, maxsplit=1)[0].strip().strip(".:;-•* ")
    previous = None
    while previous != name:
        previous = name
        name = _SKILL_LEAD_RE.sub("", name).strip()
    name = re.sub(
        r"\s+(?:is|are)\s+(?:required|essential|a must|a plus|preferred|desirable|needed|important|key)\b.*$",
        "",
        name,
        flags=re.IGNORECASE,
    )
    name = re.sub(r"\s+(?:skills?|abilities)$", "", name, flags=re.IGNORECASE)
    name = (
        re.sub(r"\b(?:the|all)\s+", "", name, flags=re.IGNORECASE)
        if name.lower().startswith(("knowledge", "understanding"))
        else name
    )
    words = name.split()
    if len(words) > MAX_SKILL_NAME_WORDS:
        words = words[:MAX_SKILL_NAME_WORDS]
    name = " ".join(words).strip(" ,")
    if len(re.sub(r"[^A-Za-z]", "", name)) < 2:
        return None
    return name[0].upper() + name[1:]


def _skills_word_phrases(text: str) -> list[str]:
    """'strong communication and interpersonal skills' -> 'communication and interpersonal'."""
    found = []
    for match in re.finditer(r"\bskills\b", text, re.IGNORECASE):
        before = _words(text[: match.start()])
        collected: list[str] = []
        for word in reversed(before[-5:]):
            lower = word.lower()
            if lower == "and" and collected:
                collected.insert(0, word)
                continue
            if lower in _SKILL_STOP or len(collected) >= 4:
                break
            collected.insert(0, word)
        while collected and collected[0].lower() == "and":
            collected.pop(0)
        if collected:
            found.append(" ".join(collected))
    return found


def _skill_key(name: str) -> str:
    key = re.sub(
        r"^(?:knowledge|understanding)\s+(?:of|about|in)\s+|^abilit(?:y|ies)\s+to\s+", "", name.lower()
    )
    return re.sub(r"\s+skills?$", "", key).strip()


def _extract_skills(units: list[_Unit]) -> list[ExtractedSkill]:
    candidates: list[tuple[str, _Unit]] = []
    for unit in units:
        if unit.section == "skip":
            continue
        if unit.is_bullet and unit.section == "skills" and not _REQUIREMENT_SENTENCE_RE.search(unit.text):
            name = _clean_skill_name(unit.text)
            if name:
                candidates.append((name, unit))
        for pattern in _SKILL_PHRASE_RES:
            for match in pattern.finditer(unit.text):
                name = _clean_skill_name(match["name"])
                if name:
                    candidates.append((name, unit))
        for phrase in _skills_word_phrases(unit.text):
            name = _clean_skill_name(phrase)
            if name:
                candidates.append((name, unit))

    skills: list[ExtractedSkill] = []
    seen: list[str] = []
    searchable = [u for u in units if u.section != "skip"]
    for name, origin in candidates:
        key = _skill_key(name)
        if not key or any(key in other for other in seen):
            continue
        seen.append(key)
        phrases = [origin.text]
        for unit in searchable:
            if key in unit.text.lower() and unit.text not in phrases:
                phrases.append(unit.text)
        said = f"{origin.context} {origin.text}"
        skills.append(
            ExtractedSkill(
                name=name,
                phrases=tuple(phrases[:MAX_EXAMPLES]),
                required=bool(_REQUIRED_RE.search(said)),
                preferred=bool(_PREFERRED_RE.search(origin.text)),
            )
        )
        if len(skills) >= MAX_SKILLS:
            break
    return skills


# ---------------------------------------------------------------------------
# Putting it together
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ExtractedRequirements:
    """Everything the builder found in one posting, before it becomes a :class:`RoleProfile`."""

    title: str
    seniority: Seniority
    responsibilities: tuple[str, ...] = ()
    skills: tuple[ExtractedSkill, ...] = ()
    education_minimum: EducationLevel = EducationLevel.NONE
    education_preferred: EducationLevel | None = None
    education_fields: tuple[str, ...] = ()
    equivalent_experience_accepted: bool = False
    years_total: float | None = None
    years_related: float | None = None
    years_managing: float | None = None
    years_managing_max: float | None = None
    experience_note: str | None = None
    salary_minimum: float | None = None
    salary_maximum: float | None = None
    salary_currency: str | None = None
    salary_period: str | None = None
    reports_to: str | None = None
    evidence: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def has_salary(self) -> bool:
        return self.salary_minimum is not None or self.salary_maximum is not None


def extract_requirements(text: str) -> ExtractedRequirements:
    """Read one posting and return what it says, as plain data.

    Raises :class:`EmptyDocumentError` for empty text and :class:`InvalidInputError` when no
    role title can be found.
    """
    if not text or not text.strip():
        raise EmptyDocumentError("the job description is empty")
    title = _extract_title(text)
    if not title:
        raise InvalidInputError(
            "no role title found; start the text with a heading such as 'Customer Service Manager'"
        )
    units = _units(text)
    education = _extract_education(units)
    experience = _extract_experience(units)
    salary = _extract_salary(units)
    reports_to = _extract_reports_to(units)
    return ExtractedRequirements(
        title=title,
        seniority=_guess_seniority(title, experience, reports_to),
        responsibilities=tuple(_extract_responsibilities(units)),
        skills=tuple(_extract_skills(units)),
        education_minimum=education.minimum,
        education_preferred=education.preferred,
        education_fields=education.fields,
        equivalent_experience_accepted=education.equivalent,
        years_total=experience.years_total,
        years_related=experience.years_related,
        years_managing=experience.years_managing,
        years_managing_max=experience.years_managing_max,
        experience_note=experience.note,
        salary_minimum=salary.minimum if salary else None,
        salary_maximum=salary.maximum if salary else None,
        salary_currency=salary.currency if salary else None,
        salary_period=salary.period if salary else None,
        reports_to=reports_to,
        evidence={
            "education": education.evidence,
            "experience": experience.evidence,
            "salary": (salary.evidence,) if salary else (),
        },
    )


def _skill_id(name: str) -> str:
    return re.sub(r"_skills?$", "", _slug(name))[:60].strip("_") or "skill"


def _duty_phrase(duty: str) -> str:
    """'They determine the service standards for ...' -> 'Determine the service standards for ...'."""
    words = duty.split()
    start = next((i for i, w in enumerate(words) if re.sub(r"[^a-z]", "", w.lower()) in _DUTY_WORDS), 0)
    phrase = []
    for word in words[start : start + MAX_SKILL_NAME_WORDS]:
        phrase.append(word.rstrip(".,;:"))
        if word.endswith((",", ";", ":", ".")):
            break
    text = " ".join(phrase) or duty[:60]
    return text[0].upper() + text[1:]


def _draft_skills(found: ExtractedRequirements, source: str) -> tuple[Skill, ...]:
    extracted = list(found.skills)
    if not extracted:
        # A profile needs at least one skill; the duties are the best evidence the posting gives.
        extracted = [
            ExtractedSkill(name=_duty_phrase(duty), phrases=(duty,)) for duty in found.responsibilities[:5]
        ]
    skills: list[Skill] = []
    used: set[str] = set()
    for item in extracted:
        skill_id = _skill_id(item.name)
        if skill_id in used:
            continue
        used.add(skill_id)
        first = item.phrases[0] if item.phrases else item.name
        description = first if len(first) >= 10 else f"{item.name}, as the posting names it"
        skills.append(
            Skill(
                id=skill_id,
                name=item.name,
                description=description,
                importance=item.importance,
                examples=item.phrases,
                sources=(source,),
            )
        )
    return tuple(skills)


def _source_name(source_name: str) -> str:
    # The schema wants a bare file name, never a path.
    name = Path(source_name.replace("\\", "/")).name
    return name or "job_description"


def build_draft(text: str, source_name: str) -> RoleProfile:
    """Build a draft profile from one job description (use :func:`build_drafts` for documents
    that may hold several postings)."""
    source = _source_name(source_name)
    found = extract_requirements(text)
    responsibilities = found.responsibilities
    if not responsibilities:
        units = [u.text for u in _units(text) if u.section != "skip" and len(u.text.split()) >= 5]
        responsibilities = tuple(units[:5])
    if not responsibilities:
        raise InvalidInputError(
            f"{source}: no duties found for {found.title!r}; the text needs sentences or bullets "
            "saying what the role does"
        )
    found = ExtractedRequirements(**{**found.__dict__, "responsibilities": responsibilities})
    skills = _draft_skills(found, source)

    education = Education(
        minimum=found.education_minimum,
        preferred=found.education_preferred,
        fields=found.education_fields,
        equivalent_experience_accepted=found.equivalent_experience_accepted,
        note="; ".join(found.evidence.get("education", ()))[:500] or None,
        sources=(source,) if found.evidence.get("education") else (),
    )
    experience = Experience(
        years_total=found.years_total,
        years_related=found.years_related,
        years_managing=found.years_managing,
        years_managing_max=found.years_managing_max,
        note=found.experience_note,
        sources=(source,) if found.evidence.get("experience") else (),
    )
    salary = None
    if found.has_salary:
        salary = Salary(
            minimum=found.salary_minimum,
            maximum=found.salary_maximum,
            currency=found.salary_currency or "USD",
            period=found.salary_period or "year",
            note=found.evidence["salary"][0][:300],
            sources=(source,),
        )
    summary = f"Draft profile for {found.title}, built from {source}. {responsibilities[0]}"
    family = (
        "quality_and_training"
        if re.search(r"quality|\bqa\b|train|learning", found.title, re.I)
        else ("customer_service")
    )
    try:
        return RoleProfile(
            id=_slug(found.title),
            title=found.title,
            family=family,
            seniority=found.seniority,
            summary=summary[:600],
            responsibilities=responsibilities,
            skills=skills,
            education=education,
            experience=experience,
            reports_to=found.reports_to,
            salary=salary,
            inferred=True,
            inferred_from=f"draft built by `recommender profiles build` from {source}; review before use",
            sources=(source,),
        )
    except ValidationError as exc:  # a bug here, not bad input: say which posting caused it
        raise InvalidInputError(
            f"{source}: could not build a valid draft for {found.title!r}: {exc}"
        ) from exc


def build_drafts(text: str, source_name: str) -> list[RoleProfile]:
    """One draft per posting in the document (see :func:`split_postings`)."""
    if not text or not text.strip():
        raise EmptyDocumentError(f"{_source_name(source_name)}: the job description is empty")
    return [build_draft(posting, source_name) for posting in split_postings(text)]


_DRAFT_HEADER = (
    "# DRAFT role profile built by `recommender profiles build`; it still quotes the posting.\n"
    "# Review it, reword it in the project's own words and check every fact before moving it\n"
    "# into role_profiles/.\n"
)


def write_draft(profile: RoleProfile, directory: Path) -> Path:
    """Write ``profile`` as ``<id>.yaml`` in ``directory`` (created if missing); return the path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{profile.id}.yaml"
    data = profile.model_dump(mode="json", exclude_none=True)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(_DRAFT_HEADER + text, encoding="utf-8")
    return path
