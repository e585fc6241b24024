"""Request and response bodies (pydantic at the edge; the library's own types inside)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from recommender.candidate_types import CandidateProfile
from recommender.candidates import SelfAssessment, candidate_from_payload
from recommender.profiles import RoleProfile
from recommender.results import MatchReport, Readiness

MAX_TOP = 50


class CandidateInput(BaseModel):
    """A candidate as JSON: pasted résumé text *or* a self-assessment."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "resume_text": "Customer service representative, Jan 2019 - present. "
                    "Answered 60 calls a day and resolved billing complaints.",
                    "top": 5,
                },
                {
                    "self_assessment": {
                        "skills": [{"name": "Handling complaints", "level": 4}],
                        "years_experience": 3,
                        "education": "high_school",
                    }
                },
            ]
        },
    )

    resume_text: str | None = Field(default=None, description="The résumé as plain text.")
    self_assessment: SelfAssessment | None = None
    top: int | None = Field(default=None, ge=1, le=MAX_TOP, description="Return only the best N roles.")

    @model_validator(mode="after")
    def _exactly_one_input(self) -> CandidateInput:
        if (self.resume_text is None) == (self.self_assessment is None):
            raise ValueError("send exactly one of 'resume_text' or 'self_assessment'")
        return self

    def to_profile(self, max_bytes: int) -> CandidateProfile:
        """Parse (and strip personal details) with the library's parser."""
        assessment = self.self_assessment.model_dump(mode="json") if self.self_assessment else None
        return candidate_from_payload(self.resume_text, assessment, max_bytes=max_bytes)


class CandidateCreated(BaseModel):
    id: str
    access_token: str = Field(
        description="Shown once: needed to read or erase this record. Only its hash is stored."
    )
    report: MatchReport


class StoredSkill(BaseModel):
    name: str
    level: int


class StoredPosition(BaseModel):
    title: str
    start_year: float
    end_year: float
    level: str
    manages_people: bool


class StoredProfile(BaseModel):
    """Everything stored about a candidate: the parsed profile, personal details already removed."""

    source: Literal["resume", "self_assessment"]
    sentences: list[str]
    skills: list[StoredSkill]
    years_experience: float | None
    years_managing: float | None
    education: str | None
    education_fields: list[str]
    positions: list[StoredPosition]
    summary: str
    warnings: list[str]


class CandidateRecord(BaseModel):
    id: str
    created_at: datetime
    profile: StoredProfile
    report: MatchReport = Field(description="Computed now from the stored embeddings and current profiles.")


class RoleSummary(BaseModel):
    id: str
    title: str
    aliases: list[str]
    family: str
    seniority: str
    summary: str
    skills: int = Field(description="How many skills the profile lists.")
    next_roles: list[str]
    inferred: bool

    @classmethod
    def of(cls, role: RoleProfile) -> RoleSummary:
        return cls(
            id=role.id,
            title=role.title,
            aliases=list(role.aliases),
            family=role.family,
            seniority=role.seniority.value,
            summary=role.summary,
            skills=len(role.skills),
            next_roles=list(role.next_roles),
            inferred=role.inferred,
        )


class ShortlistEntry(BaseModel):
    candidate_id: str
    score: float
    readiness: Readiness
    matched_skills: list[str]
    weak_skills: list[str]
    missing_skills: list[str]
    requirement_gaps: list[str]


class Shortlist(BaseModel):
    role_id: str
    title: str
    candidates_considered: int
    candidates: list[ShortlistEntry]


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class ReadyStatus(BaseModel):
    status: Literal["ready", "not ready"]
    checks: dict[str, Any]
