"""Scores -> explanations: matched skills with evidence, missing skills, requirement gaps.

Every gap is phrased as something the candidate can do or show ("show 1-3 years
supervising people"), never as a bare number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from recommender.candidate_types import CandidateProfile
from recommender.config import ScoringParams
from recommender.profiles import EducationLevel, Importance, RoleProfile, Seniority, Skill
from recommender.results import Gap, RoleMatch, SkillEvidence, SkillStatus
from recommender.scoring import reaches

_IMPORTANCE_ORDER = {Importance.ESSENTIAL: 0, Importance.IMPORTANT: 1, Importance.OPTIONAL: 2}


@dataclass(frozen=True)
class RoleScoreParts:
    """One role's numbers for one candidate, as computed by the scorer."""

    score: float
    coverage: float
    similarity: float
    seniority_fit: float
    years_fit: float
    managing_fit: float
    education_fit: float
    domain_fit: float = 1.0
    title_bonus: float = 0.0

    @property
    def requirement_fit(self) -> float:
        return self.seniority_fit * self.years_fit * self.managing_fit * self.education_fit


def _years(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _shown(value: float | None, what: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return f"the profile does not state {what}"
    if value < 0.25:
        return f"the profile shows none ({what})"
    return f"the profile shows about {_years(round(value * 2) / 2)} years ({what})"


def skill_action(skill: Skill, status: str, evidence: str | None) -> str:
    example = skill.examples[0] if skill.examples else skill.description
    if status == "weak" and evidence:
        return (
            f"Make {skill.name.lower()} explicit with a concrete result; your closest line was "
            f'"{evidence[:120]}". For example: "{example}".'
        )
    return f'Show {skill.name.lower()}: {skill.description} For example: "{example}".'


def requirement_gaps(
    role: RoleProfile, candidate: CandidateProfile, level: Seniority, params: ScoringParams
) -> list[Gap]:
    gaps: list[Gap] = []
    ladder = params.ladder_positions
    reach = ladder[role.seniority.rank] - ladder[level.rank]
    if reach >= 1:
        gaps.append(
            Gap(
                kind="seniority",
                required=f"{role.seniority.label} experience",
                candidate_has=f"{level.label} experience",
                action=(
                    f"This role is {_years(reach)} rung(s) above what the profile shows; "
                    f"take the next step on the ladder first or show {role.seniority.label}-level "
                    "responsibility (people, budgets, policies) you have already held."
                ),
            )
        )
    exp = role.experience
    if exp.years_managing:
        have = candidate.years_managing
        if have is None or have < exp.years_managing:
            span = (
                f"{_years(exp.years_managing)}-{_years(exp.years_managing_max)}"
                if exp.years_managing_max
                else f"{_years(exp.years_managing)}+"
            )
            missing = exp.years_managing - (have or 0.0)
            gaps.append(
                Gap(
                    kind="managing",
                    required=f"{span} years managing or supervising people",
                    candidate_has=_shown(have, "managing people"),
                    action=(
                        f"Show {span} years supervising people (team lead, acting supervisor, "
                        f"coaching and appraising a team); about {_years(math.ceil(missing * 2) / 2)} "
                        "more years are needed, or name them if the résumé leaves them out."
                    ),
                )
            )
    needed = exp.required_years
    have_years = candidate.years_experience
    if needed and (have_years is None or have_years < needed):
        gaps.append(
            Gap(
                kind="experience",
                required=f"{_years(needed)}+ years of experience in customer service or a related area",
                candidate_has=_shown(have_years, "work experience"),
                action=(
                    f"Show {_years(needed)}+ years of related work with dates for each job "
                    "(e.g. 'Jan 2019 - Mar 2022')."
                    if have_years is None
                    else f"Gain about {_years(math.ceil((needed - have_years) * 2) / 2)} more years of "
                    "related work, or list earlier customer-facing jobs with their dates."
                ),
            )
        )
    edu = role.education
    if edu.minimum > EducationLevel.HIGH_SCHOOL or (
        edu.minimum is EducationLevel.HIGH_SCHOOL and candidate.education is not None
    ):
        fields = f" in {', '.join(edu.fields)}" if edu.fields else ""
        equivalent = " or equivalent experience" if edu.equivalent_experience_accepted else ""
        required = f"{edu.minimum.label}{fields}{equivalent}"
        if candidate.education is None:
            gaps.append(
                Gap(
                    kind="education",
                    required=required,
                    candidate_has="the profile does not state an education level",
                    action=f"State your highest qualification; this role asks for a {required}.",
                )
            )
        elif candidate.education < edu.minimum:
            gaps.append(
                Gap(
                    kind="education",
                    required=required,
                    candidate_has=candidate.education.label,
                    action=(
                        f"Complete a {edu.minimum.label}{fields}"
                        + (", or show the equivalent experience the role accepts." if equivalent else ".")
                    ),
                )
            )
    return gaps


def readiness(parts: RoleScoreParts, reach: float, params: ScoringParams, has_gaps: bool) -> str:
    if reach >= 1 or parts.score < params.stretch_score:
        return "not ready"
    if has_gaps or reach > 0 or parts.score < params.ready_score:
        return "stretch"
    return "ready"


def explain_role(
    role: RoleProfile,
    parts: RoleScoreParts,
    skill_strengths: list[float],
    skill_evidence_texts: list[tuple[str | None, str | None]],
    candidate: CandidateProfile,
    level: Seniority,
    params: ScoringParams,
    *,
    new_to_service_teams: bool = False,
) -> RoleMatch:
    """Build the user-facing explanation for one role from the scorer's numbers.

    ``new_to_service_teams``: the candidate asks for customer-service work (or says they are
    moving into it) and has held no job in a service team. A retail manager's complaints and refunds count as
    customer-facing work, so the background scale does not drag; the team experience they
    lack is still a gap to name.
    """
    matched: list[SkillEvidence] = []
    weak: list[SkillEvidence] = []
    missing: list[SkillEvidence] = []
    low = params.skill_threshold - params.weak_margin
    for skill, strength, (text, source) in zip(
        role.skills, skill_strengths, skill_evidence_texts, strict=True
    ):
        status: SkillStatus = (
            "matched"
            if reaches(strength, params.skill_threshold)
            else "weak"
            if reaches(strength, low)
            else "missing"
        )
        item = SkillEvidence(
            skill_id=skill.id,
            skill=skill.name,
            importance=skill.importance.value,
            status=status,
            strength=round(float(strength), 3),
            evidence=text if status != "missing" else None,
            evidence_source=source if status != "missing" else None,  # type: ignore[arg-type]
            action=None if status == "matched" else skill_action(skill, status, text),
        )
        {"matched": matched, "weak": weak, "missing": missing}[status].append(item)
    by_importance = {s.id: _IMPORTANCE_ORDER[s.importance] for s in role.skills}
    for bucket in (matched, weak, missing):
        bucket.sort(key=lambda e: (by_importance[e.skill_id], -e.strength))

    gaps = requirement_gaps(role, candidate, level, params)
    if parts.domain_fit < 0.999:
        gaps.insert(
            0,
            Gap(
                kind="experience",
                required="customer-facing service experience (calls, chats, e-mails, complaints)",
                candidate_has="little customer-service or contact-centre work in the profile",
                action=(
                    "Show customer-facing service or contact-centre work: handling customer calls, chats or "
                    "complaints, with how many a day and the results (e.g. satisfaction scores)."
                ),
            ),
        )
    elif new_to_service_teams:
        gaps.insert(
            0,
            Gap(
                kind="experience",
                required="experience in a customer-service team or contact centre",
                candidate_has="no job in a customer-service team yet (moving in from another field)",
                action=(
                    "Describe the customer-facing side of past jobs in service terms (contacts or complaints "
                    "handled a day, and their results), or start in a contact-centre role to build this up."
                ),
            ),
        )
    reach = params.ladder_positions[role.seniority.rank] - params.ladder_positions[level.rank]
    essential = [s for s in role.skills if s.importance is Importance.ESSENTIAL]
    essential_shown = sum(1 for e in matched if e.importance == "essential")
    why = (
        f"Shows {len(matched)} of {len(role.skills)} skills "
        f"({essential_shown} of {len(essential)} essential), {len(weak)} more weakly; "
        f"skill coverage {parts.coverage:.0%}, profile similarity {parts.similarity:.0%}."
    )
    if parts.title_bonus >= 0.005:
        why += f" The current job title is named like this role (+{parts.title_bonus:.2f} relevance)."
    drags = []
    if parts.seniority_fit < 0.999:
        direction = "above" if reach > 0 else "below"
        drags.append(f"the role is {direction} the {level.label} level shown (x{parts.seniority_fit:.2f})")
    if parts.managing_fit < 0.999:
        drags.append(f"too few years managing people (x{parts.managing_fit:.2f})")
    if parts.years_fit < 0.999:
        drags.append(f"too few years of experience (x{parts.years_fit:.2f})")
    if parts.domain_fit < 0.999:
        drags.append(f"little customer-service work shown (x{parts.domain_fit:.2f})")
    if parts.education_fit < 0.999:
        drags.append(f"education below or not stated (x{parts.education_fit:.2f})")
    why += " Requirements: " + ("; ".join(drags) if drags else "all met") + "."

    actions = [g.action for g in gaps]
    actions += [e.action for e in missing if e.importance == "essential" and e.action]
    actions += [e.action for e in weak if e.action]
    actions += [e.action for e in missing if e.importance != "essential" and e.action]
    return RoleMatch(
        role_id=role.id,
        title=role.title,
        seniority=role.seniority.value,
        score=round(float(parts.score), 4),
        readiness=readiness(parts, reach, params, bool(gaps)),  # type: ignore[arg-type]
        why=why,
        coverage=round(float(parts.coverage), 4),
        similarity=round(float(parts.similarity), 4),
        requirement_fit=round(float(parts.requirement_fit), 4),
        title_bonus=round(float(parts.title_bonus), 4),
        matched=matched,
        weak=weak,
        missing=missing,
        gaps=gaps,
        actions=actions[:6],
        inferred_profile=role.inferred,
    )
