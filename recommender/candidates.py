"""Every candidate input -> :class:`~recommender.candidate_types.CandidateProfile`.

Inputs are résumé files (plain text, PDF, DOCX), pasted résumé text, and a
self-assessment (JSON). The flow for a résumé is::

    read_document -> clean_text -> parse_positions / estimate_years / detect_education
                  -> strip_personal_details -> split_sentences -> detect_hidden_instructions
                  -> CandidateProfile

Dates and education are read before personal details are stripped (job dates are
needed), but nothing personal is ever stored: the profile keeps only sentences with
names, contacts, ages, pronouns and addresses removed, plus numbers and titles.

Every problem a user can cause raises an :mod:`recommender.errors` exception whose
message says what to do. Messages never quote the document's text (it is personal).
"""

from __future__ import annotations

import html
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from recommender.candidate_types import CandidateProfile, Position, SelfRatedSkill
from recommender.errors import (
    EmptyDocumentError,
    FileTooLargeError,
    InvalidInputError,
    RecommenderError,
    UnsupportedFileError,
)
from recommender.profiles import EducationLevel, Seniority
from recommender.text_numbers import number_value

__all__ = [
    "SelfAssessment",
    "SkillRating",
    "candidate_from_payload",
    "clean_text",
    "detect_education",
    "detect_hidden_instructions",
    "estimate_years",
    "load_candidate_file",
    "parse_positions",
    "parse_resume",
    "parse_self_assessment",
    "read_document",
    "split_sentences",
    "strip_personal_details",
]

DEFAULT_MAX_BYTES = 5_000_000
# A real résumé's unpacked DOCX is well under 2 MB; 20 MB leaves room for embedded
# images while stopping zip bombs before python-docx inflates them.
MAX_UNPACKED_DOCX_BYTES = 20_000_000
MAX_DOCX_RATIO = 100
MAX_DOCX_MEMBERS = 1_000
# Nobody's résumé runs to 50 pages; past that it is a bundle, and extraction time grows.
MAX_PDF_PAGES = 50
MAX_SENTENCES = 400
# About 60 pages of text: far beyond any résumé, and it bounds the regex work per request
# (each pass costs ~0.2 s per MB in pure Python).
MAX_RESUME_CHARS = 200_000
ACCEPTED_TYPES = "plain text (.txt), PDF with a text layer (.pdf), Word (.docx) or a self-assessment (.json)"

ENGLISH_ONLY_WARNING = "the model is English-only; scores for text in other languages are unreliable"

# --------------------------------------------------------------------------- reading files


