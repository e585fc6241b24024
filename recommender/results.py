"""What a match returns: typed, JSON-ready, the same for the CLI's ``--json`` and the API."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

SkillStatus = Literal["matched", "weak", "missing"]
Readiness = Literal["ready", "stretch", "not ready"]


class SkillEvidence(BaseModel):
    """One role skill and the candidate's best evidence for it."""

    skill_id: str
    skill: str
    importance: Literal["essential", "important", "optional"]
    status: SkillStatus
    strength: float = Field(description="Similarity of the best evidence to the skill (after self-rating).")
    evidence: str | None = Field(
        default=None, description="The candidate's own sentence (or self-rated skill) that shows it."
    )
    evidence_source: Literal["resume", "self_rating"] | None = None
    action: str | None = Field(default=None, description="What to do or show to close this gap.")


class Gap(BaseModel):
    """A requirement the candidate does not (visibly) meet, as an action they can take."""

    kind: Literal["education", "experience", "managing", "seniority"]
    required: str
    candidate_has: str
    action: str


class RoleMatch(BaseModel):
    role_id: str
    title: str
    seniority: str
    score: float = Field(ge=0, le=1)
    readiness: Readiness
    why: str = Field(description="The score in one or two plain sentences.")
    coverage: float = Field(description="Importance-weighted share of the role's skills shown.")
    similarity: float = Field(description="Whole-profile similarity, rescaled to [0, 1].")
    requirement_fit: float = Field(description="Product of the seniority, years and education factors.")
    title_bonus: float = Field(
        default=0.0, description="Relevance added because the current job title is named like this role."
    )
    matched: list[SkillEvidence]
    weak: list[SkillEvidence]
    missing: list[SkillEvidence]
    gaps: list[Gap]
    actions: list[str] = Field(description="How to raise this score, most valuable first.")
    inferred_profile: bool = False


class NextStep(BaseModel):
    """A role one rung up the ladder from the best fit, and the gap to it."""

    role_id: str
    title: str
    score: float
    missing_skills: list[str]
    gaps: list[Gap]


class CandidateSummary(BaseModel):
    source: Literal["resume", "self_assessment"]
    sentences: int
    years_experience: float | None
    years_managing: float | None
    education: str | None
    estimated_level: str
    level_reason: str
    warnings: list[str]


class MatchReport(BaseModel):
    candidate: CandidateSummary
    roles: list[RoleMatch]
    next_steps: list[NextStep] = Field(
        default_factory=list, description="The best-fit role's next roles on the ladder and the gap to each."
    )
