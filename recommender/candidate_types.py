"""The typed candidate, after parsing: what every scorer, store and report reads.

Parsing (résumé text, PDF, DOCX, self-assessment JSON -> ``CandidateProfile``) lives
in :mod:`recommender.candidates`; this module only holds the shapes, so the scorer
and the storage layer do not depend on the parsers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from recommender.profiles import EducationLevel, Seniority


@dataclass(frozen=True)
class SelfRatedSkill:
    """A skill the candidate names, rated 1 (beginner) to 5 (expert)."""

    name: str
    level: int

    @property
    def line(self) -> str:
        """How the rating reads among the candidate's sentences (and as quoted evidence)."""
        return f"{self.name} (self-rated {self.level}/5)"


@dataclass(frozen=True)
class Position:
    """One dated job found in a résumé."""

    title: str
    start_year: float
    end_year: float
    level: Seniority
    manages_people: bool

    @property
    def years(self) -> float:
        return max(0.0, self.end_year - self.start_year)


@dataclass(frozen=True)
class CandidateProfile:
    """A candidate with personal details already stripped.

    ``sentences`` are the candidate's own sentences and bullets (PII removed), the
    evidence every score points back to. Years are ``None`` when nothing in the
    input says them.
    """

    source: Literal["resume", "self_assessment"]
    sentences: tuple[str, ...]
    skills: tuple[SelfRatedSkill, ...] = ()
    years_experience: float | None = None
    years_managing: float | None = None
    education: EducationLevel | None = None
    education_fields: tuple[str, ...] = ()
    positions: tuple[Position, ...] = ()
    summary: str = ""
    warnings: tuple[str, ...] = field(default=())


def sentence_ratings(candidate: CandidateProfile) -> list[int | None]:
    """Per sentence, the self-rating it states (a self-assessment's skill lines), else None.

    A rated skill is also one of the candidate's sentences, so that it can be quoted and
    searched for keywords; its level must still weigh on it as evidence.
    """
    levels = {skill.line: skill.level for skill in candidate.skills}
    return [levels.get(sentence) for sentence in candidate.sentences]


def candidate_to_dict(candidate: CandidateProfile) -> dict[str, object]:
    """A JSON-ready dict of the (already PII-stripped) candidate, for storage."""
    return {
        "source": candidate.source,
        "sentences": list(candidate.sentences),
        "skills": [{"name": s.name, "level": s.level} for s in candidate.skills],
        "years_experience": candidate.years_experience,
        "years_managing": candidate.years_managing,
        "education": candidate.education.value if candidate.education is not None else None,
        "education_fields": list(candidate.education_fields),
        "positions": [
            {
                "title": p.title,
                "start_year": p.start_year,
                "end_year": p.end_year,
                "level": p.level.value,
                "manages_people": p.manages_people,
            }
            for p in candidate.positions
        ],
        "summary": candidate.summary,
        "warnings": list(candidate.warnings),
    }


def candidate_from_dict(data: dict) -> CandidateProfile:  # type: ignore[type-arg]
    """Inverse of :func:`candidate_to_dict`."""
    return CandidateProfile(
        source=data["source"],
        sentences=tuple(data["sentences"]),
        skills=tuple(SelfRatedSkill(s["name"], int(s["level"])) for s in data.get("skills", [])),
        years_experience=data.get("years_experience"),
        years_managing=data.get("years_managing"),
        education=EducationLevel(data["education"]) if data.get("education") else None,
        education_fields=tuple(data.get("education_fields", [])),
        positions=tuple(
            Position(p["title"], p["start_year"], p["end_year"], Seniority(p["level"]), p["manages_people"])
            for p in data.get("positions", [])
        ),
        summary=data.get("summary", ""),
        warnings=tuple(data.get("warnings", [])),
    )