def read_document(data: bytes, filename: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Text of an uploaded file, its type told by its content (not its name).

    ``filename`` only sharpens error messages (its extension, never the name itself,
    which often holds the candidate's name).
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise InvalidInputError("expected the file's bytes")
    data = bytes(data)
    if len(data) > max_bytes:
        raise FileTooLargeError(
            f"the file is {len(data):,} bytes, over the {max_bytes:,}-byte limit; "
            "upload a shorter résumé or paste its text"
        )
    if not data.strip(b" \t\r\n\f\v\x00"):
        raise EmptyDocumentError("the file is empty; upload a résumé with text in it or paste the text")
    if data.lstrip()[:5] == b"%PDF-":
        text = _read_pdf(data)
    elif data[:4] == b"PK\x03\x04":
        text = _read_docx(data)
    else:
        text = _read_plain_text(data, filename)
    if not _VISIBLE.search(text):
        raise EmptyDocumentError(
            "the document holds no text; upload a résumé with text in it or paste the text"
        )
    return text


def _extension(filename: str | None) -> str:
    return Path(filename).suffix.lower() if filename else ""


def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    damaged = (
        "the PDF could not be read: it looks damaged or truncated; "
        "export it again (File > Save as PDF) or paste the text instead"
    )
    protected = (
        "the PDF is password-protected; save a copy without a password "
        "(or print it to a new PDF) and upload that, or paste the text instead"
    )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except DependencyError as exc:
                raise InvalidInputError(protected) from exc
            if not unlocked:
                raise InvalidInputError(protected)
        pages = reader.pages
        page_texts = [pages[i].extract_text() or "" for i in range(min(len(pages), MAX_PDF_PAGES))]
    except RecommenderError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged input; none may escape raw
        raise InvalidInputError(damaged) from exc
    text = "\n".join(page_texts)
    if not _VISIBLE.search(text):
        raise EmptyDocumentError(
            "the PDF has no text layer: it looks like a scanned image; upload a PDF with "
            "selectable text (exported from Word or Google Docs) or paste the text instead"
        )
    return text


def _read_docx(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise InvalidInputError(
            "the file looks like a Word .docx (a ZIP archive) but is damaged; "
            "save it again from Word or paste the text instead"
        ) from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_DOCX_MEMBERS:
            raise FileTooLargeError(
                f"the .docx holds {len(members):,} parts (the limit is {MAX_DOCX_MEMBERS:,}); "
                "save it again from Word or paste the text instead"
            )
        unpacked = sum(m.file_size for m in members)
        if unpacked > MAX_UNPACKED_DOCX_BYTES or unpacked > MAX_DOCX_RATIO * max(len(data), 1):
            raise FileTooLargeError(
                f"the .docx unpacks to {unpacked:,} bytes (the limit is {MAX_UNPACKED_DOCX_BYTES:,} "
                f"and {MAX_DOCX_RATIO}x its size); save a plain copy from Word or paste the text instead"
            )
        names = {m.filename for m in members}
        if "word/document.xml" not in names:
            raise UnsupportedFileError(
                f"the file is a ZIP archive but not a Word .docx document; accepted: {ACCEPTED_TYPES}"
            )
        # Declared sizes can lie: inflate the main part with a hard cap before python-docx does.
        try:
            with archive.open("word/document.xml") as member:
                if len(member.read(MAX_UNPACKED_DOCX_BYTES + 1)) > MAX_UNPACKED_DOCX_BYTES:
                    raise FileTooLargeError(
                        f"the .docx text unpacks to over {MAX_UNPACKED_DOCX_BYTES:,} bytes; "
                        "save a plain copy from Word or paste the text instead"
                    )
        except RecommenderError:
            raise
        except Exception as exc:  # zlib/zipfile errors on a damaged member
            raise InvalidInputError(
                "the .docx is damaged (its text part cannot be unpacked); "
                "save it again from Word or paste the text instead"
            ) from exc
    try:
        from docx import Document

        document = Document(io.BytesIO(data))
        lines = list(_docx_lines(document))
    except Exception as exc:  # python-docx/lxml raise many kinds on malformed parts
        raise InvalidInputError(
            "the .docx could not be read (its content is malformed); "
            "save it again from Word, export it as PDF, or paste the text instead"
        ) from exc
    return "\n".join(lines)


def _docx_lines(container: Any) -> Iterator[str]:
    """Paragraphs and table rows in document order; merged cells once; nested tables too."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                cells: list[str] = []
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    text = "\n".join(_docx_lines(cell)).strip()
                    if text:
                        cells.append(text)
                if cells:
                    yield " | ".join(cells)
        else:
            yield block.text


_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Signatures of binary types people upload by mistake, with what to do instead.
_KNOWN_BINARIES: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0", "an old Word .doc (or other Office 97-2003) file; save it as .docx or PDF"),
    (b"{\\rtf", "a Rich Text (.rtf) file; save it as .docx, PDF or plain text"),
    (b"\x89PNG", "an image (PNG); upload the résumé as text, PDF or .docx"),
    (b"\xff\xd8\xff", "an image (JPEG); upload the résumé as text, PDF or .docx"),
    (b"GIF8", "an image (GIF); upload the résumé as text, PDF or .docx"),
)
# Any character that shows: not whitespace, control, zero-width or a bidi mark.
_VISIBLE = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def _read_plain_text(data: bytes, filename: str | None) -> str:
    for signature, what in _KNOWN_BINARIES:
        if data.startswith(signature):
            raise UnsupportedFileError(f"the file is {what}; accepted: {ACCEPTED_TYPES}")
    text = _decode(data)
    if text is None or len(_CONTROL_CHARS.findall(text)) > 0.05 * max(len(text), 1):
        ext = _extension(filename)
        named = ""
        if ext in {".pdf", ".docx"}:
            named = f"the file is named {ext} but its content is not a {ext[1:].upper()}; "
        raise UnsupportedFileError(f"{named}the file is not text, PDF or .docx; accepted: {ACCEPTED_TYPES}")
    return text


def _decode(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        return None  # UTF-16 without a BOM, or binary: cp1252 would "succeed" on either
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


# --------------------------------------------------------------------------- cleaning


def _words(text: str) -> frozenset[str]:
    """A set of the whitespace-separated words in ``text`` (word lists kept readable)."""
    return frozenset(text.split())


def _alternatives(text: str) -> tuple[str, ...]:
    """The "|"-separated phrases in ``text``, whitespace normalised (long lists wrap freely)."""
    return tuple(" ".join(part.split()) for part in text.split("|") if part.strip())


# Mojibake left by UTF-8 read as cp1252 (seen in scraped résumés), fixed before NFKC.
_MOJIBAKE = {
    "â€™": "'",
    "â€˜": "'",
    "â€œ": '"',
    "â€\x9d": '"',
    "â€“": "-",
    "â€”": "-",
    "â€¢": "•",
    "â€¦": "...",
    "Â ": " ",
    "Â·": "·",
}
_NOT_PLAIN_ASCII = re.compile(r"[^\x20-\x7e\n]")
_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SPACE_AROUND_NEWLINE = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")


def _is_removed_char(char: str) -> bool:
    if char == "\n":
        return False
    category = unicodedata.category(char)
    # Cf: format characters: bidi overrides and isolates (U+202A-E, U+2066-9), marks
    # (U+200E/F, U+061C), zero-width (U+200B-D, U+2060, U+FEFF), soft hyphen, and the
    # invisible "tag" characters (U+E0000 block) used to smuggle hidden instructions.
    if category in {"Cc", "Cf", "Cs", "Co", "Cn"}:
        return True
    # Variation selectors can also carry hidden payloads; English text never needs them.
    return "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef"


def clean_text(text: str) -> str:
    """NFKC-normalise; drop control, bidi-override/isolate and zero-width characters; keep newlines."""
    if not text:
        return ""
    text = _LINE_BREAKS.sub("\n", text)
    for bad, good in _MOJIBAKE.items():
        text = text.replace(bad, good)
    text = html.unescape(text) if "&" in text else text
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\t", " ")
    # Only characters outside printable ASCII need the (slower) Unicode category check.
    text = _NOT_PLAIN_ASCII.sub(lambda m: "" if _is_removed_char(m.group()) else m.group(), text)
    text = _SPACES.sub(" ", text)
    text = _SPACE_AROUND_NEWLINE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


# --------------------------------------------------------------------------- personal details

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_LABELS = (
    r"(?:full\s+|first\s+|last\s+|candidate(?:'s)?\s+|family\s+)?name|e-?mail(?:\s+address)?|phone(?:\s+number)?"
    r"|mobile(?:\s+number)?|cell(?:\s+phone)?|tel(?:ephone)?|home\s+address|address|post\s*code|zip(?:\s+code)?"
    r"|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|place\s+of\s+birth|age|gender|sex|marital\s+status"
    r"|civil\s+status|nationality|citizenship|religion|ethnicity|race|pronouns?|linked\s*in|website"
    r"|portfolio|passport(?:\s+(?:no|number))?|national\s+insurance(?:\s+(?:no|number))?|ni\s+number"
    r"|ssn|social\s+security(?:\s+number)?|visa(?:\s+status)?|dependants|dependents|children|contact(?:\s+details)?"
)
_LABEL_LINE = re.compile(rf"^\W*(?:{_LABELS})\s*(?::|\s[-–]\s)", re.IGNORECASE)
# Sensitive "label: value" pairs in the middle of a line; the value runs to the next separator.
_INLINE_LABEL = re.compile(
    r"\b(?:gender|sex|marital\s+status|civil\s+status|nationality|citizenship|religion|ethnicity|pronouns?"
    r"|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|age|(?:supervisor|manager|reference|referee)(?:'s)?\s+name"
    r"|(?:supervisor|manager|reference|referee)(?:'s)?\s+(?:phone|e-?mail))\s*:\s*[^|;•\n,)]*",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"\b(?:https?://|www\.)\S+|\b(?:[\w-]+\.)*(?:linkedin|github|facebook|twitter|instagram|x|tiktok"
    r"|behance|dribbble|medium|about\.me|indeed)\.com/\S*",
    re.IGNORECASE,
)
_PHONE = re.compile(
    r"(?<![\w+/.-])(?:\+?\d{1,3}[\s.-]?)?(?:\(0\)[\s.-]?)?(?:\(\d{2,5}\)|\d{2,5})(?:[\s.-]?\d{2,5}){1,4}"
    r"(?:\s*(?:x|ext\.?)\s*\d{1,5})?(?![\w/])"
)
_YEAR_GROUP = re.compile(r"^(?:19|20)\d\d$")
_STREET_TYPES = (
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr|Court|Ct|Place|Pl|Way|Close|Crescent"
    r"|Terrace|Parkway|Pkwy|Highway|Hwy|Square|Sq|Circle|Cir"
)
_STREET = re.compile(
    r"(?:\b(?:Flat|Apt|Apartment|Unit|Suite)\.?\s*\d+\w*,?\s*)?"
    r"\b\d{1,5}[A-Za-z]?,?\s+(?:(?:[A-Z][\w'.-]*|de|des|du|la|le|of|the)\s+){0,4}?[A-Z][\w'.-]*\s+"
    rf"(?:{_STREET_TYPES})\b\.?(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b)?"
    r"(?:,?\s*(?:Apt|Apartment|Suite|Ste|Unit|Flat|#)\.?\s*[\w-]+)?"
    r"(?:\s*,\s*[A-Z][\w .'-]{0,40}){0,3}"
)
_HEADER_SPLIT = re.compile(r"\s*(?:\||·|•|—|–|\s-\s)\s*")
_CITY_STATE = re.compile(r"\b(?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+,\s*[A-Z]{2}\b(?!\w)")
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM"
    "|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
# "Tampa FL", "Portland OR" in a header line: a city and a state code without the comma.
_CITY_STATE_NO_COMMA = re.compile(rf"\b(?:[A-Z][a-z]+\s){{0,2}}[A-Z][a-z]+\s+(?:{_US_STATES})\b(?![\w'])")
_CITY_STATE_ZIP = re.compile(r"\b(?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+,\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")
_STATE_ZIP = re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")
_UK_POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2}\b")
_PO_BOX = re.compile(r"\bP\.?\s?O\.?\s+Box\s+\d+\b", re.IGNORECASE)
_BORN = re.compile(r"(?<![\w-])born\b.*?(?=\.\s|[|;\n]|$)", re.IGNORECASE | re.MULTILINE)
_AGE = re.compile(
    r"\baged?\s*[:\-]?\s*\d{1,3}\b|\b\d{1,3}\s*(?:years?|yrs?)[\s-]*old\b|\b\d{1,3}\s*y/o\b", re.IGNORECASE
)
_PRONOUN_MARKER = re.compile(
    r"\(?\b(?:she|he|they|ze|xe)\s*/\s*(?:her|him|them|hir|zir|xem|hers|his|theirs)"
    r"(?:\s*/\s*(?:hers|his|theirs|her|him|them))?\b\)?",
    re.IGNORECASE,
)
# "their"/"themselves" too: the fairness check swaps them with "his"/"her", so they must go alike.
_PRONOUN = re.compile(
    r"\b(?:he|she|him|her|his|hers|they|them|their|theirs|himself|herself|themselves|themself)\b",
    re.IGNORECASE,
)
_INITIAL = re.compile(r"^[A-Z]\.?$")
_NAME_LINE = re.compile(
    r"^\W*(?:full\s+|candidate(?:'s)?\s+)?name\s*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE
)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][A-Za-z'’-]*\.?|[A-Z]\.)$")
_SEPARATORS = " \t|•·,;:-–—/\\()[]<>*_~"
# Words that make a first line a headline or heading rather than a person's name.
_NOT_NAME_WORDS = _words(
    """
    agent representative rep reps associate advisor adviser specialist manager supervisor director
    clerk operator cashier receptionist analyst trainer coordinator co-ordinator lead leader officer
    assistant executive consultant engineer administrator admin administrative customer customers
    service services care support call centre center contact sales quality assurance senior junior
    head chief vice president team operations resume résumé cv curriculum vitae profile summary
    experience skills education objective professional personal information details client member
    patient guest help desk front office account banking credit technical training development human
    resources advocate coach teller worker nurse teacher tutor driver chef cook accountant designer
    developer registered financial business marketing retail hospitality graduate student intern
    apprentice volunteer owner founder partner expert principal staff employee helpdesk it qa sr jr
    the and of for in at to with my a an work history employment career references highlights
    accomplishments qualifications overview statement about me key core new york
    """
)


def _looks_like_name(line: str) -> bool:
    words = line.strip(_SEPARATORS).split()
    if not 2 <= len(words) <= 4:
        return False
    return all(
        _INITIAL.match(w) or (_NAME_TOKEN.match(w) and w.strip(".").casefold() not in _NOT_NAME_WORDS)
        for w in words
    )


# Lines that may stand above the name without being it: a document heading, a page marker,
# or a sentence addressed to a ranking system (skipping only the first line let the name through).
_LEADING_NOT_NAME = re.compile(
    r"^(?:r[eé]sum[eé]|cv|curriculum\s+vitae|confidential|page\s+\d+(?:\s+of\s+\d+)?)$", re.IGNORECASE
)


def _first_content_line(lines: Sequence[str]) -> int | None:
    """Index of the first line that could be the name: past headings and hidden instructions."""
    for index, line in enumerate(lines):
        if not line or _LEADING_NOT_NAME.match(line.strip(_SEPARATORS)):
            continue
        if _reads_as_instruction(line):
            continue
        return index
    return None


def _name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """Every given name, and each without its middle parts ("Jane A. Doe" -> also "Jane Doe")."""
    variants: set[str] = set()
    for name in names:
        words = [w for w in name.strip(_SEPARATORS).split() if w]
        if len(words) >= 2:
            variants.add(r"\s+".join(map(re.escape, words)))
            variants.add(r"\s+".join(map(re.escape, (words[0], words[-1]))))
    if not variants:
        return None
    alternatives = "|".join(sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:['’]s)?(?!\w)", re.IGNORECASE)


def _remove_phones(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        digits = re.sub(r"\D", "", found.split("x")[0].split("ext")[0])
        groups = re.findall(r"\d+", found)
        if not 9 <= len(digits) <= 15 or sum(bool(_YEAR_GROUP.match(g)) for g in groups) >= 2:
            return found
        return ""

    return _PHONE.sub(replace, text)


def _scrub_contacts(text: str) -> str:
    """E-mails, URLs and phone numbers only: safe on any fragment (titles, skill names)."""
    text = _EMAIL.sub("", text)
    text = _URL.sub("", text)
    return _remove_phones(text)


_PLACE = re.compile(r"^(?:[A-Z][\w'’.-]*\s?){1,3}$")


def _has_phone(line: str) -> bool:
    """A phone number, not a run of years: "555-0115" or "07700 900321", not "2014–2019"."""
    for match in _PHONE.finditer(line):
        groups = re.findall(r"\d+", match.group(0))
        if 7 <= sum(map(len, groups)) <= 15 and not all(_YEAR_GROUP.match(g) for g in groups):
            return True
    return False


def _drop_places(line: str) -> str:
    """On a line with an e-mail or phone number, a bare place name beside them ("Birmingham |
    07700 900321 | ...") is part of the address: drop segments of 1-3 capitalised words that
    name no job."""
    if not (_EMAIL.search(line) or _has_phone(line)):
        return line
    segments = _HEADER_SPLIT.split(line)
    if len(segments) < 2:
        return line

    def is_place(seg: str) -> bool:
        plain = seg.strip(_SEPARATORS)
        return bool(_PLACE.match(plain)) and not _JOB_WORDS.search(plain) and not re.search(r"\d", plain)

    def is_short_number(seg: str) -> bool:
        # A local number ("555-0115") beside an e-mail: too short for the general phone rule,
        # which must leave "2019-2021" and "120-150 calls" alone.
        return bool(re.fullmatch(r"[\d\s().+-]+", seg.strip())) and len(re.sub(r"\D", "", seg)) >= 7

    kept = [seg for seg in segments if not (is_place(seg) or (_EMAIL.search(line) and is_short_number(seg)))]
    return line if len(kept) == len(segments) else " | ".join(kept)


def strip_personal_details(text: str) -> str:
    """Remove names, contacts, addresses, birth dates, ages, gender, pronouns and nationality.

    Job content and employment dates stay. The name is the first non-empty line when it
    reads as a person's name (2-4 capitalised words, no job or heading words), or a
    ``Name:`` line; every later occurrence of that name goes too.
    """
    return _strip_personal_details(text)[0]


def _strip_personal_details(text: str) -> tuple[str, list[str]]:
    """:func:`strip_personal_details`, and the names it found (to keep them out of job titles)."""
    if not text:
        return "", []
    names = [m.group(1) for m in _NAME_LINE.finditer(text) if _looks_like_name(m.group(1))]
    lines = [_drop_places(line) for line in text.split("\n") if not _LABEL_LINE.match(line)]
    text = "\n".join(lines)
    text = _scrub_contacts(text)
    text = _INLINE_LABEL.sub("", text)
    text = _BORN.sub("", text)
    text = _AGE.sub("", text)
    text = _STREET.sub("", text)
    text = _PO_BOX.sub("", text)
    text = _CITY_STATE_ZIP.sub("", text)
    text = _STATE_ZIP.sub("", text)
    text = _UK_POSTCODE.sub("", text)
    text = _PRONOUN_MARKER.sub("", text)
    text = _PRONOUN.sub("", text)

    lines = [_tidy_line(line) for line in text.split("\n")]
    first = _first_content_line(lines)
    if first is not None:
        # The name is usually the first line, but a headline may stand above it
        # ("Customer Service Agent" / "Jordan Quill"): look at the first three lines.
        header = [i for i in range(first, len(lines)) if lines[i]][:3]
        for index in header:
            if _looks_like_name(lines[index]):
                names.append(lines[index])
                lines[index] = ""
                break
            # "Evan Morales | Tucson, AZ" or "Priya Raman — Jersey City, NJ": the first segment.
            segments = [seg for seg in _HEADER_SPLIT.split(lines[index]) if seg.strip(_SEPARATORS)]
            if len(segments) > 1 and _looks_like_name(segments[0]):
                names.append(segments[0].strip(_SEPARATORS))
                break
            # "Rebecca Hollis, Training Specialist, Tampa FL, ...": a one-paragraph résumé.
            by_comma = lines[index].split(",", 1)
            if len(by_comma) > 1 and _looks_like_name(by_comma[0]):
                names.append(by_comma[0].strip(_SEPARATORS))
                break
    # A bare "City, ST" in the header lines is an address too (no street, no ZIP).
    for index in range(min(len(lines), (first or 0) + 3)):
        lines[index] = _tidy_line(_CITY_STATE_NO_COMMA.sub("", _CITY_STATE.sub("", lines[index])))
    name_re = _name_pattern(names)
    if name_re is not None:
        lines = [_tidy_line(line) for line in name_re.sub("", "\n".join(lines)).split("\n")]
    kept = [line for line in lines if line and line.strip(_SEPARATORS)]
    return "\n".join(kept), names


_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_RUNS_OF_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,;:.!?])")
_DANGLING_PUNCTUATION = re.compile(r"[,;:]+(?=[.,;:])")
_REPEATED_SEPARATORS = re.compile(r"(?:\s*[|•·,;]\s*){2,}")


def _tidy_line(line: str) -> str:
    """A line after removals: no empty brackets, doubled spaces or separators left dangling."""
    line = _EMPTY_BRACKETS.sub("", line)
    line = _RUNS_OF_SPACES.sub(" ", line)
    line = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", line)
    line = _DANGLING_PUNCTUATION.sub("", line)
    line = _REPEATED_SEPARATORS.sub(" | ", line)
    # A leading bullet marks a new item for split_sentences: keep it, tidy the rest.
    bullet = _BULLET.match(line)
    marker = ""
    if bullet:
        marker, line = "• ", line[bullet.end() :]
    rest = line.strip().strip("|•·,; ").strip()
    return marker + rest if rest else ""


# --------------------------------------------------------------------------- sections & sentences

_HEADINGS: dict[str, str] = {}
for _kind, _names in {
    "experience": """experience|work experience|professional experience|employment|employment history
        |work history|career history|relevant experience|experience and employment|job history|positions held
        |professional history|career experience|work|employment experience|experience history""",
    "education": """education|education and training|education & training|academic background
        |academic qualifications|qualifications|certifications|certificates|licenses|licences
        |licenses and certifications|certifications and licenses|training|courses|professional development
        |educational background|education and qualifications|training attended|academic history""",
    "skills": """skills|key skills|skill highlights|core competencies|competencies|technical skills|highlights
        |strengths|core strengths|languages|computer skills|areas of expertise|expertise|skills summary
        |core qualifications|skill set|skillset|abilities|professional skills""",
    "summary": """summary|professional summary|profile|professional profile|personal profile|objective
        |career objective|about me|personal statement|executive profile|executive summary|career overview
        |overview|qualifications summary|summary of qualifications|professional background|career summary""",
    "other": """accomplishments|achievements|awards|honors|honours|interests|hobbies|references
        |volunteer|volunteer experience|volunteering|volunteer work|additional information|activities
        |affiliations|memberships|publications|projects|personal details|personal information|contact
        |contact information|community service|leadership activities""",
}.items():
    for _name in _alternatives(_names):
        _HEADINGS[_name] = _kind


def _heading_kind(line: str) -> str | None:
    """The section a heading line opens ("Experience", "SKILLS:", "Skills: Excel, ..."), else None."""
    key = " ".join(line.strip(" :-–—|•*#").casefold().split())
    if key in _HEADINGS:
        return _HEADINGS[key]
    head, sep, _ = line.partition(":")
    if sep:
        key = " ".join(head.strip(" -–—|•*#").casefold().split())
        return _HEADINGS.get(key)
    return None


_BULLET = re.compile(r"^\s*(?:[•\-*·▪◦●○■□➢►✓✔–—>]+\s*|\d{1,2}[.)]\s+)")
_INLINE_BULLET = re.compile(r"\s+[•·▪◦●■➢►✓✔]\s+|\s+\*\s+")
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')]*\s+(?=[A-Z0-9\"“‘(])")
_ABBREVIATIONS = _words(
    "e.g i.e etc mr mrs ms dr st jr sr inc ltd co corp no vs approx dept u.s u.k a.m p.m "
    "jan feb mar apr jun jul aug sep sept oct nov dec mt ft"
)
_JOIN_WORDS = _words("and or the of to with for a an in on at by as from including our my")
_PLACEHOLDER_WORDS = frozenset({"company", "name", "city", "state", "country"})


def _should_join(previous: str, line: str) -> bool:
    """Is ``line`` the wrapped continuation of ``previous`` (PDF line breaks mid-sentence)?"""
    if not previous or previous[-1] in ".!?:;":
        return False
    if line[0].islower():
        return True
    last = previous.split()[-1].casefold()
    return previous[-1] in ",&/" or last in _JOIN_WORDS


def _split_on_sentence_ends(unit: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(unit):
        before = unit[start : match.start()].split()
        last = before[-1].casefold().rstrip(".") if before else ""
        if last in _ABBREVIATIONS or re.fullmatch(r"[A-Za-z]", last):
            continue
        pieces.append(unit[start : match.end()].strip())
        start = match.end()
    pieces.append(unit[start:].strip())
    out: list[str] = []
    for piece in pieces:
        if len(piece) > 300 and ";" in piece:
            out.extend(p.strip() for p in piece.split(";"))
        else:
            out.append(piece)
    return [p for p in out if p]


def _is_noise(fragment: str) -> bool:
    words = re.findall(r"[^\W\d_]+", fragment)
    if not words or len(fragment) < 3:
        return True
    if _heading_kind(fragment) is not None and (len(fragment.split()) < 3 or ":" not in fragment):
        return True
    if all(w.casefold() in _PLACEHOLDER_WORDS for w in words):
        return True
    # A bare date range ("08/2014 to Current") is not evidence of anything.
    rest = _DATE_RANGE.sub("", fragment)
    return not re.search(r"[^\W\d_]{2,}", rest)


_CLAUSE_BREAK = re.compile(r"\s*(?:;|\s[—–]\s|,\s+(?:and\s+)?)\s*")
_LONG_SENTENCE_WORDS = 28
_MIN_CLAUSE_WORDS = 4


def _clauses(sentence: str) -> list[str]:
    """A long sentence ("Day to day I take the calls..., review..., build..., and send...")
    split into its clauses, so each duty is evidence on its own rather than one sentence
    matching every skill a little. Short sentences stay whole."""
    if len(sentence.split()) <= _LONG_SENTENCE_WORDS:
        return [sentence]
    clauses: list[str] = []
    for piece in _CLAUSE_BREAK.split(sentence):
        piece = piece.strip(" ,;")
        if not piece:
            continue
        if clauses and len(piece.split()) < _MIN_CLAUSE_WORDS:
            clauses[-1] = f"{clauses[-1]}, {piece}"
        else:
            clauses.append(piece)
    if len(clauses) > 1 and len(clauses[0].split()) < _MIN_CLAUSE_WORDS:
        clauses[1] = f"{clauses[0]}, {clauses[1]}"
        clauses.pop(0)
    return clauses


def split_sentences(text: str) -> list[str]:
    """Sentences and bullets, in order, deduplicated, headings and bare dates dropped (400 at most)."""
    units: list[str] = []
    buffer = ""
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            if buffer:
                units.append(buffer)
            buffer = ""
            continue
        is_bullet = bool(_BULLET.match(line)) and not _DATE_RANGE.match(line)
        if is_bullet:
            line = _BULLET.sub("", line, count=1).strip()
        # A line addressed to a ranking system is never glued to the line before it as a wrapped
        # continuation: its removal would take that line's real sentence with it.
        if (
            buffer
            and not is_bullet
            and _heading_kind(line) is None
            and _should_join(buffer, line)
            and not _reads_as_instruction(line)
        ):
            buffer = f"{buffer} {line}"
            continue
        if buffer:
            units.append(buffer)
        buffer = line
        if len(units) > 4 * MAX_SENTENCES:
            break
    if buffer:
        units.append(buffer)

    sentences: list[str] = []
    seen: set[str] = set()
    for unit in units:
        for part in _INLINE_BULLET.split(unit):
            for sentence in (c for s in _split_on_sentence_ends(part.strip()) for c in _clauses(s)):
                sentence = _BULLET.sub("", sentence, count=1).strip(" |,;-–—")
                if _is_noise(sentence):
                    continue
                key = " ".join(sentence.casefold().split())
                if key in seen:
                    continue
                seen.add(key)
                sentences.append(sentence)
                if len(sentences) >= MAX_SENTENCES:
                    return sentences
    return sentences


# --------------------------------------------------------------------------- hidden instructions

_INSTRUCTION_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bignore\b.{0,40}\b(?:instructions?|rules|prompts?|guidelines|directions|criteria)\b",
        r"\brank\s+(?:me|this\s+(?:candidate|applicant|resume|résumé|cv|person))\b.{0,40}?\b(?:as|first|top|highest|#\s*1)\b",
        # "System:"/"Assistant:" roles, but not a heading like "ASSISTANT: Paralegal, 2004".
        r"^\W*(?:system|assistant|developer|user)\s*:.*\b(?:you|your|ignore|rank|ranking|score|scoring"
        r"|candidate|applicant|must|always|never|respond|output|answer|rate|instructions?|model|ai)\b",
        r"<\|?\s*(?:im_start|im_end|system|assistant|endoftext)\s*\|?>|\[/?INST\]|<<\s*/?SYS\s*>>",
        r"\bscore\b.{0,40}(?<![\d.])1\.0+\b",
        r"\b(?:give|assign|award)\s+(?:me|this\s+(?:candidate|applicant|resume|résumé|cv))\b.{0,30}"
        r"\b(?:score|rating|rank)",
        r"\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|a\.i\.|artificial intelligence|language model|llm|chatbot"
        r"|assistant|gpt)\b",
        r"\bas\s+an?\s+(?:ai|language model|llm)\b",
        r"\bdisregard\b",
        # "prompt" alone is everyday résumé language ("prompt, courteous service"); only
        # its system sense counts.
        r"\b(?:system|hidden|previous|above|original|this|the|your)\s+prompt\b|\bprompt\s+(?:injection|instructions?)\b",
        r"\b(?:new|updated|override|hidden)\s+instructions?\b",
        r"\b(?:this|the)\s+(?:candidate|applicant)\s+(?:is|should\s+be)\s+(?:the\s+)?"
        r"(?:best|top|perfect|ideal)\s+(?:match|fit|candidate)\b",
        r"\b(?:note|message|instructions?)\s+(?:to|for)\s+(?:the\s+)?(?:automated\s+|automatic\s+)?"
        r"(?:ai|llm|model|ranking system|screening (?:system|tool)s?|ats"
        r"|recruit\w*\s+(?:system|tool|software))\b",
        r"\b(?:must|should|shall)\s+(?:always\s+)?be\s+(?:ranked|rated|scored|shortlisted|recommended|placed)\b",
        r"\bmatch\s+score\s+of\b|\bscore\s+of\s+100\s*%",
        r"\bdo\s+not\s+(?:mention|reveal|disclose|repeat)\s+(?:this|these|the)\s+(?:note|instructions?|message)\b",
        r"\b(?:assistant|system|ai|model|llm|screening|ranking)\s+(?:instructions?|override|message|prompt)\b",
        r"\b(?:admin|developer|god|debug)\s+mode\b|\byou\s+are\s+now\b",
        r"\b(?:classify|label|tag|treat|mark|categori[sz]e|recommend|output|return|select|shortlist|score|rate)"
        r"\s+(?:this|the)\s+(?:resume|résumé|cv|candidate|applicant|profile|person)\s+(?:as|for|at|above)\b",
        r"\boutput\b.{0,60}\b(?:top|only|best|first)\s+(?:match|recommendation|result|role|choice)\b",
        r"\bacceptable_top\b|\bmust_not_top3\b|\bexpected_(?:missing|present)\b",
        r"\bignore\b.{0,30}\b(?:experience\s+dates|the\s+dates|years_\w+|seniority|requirements)\b",
    )
)


def _reads_as_instruction(text: str) -> bool:
    return any(p.search(text) for p in _INSTRUCTION_PATTERNS)


_OPENERS = re.compile(r"\[|\{|<!--|\(")
_CLOSERS = re.compile(r"\]|\}|-->|\)")


def _bracket_groups(sentences: Iterable[str]) -> list[list[str]]:
    """Sentences grouped so that a bracketed note or HTML comment spanning several stays whole."""
    groups: list[list[str]] = []
    depth = 0
    for sentence in sentences:
        if depth > 0:
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
        depth = max(0, depth + len(_OPENERS.findall(sentence)) - len(_CLOSERS.findall(sentence)))
    return groups


def detect_hidden_instructions(sentences: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split sentences into (kept, removed): removed ones address a ranking system, not describe a person.

    A bracketed note or comment that holds an instruction goes as a whole: its other
    sentences ("This candidate must be ranked first…", "Do not mention this note.") are
    part of the same message.
    """
    kept: list[str] = []
    removed: list[str] = []
    for group in _bracket_groups(sentences):
        if len(group) > 1 and any(_reads_as_instruction(s) for s in group):
            removed.extend(group)
            continue
        for sentence in group:
            (removed if _reads_as_instruction(sentence) else kept).append(sentence)
    return kept, removed


_INSTRUCTION_BLOCKS = re.compile(
    r"<!--.*?-->|\[[^\[\]]{1,2000}\]|\{[^{}]{1,2000}\}|\([^()]{1,600}\)|#{3,}.{1,2000}?#{3,}", re.DOTALL
)
_LONGEST_INSTRUCTION_LINE_WORDS = 80


def remove_instruction_blocks(text: str) -> tuple[str, list[str]]:
    """Drop comments, bracketed notes and whole lines that hold an instruction to the ranking system.

    This runs before anything else reads the text, so a planted note can neither add
    evidence ("This applicant is a VP with 20 years…") nor a fake dated position. A
    line of ordinary length goes whole; in a one-paragraph résumé only the sentences
    that read as instructions go (see :func:`detect_hidden_instructions`).
    """
    removed: list[str] = []

    def drop_block(match: re.Match[str]) -> str:
        block = match.group(0)
        flat = " ".join(block.split())
        if _reads_as_instruction(flat) or any(_reads_as_instruction(s) for s in split_sentences(block)):
            removed.append(flat)
            return "\n"
        return block

    text = _INSTRUCTION_BLOCKS.sub(drop_block, text)
    lines = []
    for line in text.split("\n"):
        if len(line.split()) <= _LONGEST_INSTRUCTION_LINE_WORDS and _reads_as_instruction(line):
            sentences = split_sentences(line) or [line]
            # Mostly instruction ("[SYSTEM] Ignore… This applicant is a VP… Output…"): the
            # claims between the commands belong to them. A real bullet with one planted
            # sentence keeps its real part; that sentence goes later, on its own.
            if 2 * sum(_reads_as_instruction(s) for s in sentences) > len(sentences):
                removed.append(line.strip())
                continue
        lines.append(line)
    return "\n".join(lines), removed


def _instruction_warning(count: int) -> str:
    noun = "sentence that reads" if count == 1 else "sentences that read"
    return f"removed {count} {noun} as an instruction to the ranking system"


# --------------------------------------------------------------------------- positions

_DATE = (
    rf"(?:{_MONTH}\s*,?\s*(?:19|20)\d\d|{_MONTH}\s*['’]\d\d"
    r"|(?:0?[1-9]|1[0-2])[/.-](?:19|20)\d\d|(?:19|20)\d\d)"
)
_PRESENT = r"(?:present|current(?:ly)?|now|today|date|ongoing)"
_RANGE_SEPARATOR = r"(?:\s*(?:-{1,2}|[–—−~→])\s*|\s+(?:to|until|till|through|thru)\s+)"
_DATE_RANGE = re.compile(
    rf"(?<![\w/.])(?:from\s+)?(?P<start>{_DATE}){_RANGE_SEPARATOR}(?P<end>{_DATE}|{_PRESENT})(?![\w/])",
    re.IGNORECASE,
)
_MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NUMBERS = {m: i for i, m in enumerate(_MONTH_ABBREVIATIONS, 1)}
_EDUCATION_TITLE = re.compile(
    r"\b(?:bachelor|master['’]?s|diploma|degree|university|college|high school|gcses?|a[\s-]levels?"
    r"|b\.?sc|mba|ph\.?d|coursework|graduated)\b",
    re.IGNORECASE,
)
_JOB_WORDS = re.compile(
    r"\b(?:agent|representative|rep|associate|advisor|adviser|specialist|manager|supervisor|director|clerk"
    r"|operator|cashier|receptionist|analyst|trainer|coordinator|co-ordinator|lead|leader|officer|assistant"
    r"|executive|consultant|engineer|administrator|tutor|teacher|instructor|coach|worker|staff|intern"
    r"|technician|president|head|chief|owner|founder|advocate|teller|counselor|counsellor|recruiter"
    r"|generalist|sme|expert|ambassador|host|hostess|server|driver|nurse|caseworker|handler|processor)\b",
    re.IGNORECASE,
)


def _parse_date(token: str, *, today: date, is_end: bool) -> float | None:
    """A date as a fractional year. A month ending a range counts in full ("to Dec 2020" = 2021.0);
    a year alone sits at its start, so "2014-2018" reads as four years."""
    token = token.strip().casefold()
    if re.fullmatch(_PRESENT, token):
        return today.year + (today.month - 1 + (today.day - 1) / 31) / 12
    month = 0
    month_match = re.match(r"[a-z]+", token)
    if month_match:
        month = _MONTH_NUMBERS.get(month_match.group(0)[:3], 0)
    numbers = re.findall(r"\d+", token)
    if not numbers:
        return None
    if month_match and len(numbers[-1]) == 2:  # "Jan '16"
        year = (
            2000 + int(numbers[-1]) if int(numbers[-1]) <= today.year % 100 + 1 else 1900 + int(numbers[-1])
        )
    elif len(numbers) == 2:  # "03/2014"
        month, year = int(numbers[0]), int(numbers[1])
    else:
        year = int(numbers[-1])
    if month:
        return year + (month - (0 if is_end else 1)) / 12
    return float(year)


# Placeholders the scraped résumés put where employers and places were.
_PLACEHOLDERS = re.compile(r"Company Name|\bCity\s*,\s*State(?:\s*,\s*[A-Z][\w.]*)?\b")
_PLACEHOLDER_PARTS = frozenset({"", "city", "state", "country", "us", "usa"})


def _title_from(fragment: str) -> str:
    """The job title in a fragment of a line: before 'Company Name', a '|', ',', ' - ' or ' at '."""
    parts = [p.strip(_SEPARATORS) for p in _PLACEHOLDERS.split(fragment)]
    fragment = next((p for p in parts if p.casefold() not in _PLACEHOLDER_PARTS), "")
    if "|" in fragment:
        fragment = next((p.strip(_SEPARATORS) for p in fragment.split("|") if p.strip(_SEPARATORS)), "")
    # Prose ("Prior to this I worked at ... from 2007 to 2008") is not a title; a long
    # "TITLE — Company (what the account was) — " line still starts with one.
    if len(fragment.split()) > 12 and not re.search(r"\s[-–—]\s", fragment):
        return ""
    fragment = re.split(r",|\s[-–—]\s|\s\(|\s+at\s+|:", fragment, maxsplit=1)[0]
    fragment = _LEADING_HEADING.sub("", fragment).strip(_SEPARATORS)
    if fragment.casefold() in _PLACEHOLDER_PARTS or not re.search(r"[^\W\d_]{2,}", fragment):
        return ""
    return _scrub_contacts(fragment).strip(_SEPARATORS)[:80]


def _looks_like_title_line(line: str | None) -> bool:
    if not line or _heading_kind(line) is not None or _DATE_RANGE.search(line):
        return False
    title = _title_from(line)
    return bool(title) and not line.rstrip().endswith(".") and len(title.split()) <= 8 and title[0].isupper()


_HEAD_OF_FLOOR_STAFF = re.compile(
    r"^head\s+(?:cashier|chef|cook|teller|waiter|waitress|server|housekeeper|porter|receptionist|bartender"
    r"|lifeguard|custodian|gardener|clerk|agent)\b"
)
_EXEC_HEAD = re.compile(
    r"\bhead\s+of\s+(?:customer\s+experience|cx|experience|operations|service\s+operations)\b"
)
# Managers of a programme or a function rather than of a team of people. Training and quality
# managers in a contact centre run a specialism: they match the specialist roles, not the ladder.
_NOT_PEOPLE_MANAGER = re.compile(
    r"\b(?:account|case|relationship|project|program|programme|product|portfolio|key\s+account|social\s+media"
    r"|training|learning|quality|qa"
    r"|community|content|brand|category|property|records|data|document|inventory)\s+(?:manager|mgr)\b"
)


# Playful start-up titles name no rank: a "Head of Happiness" or "Chief Happiness Officer"
# a few years out of school is a front-line agent in grand words.
_WHIMSICAL_TITLE = re.compile(
    r"\b(?:happiness|happy|delight|ninja|hero|heroes|rock\s?star|guru|wizard|evangelist|jedi|superstar"
    r"|magician|unicorn|champion|wow|joy|smiles?|awesome(?:ness)?)\b"
)


def _level_for_title(title: str) -> Seniority:
    """Career level from a job title, highest rung first."""
    t = title.casefold()
    if _WHIMSICAL_TITLE.search(t):
        return Seniority.ENTRY
    if (
        re.search(r"\bchief\b|\bc[efimostx]o\b|\bcco\b|\bvp\b|\b[se]vp\b|vice[\s-]president", t)
        or re.search(r"\bmanaging\s+director\b|\bpresident\b", t)
        or _EXEC_HEAD.search(t)
    ):
        return Seniority.EXECUTIVE
    if re.search(_HEAD_OF_FLOOR_STAFF, t):
        return Seniority.SUPERVISOR
    if re.search(r"\bdirector\b|\bhead\s+of\b|^head\b", t):
        return Seniority.DIRECTOR
    if re.search(
        # A UK contact centre's "Team Manager" leads advisers, as a team leader does.
        r"\b(?:assistant|deputy|asst\.?)\s+(?:store\s+|branch\s+|shift\s+)?manager\b|\b(?:shift|team)\s+manager\b",
        t,
    ):
        return Seniority.SUPERVISOR
    if re.search(r"\bmanager\b|\bmgr\b", t) and not _NOT_PEOPLE_MANAGER.search(t):
        return Seniority.MANAGER
    if re.search(
        # A sergeant or petty officer leads a section of soldiers or sailors.
        r"\b(?:staff\s+|first\s+|master\s+)?sergeant\b|\bssg\b|\bpetty\s+officer\b|\bnco\b"
        r"|\bsupervisor\b|\bsupervising\b|\bforeman\b|\b(?:team|shift|floor|group|unit|section|site|crew)[\s-]+lead(?:er)?\b"
        r"|\blead(?:er)?$",
        t,
    ):
        return Seniority.SUPERVISOR
    if re.search(
        r"\bspecialist\b|\banalyst\b|\btrainer\b|\bco-?ordinator\b|\bquality\b|\bqa\b|\bsenior\b|\bsr\b\.?"
        r"|\bsme\b|subject\s+matter\s+expert|\bmanager\b|\bmgr\b|^lead\b|\bcoach\b|\bowner\b|\bfounder\b"
        r"|\bconsultant\b",
        t,
    ):
        return Seniority.SENIOR_IC
    return Seniority.ENTRY


_NUMBER = (
    r"(?:\d{1,2}(?:\.\d)?|(?:twenty|thirty|forty|fifty)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen)"
)
_PEOPLE = (
    r"(?:agents?|advisors?|advisers?|reps?|representatives?|staff|employees?|people|associates?|team\s+members"
    r"|members|direct\s+reports|reports|operators|analysts|supervisors|managers|specialists|colleagues"
    r"|trainees|clerks|workers|personnel|fte|headcount|team\s+leads?|team\s+leaders)"
)
_LEADING_HEADING = re.compile(
    r"^\s*(?:work\s+experience|professional\s+experience|experience|employment\s+history|work\s+history)\b\W*",
    re.I,
)
_MANAGES = re.compile(
    rf"\b(?:led|lead|leading|managed|manage|manages|managing|supervised|supervise|supervises|supervising"
    rf"|coached|coaching|oversaw|oversee|oversees|overseeing|directed|directing|headed)\b[^.;\n]{{0,60}}?"
    rf"(?:\bteam\s+of\s+(?:over\s+|up\s+to\s+|about\s+)?\b{_NUMBER}\b|\b{_NUMBER}\+?\s+(?:[\w-]+\s+){{0,2}}?{_PEOPLE}\b)",
    re.IGNORECASE,
)


def parse_positions(text: str, *, today: date | None = None) -> list[Position]:
    """Dated roles: a date range and the job title on its line or the nearest title line.

    Ranges in education, skills and other non-job sections are skipped; "present" and
    "current" mean ``today``.
    """
    today = today or date.today()
    now = today.year + (today.month - 1 + (today.day - 1) / 31) / 12
    lines = _join_split_ranges([line.strip() for line in text.split("\n")])
    first = next((line for line in lines if line), "")
    # A name on the first line is never a job title, even above a date.
    person = first.strip(_SEPARATORS).casefold() if _looks_like_name(first) else None
    section: str | None = None
    found: list[tuple[int, str, float, float]] = []
    for index, line in enumerate(lines):
        kind = _heading_kind(line)
        if kind is not None:
            if not line.partition(":")[2].strip():
                section = kind
                continue
            # "SKILLS: Zendesk, Intercom" is a section of one line: the jobs below it are
            # not skills.
            if kind not in ("experience", "summary"):
                continue
        elif section not in (None, "experience", "summary"):
            continue
        matches = list(_DATE_RANGE.finditer(line))
        for k, match in enumerate(matches):
            start = _parse_date(match.group("start"), today=today, is_end=False)
            end = _parse_date(match.group("end"), today=today, is_end=True)
            if start is None or end is None or start < 1950 or start > now or end < start:
                continue
            end = min(end, now)
            if end == start:
                end = start + (1 / 12 if re.search(r"[a-z]|/", match.group("start"), re.I) else 0.5)
            before = line[matches[k - 1].end() if k else 0 : match.start()]
            after = line[match.end() : matches[k + 1].start() if k + 1 < len(matches) else len(line)]
            title = _title_from(before) or _title_from(after)
            if not title:
                title = _title_from_neighbours(lines, index)
            elif not _JOB_WORDS.search(title):
                # "Desert Sun Insurance, Phoenix — Feb 2022 to present" under "TEAM LEAD, CUSTOMER
                # CARE": the date line names the employer, the line just above names the job.
                above = next((lines[i] for i in range(index - 1, max(index - 3, -1), -1) if lines[i]), None)
                if _looks_like_title_line(above) and _JOB_WORDS.search(_title_from(above or "")):
                    title = _title_from(above or "")
            if person and title.casefold() == person:
                title = ""
            if _EDUCATION_TITLE.search(title) and not _JOB_WORDS.search(title):
                continue
            found.append((index, title, start, end))

    positions: list[Position] = []
    seen: set[tuple[str, float, float]] = set()
    date_lines = sorted({i for i, *_ in found})
    for index, title, start, end in found:
        key = (title.casefold(), round(start, 3), round(end, 3))
        if key in seen:
            continue
        seen.add(key)
        next_dated = next((i for i in date_lines if i > index), len(lines))
        description = "\n".join(lines[index + 1 : min(next_dated, index + 41)])
        level = _level_for_title(title)
        manages = level >= Seniority.SUPERVISOR or bool(_MANAGES.search(description))
        positions.append(Position(title, round(start, 3), round(end, 3), level, manages))
    return positions


_LONE_DATE_START = re.compile(rf"(?:from\s+)?{_DATE}(?:{_RANGE_SEPARATOR})?", re.IGNORECASE)


def _join_split_ranges(lines: list[str]) -> list[str]:
    """Rejoin a range that PDF extraction spread over lines ("March 2014" / "to" / "November 2014").

    The joined range takes the first line; the lines it used become blank, so indices stay put.
    """
    lines = list(lines)
    for index, line in enumerate(lines):
        if not line or not _LONE_DATE_START.fullmatch(line) or _DATE_RANGE.search(line):
            continue
        joined = line
        for ahead in range(index + 1, min(index + 3, len(lines))):
            joined = f"{joined} {lines[ahead]}"
            if _DATE_RANGE.match(joined):
                lines[index] = joined
                for used in range(index + 1, ahead + 1):
                    lines[used] = ""
                break
    return lines


def _title_from_neighbours(lines: Sequence[str], index: int) -> str:
    """Title for a date on a line of its own: the nearest title line above, or below (livecareer style)."""
    above = next((lines[i] for i in range(index - 1, max(index - 4, -1), -1) if lines[i]), None)
    below = next((lines[i] for i in range(index + 1, min(index + 5, len(lines))) if lines[i]), None)
    if below and "Company Name" in below and _title_from(below):
        return _title_from(below)
    if _looks_like_title_line(above):
        return _title_from(above or "")
    if _looks_like_title_line(below):
        return _title_from(below or "")
    return ""


# --------------------------------------------------------------------------- years

_QUALIFIER = (
    r"(?:(?:over|more\s+than|almost|nearly|about|around|approximately|approx\.?|at\s+least|just\s+over"
    r"|some)\s+)?"
)
_YEARS = r"\s*\+?\s*(?:plus\s+)?(?:years?|yrs?)['’]?"
_STATED_EXPERIENCE = (
    re.compile(
        rf"\b{_QUALIFIER}(?P<n>{_NUMBER}){_YEARS}\s+(?:of\s+)?(?:[\w&/-]+\s+){{0,6}}?(?:experience|exp|service|employment)\b",
        re.I,
    ),
    re.compile(rf"\b(?P<n>{_NUMBER}){_YEARS}\s+(?:in|working|as|at|serving|spent)\b(?!\s+a\s+row)", re.I),
    re.compile(rf"\bexperience\s+of\s+{_QUALIFIER}(?P<n>{_NUMBER}){_YEARS}", re.I),
    re.compile(r"\b(?P<n>a|one|two|three)\s+decades?\s+(?:of|in)\b", re.I),
)
_STATED_MANAGING = re.compile(
    rf"\b{_QUALIFIER}(?P<n>{_NUMBER}){_YEARS}\s+(?:of\s+)?(?P<between>(?:[\w&/-]+\s+){{0,3}}?)"
    r"(?P<kind>managing|supervising|leading|management|supervisory|leadership|people[\s-]management"
    r"|managerial|team[\s-]lead(?:er|ing)?|as\s+(?:an?\s+)?(?:manager|supervisor|team\s+lead(?:er)?|director))\b",
    re.I,
)
_PEOPLE_MANAGEMENT_WORDS = _words(
    "people team teams staff line general senior middle operations operational office store branch site "
    "center centre call contact department retail restaurant service services floor shift unit personnel"
)
_NOT_PEOPLE_MANAGEMENT = re.compile(
    r"\b(?:project|product|account|case|time|data|change|risk|records|inventory|program|programme|content"
    r"|property|database|document|quality|stock|cash|crisis|event|vendor|contract|waste)\s*$",
    re.I,
)


def _merged_years(intervals: Iterable[tuple[float, float]]) -> float:
    total = 0.0
    current: tuple[float, float] | None = None
    for start, end in sorted(intervals):
        if current is None or start > current[1]:
            if current is not None:
                total += current[1] - current[0]
            current = (start, end)
        else:
            current = (current[0], max(current[1], end))
    if current is not None:
        total += current[1] - current[0]
    return total


def estimate_years(text: str, positions: Sequence[Position]) -> tuple[float | None, float | None]:
    """(years of experience, years managing people): dated positions merged, or stated totals.

    Concurrent jobs are counted once. Stated totals ("over 10 years of experience",
    "three years supervising") count too; the larger of stated and dated wins.
    """
    dated = _merged_years((p.start_year, p.end_year) for p in positions) if positions else None
    dated_managing = (
        _merged_years((p.start_year, p.end_year) for p in positions if p.manages_people)
        if positions
        else None
    )
    # The patterns are costly to try at every position; only text near "years" can match.
    windows = _windows_around(text, _YEAR_WORD, 90)
    stated: float | None = None
    for pattern, window in ((p, w) for p in _STATED_EXPERIENCE for w in windows):
        for match in pattern.finditer(window):
            value = 10 * number_value(match.group("n")) if "decade" in match.group(0).casefold() else None
            value = value if value is not None else number_value(match.group("n"))
            if 0 < value <= 60:
                stated = max(stated or 0.0, value)
    stated_managing: float | None = None
    for match in (m for w in windows for m in _STATED_MANAGING.finditer(w)):
        between = match.group("between").split()
        if _NOT_PEOPLE_MANAGEMENT.search(match.group("between")):
            continue
        # "management" names people management only after a people word ("team", "call centre");
        # "20 years of material management" is not managing anyone.
        if (
            match.group("kind").casefold() == "management"
            and between
            and between[-1].casefold() not in _PEOPLE_MANAGEMENT_WORDS
        ):
            continue
        value = number_value(match.group("n"))
        if 0 < value <= 60:
            stated_managing = max(stated_managing or 0.0, value)

    managing = _max_or_none(dated_managing, stated_managing)
    experience = _max_or_none(dated, stated, managing)
    return _capped(experience), _capped(managing)


_YEAR_WORD = re.compile(r"\b(?:years?|yrs?|decades?)\b", re.I)


def _windows_around(text: str, anchor: re.Pattern[str], radius: int) -> list[str]:
    """Pieces of ``text`` within ``radius`` characters of each ``anchor`` match, merged where they
    overlap and widened to whole words (so a cut never turns "2015" into "15")."""
    spans: list[list[int]] = []
    for match in anchor.finditer(text):
        start, end = max(0, match.start() - radius), min(len(text), match.end() + radius)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    windows = []
    for start, end in spans:
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        windows.append(text[start:end])
    return windows


def _capped(years: float | None) -> float | None:
    return None if years is None else round(min(years, 60.0), 2)


def _max_or_none(*values: float | None) -> float | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


# --------------------------------------------------------------------------- education

_EDUCATION_PATTERNS: tuple[tuple[EducationLevel, re.Pattern[str]], ...] = tuple(
    (level, re.compile(pattern, flags))
    for level, pattern, flags in (
        (EducationLevel.DOCTORATE, r"\bph\.?\s?d\b|\bdoctorate\b|\bdoctoral\b|\bd\.?phil\b", re.I),
        (
            EducationLevel.DOCTORATE,
            r"\bdoctor\s+of\s+(?:philosophy|education|business|science|psychology)",
            re.I,
        ),
        (EducationLevel.DOCTORATE, r"\bEd\.?D\b", 0),
        (
            EducationLevel.MASTER,
            r"\bmaster['’]?s\b|\bmaster\s+(?:of|in|degree)\b|\bmba\b|\bm\.?sc\b|\bm\.?phil\b",
            re.I,
        ),
        (
            EducationLevel.MASTER,
            r"\bM\.\s?[AS]\b\.?|\bM\.?Ed\b|\bMEng\b|\bMRes\b|\bLLM\b|\bM[AS]\b(?=\s*(?:\(Hons\)\s*)?(?:in|of)\s)",
            0,
        ),
        (EducationLevel.BACHELOR, r"\bbachelor|\bb\.?sc\b|\bb\.?com\b|\bbba\b|\bb\.?eng\b|\bllb\b", re.I),
        (
            EducationLevel.BACHELOR,
            r"\b(?:undergraduate|university|college|honou?rs|bachelor['’]?s?)\s+degree\b",
            re.I,
        ),
        (
            EducationLevel.BACHELOR,
            r"\buniversity\s+graduate\b|\bgraduated?\s+(?:from|of)\s+(?:the\s+)?university\b",
            re.I,
        ),
        (
            EducationLevel.BACHELOR,
            r"(?<!\w)(?:B\.\s?[AS]\b\.?|B\.?Ed\b|BFA\b|BA\b(?!\s*\d)|BS\b(?=\s*(?:in\b|\()))",
            0,
        ),
        (EducationLevel.BACHELOR, r"\bdegree\s+in\b", re.I),
        (
            EducationLevel.ASSOCIATE,
            r"\bassociate['’]?s?\s+(?:degree|of\s+(?:arts|science|applied))|\bassociate(?:s|['’]s)\s+in\b",
            re.I,
        ),
        (
            EducationLevel.ASSOCIATE,
            r"\bhnd\b|\bhnc\b|\bfoundation\s+degree\b|\b(?:two|2)[\s-]year\s+degree\b",
            re.I,
        ),
        (EducationLevel.ASSOCIATE, r"(?<!\w)(?:A\.A\.S?\.?|AAS\b|A[AS]\b(?=\s+in\b))", 0),
        (
            EducationLevel.HIGH_SCHOOL,
            r"\bhigh[\s-]school\b|\bsecondary\s+(?:school|education)\b|\bdiploma\b",
            re.I,
        ),
        (
            EducationLevel.HIGH_SCHOOL,
            r"\bgcses?\b|\bbtec\b|\bleaving\s+cert|\bmatriculat|\bsome\s+(?:college|university)\b",
            re.I,
        ),
        (EducationLevel.HIGH_SCHOOL, r"\bGED\b|\bA[\s-]?[Ll]evels?\b(?!\s+of\b)|\bO[\s-]?[Ll]evels?\b", 0),
    )
)
# A degree still in progress ("pursuing", "expected 2026") is not reached yet.
_IN_PROGRESS_BEFORE = re.compile(
    r"(?:pursuing|currently\s+(?:studying|enrolled|attending|completing|working\s+towards?)|studying\s+(?:for|towards?)"
    r"|course\s?work\s+(?:towards?|for)|working\s+towards?|candidate\s+for|enrolled\s+in|some\s+(?:college|university)"
    r"|partial|incomplete|unfinished)[^.;|\n]{0,60}$",
    re.I,
)
_IN_PROGRESS_AFTER = re.compile(
    r"^\.?[^.;|\n]{0,60}?(?:\bin\s+progress\b|\bstudents?\b|\bcandidates?\b|\bexpected\b|\banticipated\b|\bongoing\b|\bincomplete\b|\bnot\s+completed\b"
    r"|\bcurrently\b|\bpursuing\b|\buntil\s+present\b|\bto\s+present\b|\bpresent\b|\b\d+\s+credit(?:s|\s+hours?)\b)",
    re.I,
)
# A degree started but not finished still shows the level needed to start it.
_IMPLIED_BY_PURSUING = {
    EducationLevel.DOCTORATE: EducationLevel.BACHELOR,
    EducationLevel.MASTER: EducationLevel.BACHELOR,
    EducationLevel.BACHELOR: EducationLevel.HIGH_SCHOOL,
    EducationLevel.ASSOCIATE: EducationLevel.HIGH_SCHOOL,
}
_KNOWN_FIELDS = tuple(
    sorted(
        _alternatives(
            """business administration|business management|business studies|business|management|marketing
            |communications|communication studies|communication|psychology|sociology|english literature
            |english|economics|finance|accounting|accountancy|human resources|human resource management
            |hospitality management|hospitality|tourism|criminal justice|information technology
            |computer science|information systems|education|nursing|healthcare administration
            |health administration|public administration|political science|history|law|mathematics
            |statistics|journalism|media studies|public relations|international business
            |organizational leadership|organisational leadership|organizational psychology
            |retail management|liberal arts|general studies|biology|chemistry|engineering|social work
            |philosophy|modern languages|spanish|french|graphic design|art|music|theology|anthropology
            |health sciences|social sciences|supply chain management|logistics|project management
            |operations management|entrepreneurship|leadership|counseling|counselling|childcare
            |early childhood education|culinary arts|interior design|instructional design"""
        ),
        key=len,
        reverse=True,
    )
)
_KNOWN_FIELDS_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(f) for f in _KNOWN_FIELDS) + r")\b", re.IGNORECASE
)
_FIELD_AFTER_DEGREE = re.compile(
    r"^\W{0,3}(?:\(hons\)\s*)?(?:degree\s+)?(?:of\s+(?:arts|science|sciences|applied\s+science)\s*)?"
    r"(?:,\s*)?(?:in|of|:|-|–)?\s*(?P<field>[A-Z][A-Za-z&'/]*(?:\s+(?:and|&|of|[A-Z][A-Za-z&'/]*)){0,4})"
)
_FIELD_END = re.compile(
    rf"\b(?:University|College|School|Institute|Academy|Polytechnic)\b|\d{{4}}|\b{_MONTH}(?!\w)", re.I
)
_GENERIC_FIELDS = _words(
    "arts science sciences hons honours degree diploma project thesis program programme coursework courses "
    "student studies graduate learners"
)


def _section_spans(text: str, kind: str) -> list[tuple[int, int]]:
    """Character spans of the sections of ``kind`` (from a heading line to the next heading)."""
    spans: list[tuple[int, int]] = []
    offset = 0
    open_at: int | None = None
    for line in text.split("\n"):
        heading = _heading_kind(line)
        if heading is not None and ":" not in line:
            if open_at is not None:
                spans.append((open_at, offset))
                open_at = None
            if heading == kind:
                open_at = offset
        offset += len(line) + 1
    if open_at is not None:
        spans.append((open_at, offset))
    return spans


def detect_education(text: str) -> tuple[EducationLevel | None, tuple[str, ...]]:
    """Highest education level completed, and the fields of study named with degrees.

    A degree being "pursued" does not count as completed; it implies the level needed to
    start it (high school for a bachelor's). ``(None, ())`` when nothing is said.
    """
    reached: list[EducationLevel] = []
    fields: list[tuple[int, str]] = []
    # Degrees named under "Publications" or "References" belong to other people.
    other_spans = _section_spans(text, "other")
    for level, pattern in _EDUCATION_PATTERNS:
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in other_spans):
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            before = text[max(line_start, match.start() - 80) : match.start()]
            after = text[match.end() : match.end() + 60]
            if (
                level is EducationLevel.BACHELOR
                and "degree" in match.group(0).casefold()
                and re.search(
                    r"(?:associate['’]?s?|foundation|master['’]?s?|doctoral|two-year|2-year)\s*$",
                    before,
                    re.I,
                )
            ):
                continue
            if _IN_PROGRESS_BEFORE.search(before) or _IN_PROGRESS_AFTER.search(after):
                implied = _IMPLIED_BY_PURSUING.get(level)
                if implied is not None:
                    reached.append(implied)
                continue
            reached.append(level)
            if level >= EducationLevel.ASSOCIATE:
                fields.extend((match.start(), name) for name in _fields_near(text, match))
    level_found = max(reached) if reached else None
    unique: dict[str, str] = {}
    for _, name in sorted(fields):
        unique.setdefault(name.casefold(), name)
    return level_found, tuple(list(unique.values())[:5])


def _fields_near(text: str, match: re.Match[str]) -> list[str]:
    line_end = text.find("\n", match.end())
    if re.search(r"universit|graduat", match.group(0), re.I):
        return []  # "graduated from the University of X": X is a place, not a subject
    rest = text[match.end() : line_end if line_end != -1 else len(text)][:120]
    # The field comes before the institution and the dates.
    rest, *cut = _FIELD_END.split(rest, maxsplit=1)
    known = [" ".join(m.group(0).split()) for m in _KNOWN_FIELDS_RE.finditer(rest[:80])]
    if known:
        return [k.title() if k.islower() else k for k in known[:2]]
    captured = _FIELD_AFTER_DEGREE.match(rest)
    if not captured or (cut and not re.search(r"[,;:|]\s*$", rest)):
        # Words right before an institution's name are usually part of that name ("Wright State").
        return []
    field_name = re.sub(r"\s+(?:and|&|of)$", "", captured.group("field").strip(" &/"))
    words = field_name.split()
    if (
        not words
        or field_name.casefold() in _GENERIC_FIELDS
        or len(words) > 4
        or any(len(w) < 2 for w in words)
    ):
        return []
    return [field_name]


# --------------------------------------------------------------------------- language

_ENGLISH_STOPWORDS = _words(
    """a about above after all also am an and any are as at be been before being below between both but by
    can could did do does doing down during each few for from further had has have having here how i if in
    into is it its just me more most my no nor not of off on once only or other our out over own same should
    so some such than that the their then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your including within across per
    using used ensure ensured provided managed worked working"""
)


def _looks_english(text: str) -> bool:
    tokens = re.findall(r"[^\W\d_]+", text.casefold())
    if len(tokens) < 20:
        return True
    ascii_tokens = sum(1 for t in tokens if t.isascii())
    if ascii_tokens / len(tokens) < 0.7:
        return False
    share = sum(1 for t in tokens if t in _ENGLISH_STOPWORDS) / len(tokens)
    # English prose runs 30-50 % stop words, bullet-only résumés rarely under 10 %;
    # French, Spanish or German résumés share only a handful ("a", "on", "in").
    return share >= 0.05


# --------------------------------------------------------------------------- résumé


def parse_resume(text: str, *, today: date | None = None) -> CandidateProfile:
    """Résumé text -> CandidateProfile with personal details stripped and hidden instructions removed."""
    if not isinstance(text, str):
        raise InvalidInputError("the résumé must be text")
    warnings: list[str] = []
    if len(text) > 2 * MAX_RESUME_CHARS:  # cleaning only shrinks text; skip cleaning what is cut anyway
        text = text[: 2 * MAX_RESUME_CHARS]
    cleaned = clean_text(text)
    if not cleaned:
        raise EmptyDocumentError("the résumé is empty; paste its text or upload a file with text in it")
    if len(cleaned) > MAX_RESUME_CHARS:
        cut = cleaned.rfind("\n", 0, MAX_RESUME_CHARS)
        cleaned = cleaned[: cut if cut > 0 else MAX_RESUME_CHARS]
        warnings.append(f"the résumé is very long; only its first {MAX_RESUME_CHARS:,} characters were read")
    cleaned, removed_blocks = remove_instruction_blocks(cleaned)
    stripped, names = _strip_personal_details(cleaned)
    # Job dates are read from the unstripped text, but without the name: in a one-paragraph
    # résumé ("Priya Raman — Director of Customer Care, ... (2019–present)") the name stands
    # where a title would, and a name must neither set the level nor be stored as a title.
    name_re = _name_pattern(names)
    positions = parse_positions(name_re.sub("", cleaned) if name_re else cleaned, today=today)
    years, managing = estimate_years(cleaned, positions)
    education, fields = detect_education(cleaned)
    kept, removed = detect_hidden_instructions(split_sentences(stripped))
    removed_count = len(removed) + sum(max(1, len(split_sentences(b))) for b in removed_blocks)
    if removed_count:
        warnings.append(_instruction_warning(removed_count))
    if not _looks_english(stripped):
        warnings.append(ENGLISH_ONLY_WARNING)
    if not kept:
        raise EmptyDocumentError(
            "no usable sentences remain in the résumé after removing headings and personal details; "
            "describe your work in full sentences or bullets"
        )
    safe_positions = tuple(p for p in positions if not detect_hidden_instructions([p.title])[1])
    if not safe_positions:
        # A résumé in prose ("For the past four years I have been the customer service trainer")
        # dates no job line: its stated title sets the level, as in a self-assessment.
        # Only with a length of time to it: a title of unknown length would read as no years.
        # Its stated length counts in full ("for the past five years I have been ..."); a
        # smaller total read elsewhere ("two years as an adviser before that") is a part.
        stated = _stated_position(kept, years, managing, today, cap_at_total=False)
        if stated is not None and stated.years > 0:
            safe_positions = (stated,)
            years = max(years or 0.0, stated.years)
    return CandidateProfile(
        source="resume",
        sentences=tuple(kept),
        years_experience=years,
        years_managing=managing,
        education=education,
        education_fields=fields,
        positions=safe_positions,
        warnings=tuple(warnings),
    )


# --------------------------------------------------------------------------- self-assessment

_EDUCATION_ALIASES: dict[str, EducationLevel] = {}
for _level, _aliases in {
    EducationLevel.NONE: """none|no|no formal qualification|no formal qualifications|no qualifications
        |no degree""",
    EducationLevel.HIGH_SCHOOL: """high school|highschool|high school diploma|high-school diploma|hs|ged
        |secondary|secondary school|a levels|a-levels|a level|gcse|gcses|diploma|high_school""",
    EducationLevel.ASSOCIATE: """associate|associates|associate's|associate degree|associate's degree|aa|as
        |aas|hnd|hnc|foundation degree""",
    EducationLevel.BACHELOR: """bachelor|bachelors|bachelor's|bachelor's degree|bachelors degree|ba|bs|bsc
        |b.a.|b.s.|b.sc|undergraduate|undergraduate degree|degree|university degree|college degree""",
    EducationLevel.MASTER: """master|masters|master's|master's degree|masters degree|ma|ms|msc|m.a.|m.s.|mba
        |postgraduate|postgraduate degree|graduate degree""",
    EducationLevel.DOCTORATE: "doctorate|doctoral|phd|ph.d.|ph.d|dphil|edd|doctor",
}.items():
    for _alias in _alternatives(_aliases):
        _EDUCATION_ALIASES[_alias] = _level
for _level in EducationLevel:
    _EDUCATION_ALIASES[_level.value] = _level
    _EDUCATION_ALIASES[_level.label] = _level
_EDUCATION_CHOICES = ", ".join(level.value for level in EducationLevel)


class SkillRating(BaseModel):
    """One skill the candidate names, rated 1 (beginner) to 5 (expert)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=80)
    level: int = Field(ge=1, le=5)

    @field_validator("level", mode="before")
    @classmethod
    def _no_booleans(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("a whole number from 1 to 5, not true/false")
        return value


class SelfAssessment(BaseModel):
    """A self-assessment as the API and ``.json`` files send it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    skills: list[SkillRating] = Field(default_factory=list, max_length=200)
    years_experience: float | None = Field(default=None, ge=0, le=60, allow_inf_nan=False)
    years_managing: float | None = Field(default=None, ge=0, le=60, allow_inf_nan=False)
    education: EducationLevel | None = None
    summary: str = Field(default="", max_length=5000)

    @field_validator("skills", mode="before")
    @classmethod
    def _skills_within_limit(cls, value: Any) -> Any:
        # Refuse a huge list before validating each of its items.
        if isinstance(value, list) and len(value) > 200:
            raise ValueError(f"at most 200 skills are allowed, got {len(value):,}")
        return value

    @field_validator("years_experience", "years_managing", mode="before")
    @classmethod
    def _years_not_boolean(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("a number of years, not true/false")
        return value

    @field_validator("education", mode="before")
    @classmethod
    def _education_from_label(cls, value: Any) -> Any:
        if value is None or isinstance(value, EducationLevel):
            return value
        if not isinstance(value, str):
            raise ValueError(f'must be one of {_EDUCATION_CHOICES} (or a label such as "Bachelor\'s")')
        key = " ".join(value.strip().casefold().replace("’", "'").replace("_", " ").split())
        if not key:
            return None
        level = _EDUCATION_ALIASES.get(key) or _EDUCATION_ALIASES.get(key.replace(" ", "_"))
        if level is None:
            level = _EDUCATION_ALIASES.get(key.replace(".", "").replace("'", ""))
        if level is None and len(value) <= 200:
            # A free-text label ("Master of Science", "BA Business", "some college"): read it
            # as a résumé's education line would be read.
            level, _ = detect_education(value)
            if level is None and re.search(r"\bsome\s+college\b|\bcollege\s+diploma\b", key):
                level = EducationLevel.HIGH_SCHOOL
        if level is None:
            raise ValueError(f'must be one of {_EDUCATION_CHOICES} (or a label such as "Bachelor\'s")')
        return level

    @field_validator("skills")
    @classmethod
    def _skill_names_unique(cls, value: list[SkillRating]) -> list[SkillRating]:
        seen: set[str] = set()
        for index, skill in enumerate(value):
            key = skill.name.casefold()
            if key in seen:
                raise ValueError(
                    f"skill number {index + 1} repeats an earlier skill name; list each skill once"
                )
            seen.add(key)
        return value

    @model_validator(mode="after")
    def _managing_within_experience(self) -> SelfAssessment:
        if (
            self.years_experience is not None
            and self.years_managing is not None
            and self.years_managing > self.years_experience
        ):
            raise ValueError("years_managing must not be more than years_experience")
        return self


_FIELD_RULES = {
    "skills": "a list of at most 200 {name, level} objects",
    "name": "the skill's name, 1 to 80 characters",
    "level": "a whole number from 1 (beginner) to 5 (expert)",
    "years_experience": "a number of years from 0 to 60",
    "years_managing": "a number of years from 0 to 60, no more than years_experience",
    "education": f"one of {_EDUCATION_CHOICES} (labels such as Bachelor's, MBA or high school work too)",
    "summary": "text of at most 5000 characters",
}
_ALLOWED_FIELDS = "skills, years_experience, years_managing, education, summary"


def _describe_self_assessment_errors(error: ValidationError) -> str:
    problems: list[str] = []
    for item in error.errors()[:5]:
        loc = item["loc"]
        where = "".join(
            f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(loc)
        )
        last = next((str(p) for p in reversed(loc) if not isinstance(p, int)), "")
        if item["type"] == "extra_forbidden":
            problems.append(
                f"unknown field '{where}' (allowed: {_ALLOWED_FIELDS}; skills take name and level)"
            )
        elif not loc:
            problems.append(str(item.get("ctx", {}).get("error", item["msg"])))
        elif item["type"] == "missing":
            problems.append(f"field '{where}' is required: {_FIELD_RULES.get(last, 'see the documentation')}")
        else:
            # Our own validators say what exactly is wrong; pydantic's words for built-in checks
            # add nothing to the rule.
            detail = item.get("ctx", {}).get("error") if item["type"] == "value_error" else None
            extra = f" ({detail})" if detail else ""
            problems.append(f"field '{where}' must be {_FIELD_RULES.get(last, 'valid')}{extra}")
    more = error.error_count() - len(problems)
    tail = f" (and {more} more problems)" if more > 0 else ""
    return "invalid self-assessment: " + "; ".join(problems) + tail


# A self-assessment's summary often names the job held ("Team leader for 12 advisers…",
# "Director of customer service at…"). Like a résumé's titles, that title leads the level;
# years managing people alone cannot tell a 3-year team leader from a 3-year manager.
_ROLE_NOUN = (
    r"(?:manager|mgr|director|supervisor|team\s+lead(?:er)?|head\s+of\b.*|vp\b.*|vice[\s-]president\b.*"
    r"|chief\b.*|officer|executive|agent|advis[eo]r|representative|rep|clerk|analyst|specialist|trainer"
    r"|co-?ordinator|attendant|teller|assistant|associate|cashier|receptionist|operator|consultant"
    r"|engineer|teacher|nurse|chef|cook|waiter|waitress|server|paramedic|worker|scientist|developer"
    r"|gardener|technician|administrator|coach|lead)"
)
_STATED_TITLE_LEAD = re.compile(
    rf"^(?:for\s+the\s+(?:past|last)\s+(?:{_NUMBER}|a|an)\s+(?:years?|months?),?\s+)?"
    rf"(?:(?:currently|presently|now)\s+(?:working\s+)?(?:as\s+)?|i\s+am\s+|i'm\s+|i\s+work\s+as\s+"
    rf"|i(?:'ve|\s+have)\s+been\s+(?:working\s+as\s+)?"
    rf"|working\s+as\s+|(?P<amount>{_NUMBER}|a|an)(?P<half>\s+and\s+a\s+half)?\s+(?P<unit>years?|months?)"
    rf"(?:\s+in\s+total)?\s+as\s+)?(?:an?\s+|the\s+)?",
    re.IGNORECASE,
)
_AS_A_TITLE = re.compile(r"\bas\s+(?:an?\s+|the\s+)?", re.IGNORECASE)
_TITLE_STOP = re.compile(
    r"\s+(?:for|at|with|in|on|since|from|who|and|but|looking|ready|seeking|keen|wanting|hoping|where"
    r"|running|leading|managing|covering|handling|responsible|before|after|to)\b|[:;,.(—–]|\s-\s",
    re.IGNORECASE,
)
_ASPIRATION = re.compile(
    r"\b(?:aspiring|looking|seeking|want|wants|wanting|hope|hoping|aim|aiming|become|becoming|move|moving"
    r"|switch|transition|would\s+like|ready|keen|future|next)\b",
    re.IGNORECASE,
)
_FOR_DURATION = re.compile(
    rf"\bfor\s+(?:the\s+(?:last|past)\s+)?(?P<amount>{_NUMBER}|a|an)(?P<half>\s+and\s+a\s+half)?"
    rf"\s+(?P<unit>years?|months?)\b",
    re.IGNORECASE,
)


def _title_at(text: str) -> str | None:
    """The job title a phrase starts with, if it ends in a role noun and reads as one."""
    head = _TITLE_STOP.split(text, maxsplit=1)[0].strip()
    if not head or len(head.split()) > 7 or _ASPIRATION.search(head):
        return None
    # "Director of customer service", "Team leader of 10 agents": the noun before "of" decides.
    before_of = re.split(r"\s+of\s+", head, maxsplit=1, flags=re.IGNORECASE)[0]
    if re.search(rf"\b{_ROLE_NOUN}$", head, re.IGNORECASE) or re.search(
        rf"\b{_ROLE_NOUN}$", before_of, re.IGNORECASE
    ):
        return head
    return None


def stated_title(sentences: Sequence[str]) -> tuple[str, str] | None:
    """The highest job title a summary says the person holds, and the sentence it is in.

    Only a title that opens a sentence ("Team leader for 12 advisers") or follows "as"
    ("Six months as a customer adviser") counts; a wished-for one ("looking to move into a
    manager role") does not. A career told in one line ("seven years as an agent, two as a
    supervisor, three as the centre manager") ends at its highest title, the first of equals.
    """
    best: tuple[str, str] | None = None
    for sentence in sentences:
        titles: list[str] = []
        lead = _STATED_TITLE_LEAD.match(sentence)
        opening = _title_at(sentence[lead.end() :] if lead else sentence)
        if opening is not None:
            titles.append(opening)
        for match in _AS_A_TITLE.finditer(sentence):
            before = sentence[: match.start()]
            if _ASPIRATION.search(before[-40:]):
                continue
            title = _title_at(sentence[match.end() :])
            if title is not None:
                titles.append(title)
        for title in titles:
            if best is None or _level_for_title(title).rank > _level_for_title(best[0]).rank:
                best = (title, sentence)
    return best


def jobs_held(candidate: CandidateProfile) -> list[tuple[str, float]]:
    """The jobs a candidate says they held, as written, with their years: résumé titles,
    and for a self-assessment the summary sentence that states the title ("Trainer for a
    telecom contact centre": the setting is in the sentence, not the title)."""
    jobs = [(position.title, position.years) for position in candidate.positions]
    if candidate.source == "self_assessment":
        found = stated_title(candidate.sentences)
        if found is not None:
            jobs = [(found[1], candidate.positions[0].years if candidate.positions else 0.0)]
    return jobs


def _stated_position(
    sentences: Sequence[str],
    years_experience: float | None,
    years_managing: float | None,
    today: date | None = None,
    *,
    cap_at_total: bool = True,
) -> Position | None:
    """A self-assessment's stated title as a position, so the level reads it as a résumé's.

    ``cap_at_total``: the title's stated length cannot exceed ``years_experience`` (a
    self-assessment's total is the candidate's own figure; a prose résumé's is only read).
    """
    found = stated_title(sentences)
    if found is None:
        return None
    title, sentence = found
    level = _level_for_title(title)
    manages = level >= Seniority.SUPERVISOR
    duration = _STATED_TITLE_LEAD.match(sentence)
    if duration is None or duration.group("amount") is None:
        duration = _FOR_DURATION.search(sentence)
    if duration is not None and duration.group("amount") is not None:
        amount = number_value(duration.group("amount")) + (0.5 if duration.group("half") else 0.0)
        years = amount / 12 if duration.group("unit").casefold().startswith("month") else amount
    elif manages and years_managing:
        years = years_managing
    else:
        years = years_experience if years_experience is not None else 0.0
    if years_experience is not None and cap_at_total:
        years = min(years, years_experience)
    day = today or date.today()
    now = day.year + (day.month - 1) / 12
    return Position(title=title, start_year=now - years, end_year=now, level=level, manages_people=manages)


def parse_self_assessment(data: dict[str, Any]) -> CandidateProfile:
    """Self-assessment (a JSON object) -> CandidateProfile; errors name the field and what is allowed."""
    if not isinstance(data, dict):
        raise InvalidInputError(
            f"the self-assessment must be a JSON object with the fields {_ALLOWED_FIELDS}"
        )
    try:
        assessment = SelfAssessment.model_validate(data)
    except ValidationError as exc:
        raise InvalidInputError(_describe_self_assessment_errors(exc)) from exc

    warnings: list[str] = []
    summary_sentences: list[str] = []
    removed_blocks: list[str] = []
    if assessment.summary:
        cleaned_summary, removed_blocks = remove_instruction_blocks(clean_text(assessment.summary))
        summary_sentences = split_sentences(strip_personal_details(cleaned_summary))
        if not _looks_english(cleaned_summary):
            warnings.append(ENGLISH_ONLY_WARNING)
    kept_summary, removed = detect_hidden_instructions(summary_sentences)
    removed += removed_blocks

    skills: list[SelfRatedSkill] = []
    skill_sentences: list[str] = []
    for rating in assessment.skills:
        name = " ".join(_scrub_contacts(clean_text(rating.name)).split())
        if not name:
            continue
        skill = SelfRatedSkill(name=name, level=rating.level)
        # Skill names are free text as well: an instruction hidden there goes the same way.
        if detect_hidden_instructions([name])[1]:
            removed.append(skill.line)
            continue
        skills.append(skill)
        skill_sentences.append(skill.line)
    if removed:
        warnings.append(_instruction_warning(len(removed)))

    sentences = tuple(kept_summary + skill_sentences)
    if not sentences:
        raise InvalidInputError(
            "the self-assessment has nothing to match: give at least one skill in 'skills' "
            "or describe your work in 'summary'"
        )
    education = assessment.education
    detected_level, fields = detect_education(" ".join(kept_summary))
    position = _stated_position(kept_summary, assessment.years_experience, assessment.years_managing)
    return CandidateProfile(
        source="self_assessment",
        sentences=sentences,
        skills=tuple(skills),
        years_experience=assessment.years_experience,
        years_managing=assessment.years_managing,
        education=education if education is not None else detected_level,
        education_fields=fields,
        positions=(position,) if position is not None else (),
        summary=" ".join(kept_summary),
        warnings=tuple(warnings),
    )


# --------------------------------------------------------------------------- entry points


def load_candidate_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> CandidateProfile:
    """A file -> CandidateProfile: ``.json`` is a self-assessment, anything else a résumé document."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLargeError(
                f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit; "
                "upload a shorter résumé or paste its text"
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise InvalidInputError(f"no file at {path}; check the path") from exc
    except IsADirectoryError as exc:
        raise InvalidInputError(f"{path} is a folder, not a file") from exc
    if path.suffix.lower() != ".json":
        return parse_resume(read_document(data, path.name, max_bytes=max_bytes))

    if len(data) > max_bytes:
        raise FileTooLargeError(f"the file is over the {max_bytes:,}-byte limit")
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InvalidInputError("the .json file is not UTF-8 text; save it as UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"the .json file is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from exc
    except RecursionError as exc:
        raise InvalidInputError("the .json file is nested too deeply to be a self-assessment") from exc
    if not isinstance(raw, dict):
        raise InvalidInputError(
            "the .json file must hold one JSON object: a self-assessment, "
            '{"self_assessment": {...}} or {"resume_text": "..."}'
        )
    if set(raw) & {"self_assessment", "resume_text"}:
        unknown = set(raw) - {"self_assessment", "resume_text"}
        if unknown:
            raise InvalidInputError(
                f"unknown top-level field(s) {', '.join(sorted(map(repr, unknown)))}; "
                "use 'self_assessment' or 'resume_text'"
            )
        return candidate_from_payload(raw.get("resume_text"), raw.get("self_assessment"), max_bytes=max_bytes)
    return parse_self_assessment(raw)


def candidate_from_payload(
    resume_text: str | None,
    self_assessment: dict[str, Any] | None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> CandidateProfile:
    """The API's input: exactly one of résumé text or a self-assessment object."""
    if (resume_text is None) == (self_assessment is None):
        raise InvalidInputError("send exactly one of 'resume_text' or 'self_assessment'")
    if resume_text is not None:
        if not isinstance(resume_text, str):
            raise InvalidInputError("'resume_text' must be a string")
        if len(resume_text) > max_bytes or len(resume_text.encode("utf-8", errors="replace")) > max_bytes:
            raise FileTooLargeError(
                f"'resume_text' is over the {max_bytes:,}-byte limit; send a shorter résumé"
            )
        return parse_resume(resume_text)
    if not isinstance(self_assessment, dict):
        raise InvalidInputError(f"'self_assessment' must be a JSON object with the fields {_ALLOWED_FIELDS}")
    return parse_self_assessment(self_assessment)


# --------------------------------------------------------------------------- negation

_NEGATED = re.compile(
    r"\b(?:have\s+not|has\s+not|had\s+not|haven['’]?t|hasn['’]?t|hadn['’]?t|did\s+not|didn['’]?t"
    r"|do\s+not|don['’]?t|not\s+(?:yet|done|involved|responsible)|no\s+(?:experience|exposure)"
    r"|(?:is|are|was|were)\s+handled\s+by|(?:is|are|was|were)\s+(?:done|owned)\s+by|someone\s+else"
    # "the budget sits with the site director", "is held by the VP", "never had to build one"
    r"|(?:sits?|sat|lies|lay|rests?|stays?)\s+with"
    r"|(?:is|are|was|were)\s+(?:held|kept|set|run|managed|written|designed|produced|built|created)\s+by"
    r"\s+(?!me\b|myself\b)|never\s+(?:had|have|did|done|built|held|managed|owned|run|ran))\b",
    re.IGNORECASE,
)


def is_negated(sentence: str) -> bool:
    """Does the sentence say the candidate has NOT done something ("Hiring is handled by HR")?

    Such sentences mention a skill without being evidence of it, so the scorer ignores
    them as evidence (they still describe the candidate's context).
    """
    return bool(_NEGATED.search(sentence))


# --------------------------------------------------------------------------- job headings

_YEAR_ALONE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_EXECUTIVE_TITLE_OF = re.compile(r"^(?:head|director|vp|vice\s+president|chief|manager)\b.*\bof\b", re.I)
# A title names a post; a line that goes on "to the ...", "for ...", "with ..." says what
# someone did ("Report to the Chief Commercial Officer").
_TITLE_PREPOSITIONS = re.compile(r"\s(?:to|for|with|on|in|by)\s", re.I)
# Certificates are named like posts ("Microsoft Office Specialist - Excel") but show a skill.
_CERTIFICATE = re.compile(
    r"\b(?:microsoft|certified|certificate|certification|licen[cs]ed?|accredited)\b", re.IGNORECASE
)
_TITLE_CONNECTORS = frozenset({"of", "and", "&", "the", "de", "la", "/", "-"})
_LONGEST_HEADING_WORDS = 14
_LONGEST_TITLE_WORDS = 7


def is_job_heading(sentence: str) -> bool:
    """Is the sentence only a job heading ("Trainer, Skylane Mobile (2022-present)")?

    A title names a post, not what the candidate did in it: "Trainer" shows no course
    design and "Team Leader" no coaching. The title already counts through the title match
    and the years in service jobs, so as skill evidence a heading would count twice, and for
    the words a title shares with a role ("Quality Assurance Specialist" at a drug plant)
    it would count for a field the candidate never worked in.
    """
    text = sentence.strip()
    if not text or text[-1] in ".!?":
        return False
    rest = _YEAR_ALONE.sub(" ", _DATE_RANGE.sub(" ", text)).strip(_SEPARATORS + " ")
    dated = rest != text.strip(_SEPARATORS + " ")
    if not rest or len(rest.split()) > _LONGEST_HEADING_WORDS:
        return False
    title = _title_from(rest)
    if (
        not title
        or not title[0].isupper()
        or len(title.split()) > _LONGEST_TITLE_WORDS
        or not rest.startswith(title)
        or _TITLE_PREPOSITIONS.search(title)
        or _CERTIFICATE.search(title)
        # Undated, a post is written in capitals ("Team Leader"); "Budget owner ($11.2M)" is
        # a statement.
        or (not dated and any(w[0].islower() for w in title.split() if w.casefold() not in _TITLE_CONNECTORS))
    ):
        return False
    return bool(_JOB_WORDS.fullmatch(title.split()[-1]) or _EXECUTIVE_TITLE_OF.match(title))
