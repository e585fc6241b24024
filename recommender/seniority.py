"""The candidate's demonstrated career level, from titles held and years managing people.

Words do not set the level: a junior who "spearheaded enterprise-wide strategy" is
still a junior, and a director whose early years were spent answering phones is still a
director. The level comes from dated positions (their titles and how long they were
held) and from years of managing people, never from vocabulary.
"""

from __future__ import annotations

from recommender.candidate_types import CandidateProfile
from recommender.config import ScoringParams
from recommender.profiles import Seniority
from recommender.scoring import estimate_level_from_managing_years


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
        if level is not title_level:
            reason += f"; {managing:.1f} years managing people lift it to {level.label}"
        return level, reason
    if candidate.years_managing is not None:
        return by_years, f"{managing:.1f} years managing people ({by_years.label})"
    return Seniority.ENTRY, "no dated titles and no years managing people stated (entry level assumed)"
