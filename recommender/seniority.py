"""The candidate's demonstrated career level, from titles held and years managing people.

Words do not set the level: a junior who "spearheaded enterprise-wide strategy" is
still a junior, and a director whose early years were spent answering phones is still a
director. The level comes from dated positions (their titles and how long they were
held) and from years of managing people, never from vocabulary.
"""

from __future__ import annotations

import re

from recommender.candidate_types import CandidateProfile
from recommender.config import ScoringParams
from recommender.profiles import Seniority
from recommender.scoring import estimate_level_from_managing_years

_LEAD_VERB = (
    r"(?:lead|leads|led|leading|manage|manages|managed|managing|supervise|supervises|supervised"
    r"|run|runs|ran|oversee|oversees|oversaw)"
)
_COUNT = r"(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
# "lead 11 agents", "managed a team of 9 advisors", "run a pod of 12"
_LEADS_FRONT_LINE = re.compile(
    rf"\b{_LEAD_VERB}\b[^.;]{{0,30}}?(?:\b(?:team|pod|group|crew)\s+of\s+{_COUNT}\b|\b{_COUNT}\+?\s+"
    r"(?:[\w-]+\s+)?(?:agents|advisors|advisers|reps|representatives|staff|associates|people|employees"
    r"|direct reports)\b)",
    re.IGNORECASE,
)
# "manage 4 team leads", "led five supervisors and 60 agents"
_LEADS_LEADERS = re.compile(
    rf"\b{_LEAD_VERB}\b[^.;]{{0,30}}?\b{_COUNT}\+?\s+(?:[\w-]+\s+)?"
    r"(?:supervisors|team\s+leads|team\s+leaders|managers)\b",
    re.IGNORECASE,
)


# What separates an executive from a director is whom they lead and answer to: directors
# reporting to them, a seat on the executive team, the CEO or board as their manager.
_LEADS_DIRECTORS = re.compile(
    rf"\b{_LEAD_VERB}\b[^.;]{{0,30}}?\b{_COUNT}\+?\s+(?:[\w-]+\s+)?directors\b"
    r"|\bdirectors\s+(?:who\s+)?report(?:ed|ing)?\s+to\s+me\b|\bdirect\s+reports\s+at\s+director\b",
    re.IGNORECASE,
)
# "reports to", "reporting directly to", "reported in to"
_REPORTS_TO = r"\breport(?:s|ed|ing)?\s+(?:directly\s+)?(?:in\s+)?to\s+"
_ANSWERS_TO_THE_TOP = re.compile(
    # Not "the board": directors report *to* boards monthly without answering to them.
    rf"{_REPORTS_TO}the\s+(?:ceo|chief\s+executive|founders?|president)\b"
    r"|\b(?:member\s+of|seat\s+on|sit\s+on|sat\s+on)\s+the\s+(?:executive|exec|c-suite)"
    r"(?:\s+leadership)?\s+(?:team|committee|board)\b",
    re.IGNORECASE,
)


# "Head of …" names a director in a large firm and a manager in a small one; whom the
# head answers to settles it: a head who reports to a director is a manager.
_HEAD_TITLE = re.compile(r"^\s*head\b|\bhead\s+of\b", re.IGNORECASE)
_REPORTS_TO_A_DIRECTOR = re.compile(
    rf"{_REPORTS_TO}(?:the\s+|a\s+|our\s+|my\s+)?(?:[\w&-]+\s+){{0,3}}?(?:director|head\s+of)\b",
    re.IGNORECASE,
)


def reports_to_a_director(sentences: tuple[str, ...]) -> bool:
    return any(_REPORTS_TO_A_DIRECTOR.search(s) for s in sentences)


def shows_executive_scope(sentences: tuple[str, ...]) -> bool:
    """The candidate leads directors or answers to the CEO or board."""
    return any(_LEADS_DIRECTORS.search(s) or _ANSWERS_TO_THE_TOP.search(s) for s in sentences)


def level_from_sentences(sentences: tuple[str, ...]) -> Seniority | None:
    """People-leading stated in prose, for résumés without dated titles."""
    if any(_LEADS_LEADERS.search(s) for s in sentences):
        return Seniority.MANAGER
    if any(_LEADS_FRONT_LINE.search(s) for s in sentences):
        return Seniority.SUPERVISOR
    return None


def estimate_level(candidate: CandidateProfile, params: ScoringParams) -> tuple[Seniority, str]:
    """Return the level the candidate has demonstrated and a plain-words reason."""
    by_years = estimate_level_from_managing_years(candidate.years_managing, params)
    managing = candidate.years_managing or 0.0
    held = [p for p in candidate.positions if p.years >= params.min_years_at_level]
    if not held and candidate.positions:
        # Only short stints: the most recent one still says where the person is now.
        held = [max(candidate.positions, key=lambda p: p.end_year)]
    if held:
        peak = max(held, key=lambda p: (p.level.rank, p.years))
        title_level = peak.level
        # Titles are the stronger signal. Years managing people lift only a front-line or
        # specialist title, and only to supervisor: the senior agent who "led a team of 6"
        # as acting lead. A manager's long tenure does not make a director.
        level = title_level
        if title_level < Seniority.SUPERVISOR and by_years >= Seniority.SUPERVISOR:
            level = Seniority.SUPERVISOR
        reason = f"highest title held {peak.years:.1f} years: '{peak.title}' ({title_level.label})"
        if (
            title_level is Seniority.DIRECTOR
            and _HEAD_TITLE.search(peak.title)
            and reports_to_a_director(candidate.sentences)
        ):
            level = Seniority.MANAGER
            reason += "; reports to a director, so a manager's scope"
        elif title_level is Seniority.DIRECTOR and shows_executive_scope(candidate.sentences):
            level = Seniority.EXECUTIVE
            reason += "; leads directors or answers to the CEO or board: executive scope"
        elif level is not title_level:
            reason += f"; {managing:.1f} years managing people lift it to {level.label}"
        career = candidate.years_experience or sum(p.years for p in candidate.positions)
        believable = max(
            (s for s in Seniority if career >= params.min_career_years_for_level[s.rank]),
            key=lambda s: s.rank,
        )
        if level > believable:
            reason += f"; capped at {believable.label}: {career:.1f} years of work in all"
            level = believable
        return level, reason
    stated = level_from_sentences(candidate.sentences) if candidate.source == "resume" else None
    if stated is not None and stated > by_years:
        return stated, f"no dated titles; the résumé says the candidate leads people ({stated.label})"
    if candidate.years_managing is not None:
        return by_years, f"{managing:.1f} years managing people ({by_years.label})"
    return Seniority.ENTRY, "no dated titles and no years managing people stated (entry level assumed)"


def adjust_for_background(
    level: Seniority,
    reason: str,
    background: float,
    params: ScoringParams,
    titled_in_field: bool = False,
    changing_field: bool = False,
) -> tuple[Seniority, str]:
    """A career changer's rank was earned in another field: in customer care they start a
    rung lower (the restaurant shift manager, the engineering director, the store manager
    who wants "to move off the shop floor into a customer care team").

    ``background`` is the customer-service domain evidence (see ``scoring.domain_evidence``).
    ``titled_in_field``: a title held is named like one of the roles ("Director of Customer
    Service"), so the rank was earned here, however briefly the résumé describes the work.
    ``changing_field``: the candidate says they want to move into customer service or are
    looking for customer-service work; a retail manager's résumé is full of complaints and
    refunds, but the rank is a shop's. Someone who led a team elsewhere and asks for this
    work is a career changer who can lead one here: a thin customer-service background does
    not take a supervisor's rank away from them.
    """
    if level is Seniority.ENTRY or titled_in_field:
        return level, reason
    lower = list(Seniority)[level.rank - 1]
    # Someone who led a team elsewhere can lead one here: only a manager's or a director's
    # rank is a shop's or a regiment's, not customer care's.
    if changing_field and level >= Seniority.MANAGER:
        why = "a rank earned in another field, moving into customer care"
    elif background < params.domain_low and not changing_field:
        why = "little customer-service work shown"
    else:
        return level, reason
    return lower, f"{reason}; one rung lower in customer care ({lower.label}): {why}"
