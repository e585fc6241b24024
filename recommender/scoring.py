"""Pure scoring functions over arrays: evidence per skill, coverage, similarity, fit, score.

Shapes used throughout:

* ``d``: embedding dimension; ``T``: all skill texts of all roles; ``K``: all skills of
  all roles (a skill shared by two roles appears twice); ``R``: roles; ``N``: candidates;
  ``n``: one candidate's sentences; ``m``: one candidate's self-rated skills.

Nothing here does I/O or reads globals: every number comes in through
:class:`~recommender.config.ScoringParams` or the arrays, so the same functions serve
one candidate (N = 1) and a shortlist of a hundred thousand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from recommender.config import ScoringParams
from recommender.profiles import Seniority

UNKNOWN = -1  # education rank / level when the input says nothing


@dataclass(frozen=True)
class RoleArrays:
    """Everything about the roles the scorer needs, as arrays (built once per catalog)."""

    text_vectors: np.ndarray  # (T, d) unit rows, grouped by skill in order
    text_starts: np.ndarray  # (K,) index of each skill's first text in text_vectors
    skill_role: np.ndarray  # (K,) role index of each skill
    skill_weight: np.ndarray  # (K,) importance weight
    role_vectors: np.ndarray  # (R, d) whole-profile embeddings
    role_level: np.ndarray  # (R,) Seniority rank
    role_years: np.ndarray  # (R,) overall/related years required (0 = none stated)
    role_managing_years: np.ndarray  # (R,) years managing people required
    role_education: np.ndarray  # (R,) EducationLevel rank of the minimum
    role_education_equivalent: np.ndarray  # (R,) bool: "or its equivalent" accepted
    skill_is_domain: np.ndarray  # (K,) bool: first occurrence of each customer-service domain skill

    @property
    def n_roles(self) -> int:
        return int(self.role_vectors.shape[0])

    @property
    def n_skills(self) -> int:
        return int(self.skill_role.shape[0])


@dataclass(frozen=True)
class CandidateFacts:
    """Per-candidate requirement facts as arrays of shape (N,); NaN / UNKNOWN when unstated."""

    years_experience: np.ndarray
    years_managing: np.ndarray
    education: np.ndarray  # EducationLevel rank or UNKNOWN
    level: np.ndarray  # Seniority rank (always estimated)

    @classmethod
    def single(
        cls, years_experience: float | None, years_managing: float | None, education: int, level: int
    ) -> CandidateFacts:
        def as_array(value: float | None) -> np.ndarray:
            return np.array([np.nan if value is None else value], dtype=np.float64)

        return cls(
            as_array(years_experience),
            as_array(years_managing),
            np.array([education], dtype=np.int64),
            np.array([level], dtype=np.int64),
        )


@dataclass(frozen=True)
class SkillEvidenceArrays:
    """One candidate's best evidence for every skill of every role."""

    strength: np.ndarray  # (K,) evidence strength, comparable with the skill threshold
    sentence_index: np.ndarray  # (K,) best sentence, or -1
    rating_index: np.ndarray  # (K,) best self-rated skill, or -1 (set when it beat the sentence)
    # (K,) how far a keyword hit vouches for the skill, in [0, 1]: 0 none, 1 a sentence of
    # the candidate's names it, a self-rating factor when only a rated skill names it
    keyword: np.ndarray | None = None

    def effective_strength(self, params: ScoringParams) -> np.ndarray:
        """Strength with keyword evidence counted (see :func:`effective_strength`)."""
        return effective_strength(self.strength, self.keyword, params)


def effective_strength(strength: np.ndarray, keyword: np.ndarray | None, params: ScoringParams) -> np.ndarray:
    """A skill whose keyword the candidate names ("£7.5m budget", "Salesforce") is shown,
    whatever the sentence's embedding says: terse lists embed poorly, but name the thing.
    Named only in a skill rated 1/5, it is as weak as that rating says."""
    if keyword is None:
        return strength
    floor = params.skill_threshold * np.asarray(keyword, dtype=np.float32)
    return np.maximum(strength, floor).astype(np.float32)


def _max_per_skill(similarities: np.ndarray, text_starts: np.ndarray) -> np.ndarray:
    """(rows, T) similarities -> (rows, K): each skill's best text."""
    if similarities.shape[0] == 0:
        return np.zeros((0, text_starts.shape[0]), dtype=np.float32)
    return np.maximum.reduceat(similarities, text_starts, axis=1)


def skill_evidence(
    sentence_vectors: np.ndarray,
    rated_vectors: np.ndarray,
    rated_levels: np.ndarray,
    roles: RoleArrays,
    params: ScoringParams,
) -> SkillEvidenceArrays:
    """Best evidence per role skill among the sentences (n, d) and self-rated skills (m, d)."""
    k = roles.n_skills
    strength = np.zeros(k, dtype=np.float32)
    sentence_index = np.full(k, -1, dtype=np.int64)
    rating_index = np.full(k, -1, dtype=np.int64)
    if sentence_vectors.shape[0]:
        per_skill = _max_per_skill(sentence_vectors @ roles.text_vectors.T, roles.text_starts)
        sentence_index = per_skill.argmax(axis=0)
        strength = per_skill[sentence_index, np.arange(k)]
    if rated_vectors.shape[0]:
        factors = np.asarray(params.self_rating_factors, dtype=np.float32)
        levels = np.clip(np.asarray(rated_levels, dtype=np.int64), 1, 5) - 1
        per_skill = _max_per_skill(rated_vectors @ roles.text_vectors.T, roles.text_starts)
        per_skill = per_skill * factors[levels][:, None]
        best = per_skill.argmax(axis=0)
        rated_strength = per_skill[best, np.arange(k)]
        wins = rated_strength > strength
        rating_index = np.where(wins, best, -1)
        strength = np.where(wins, rated_strength, strength)
    return SkillEvidenceArrays(strength.astype(np.float32), sentence_index, rating_index)


def keyword_hits(
    sentences: Sequence[str], weight: np.ndarray, patterns: Sequence[re.Pattern[str] | None]
) -> tuple[np.ndarray, np.ndarray]:
    """(K,) hit weight and (K,) sentence index: the weightiest sentence naming each skill's
    keyword (the first among equals). ``weight`` (n,) is 0 for a sentence that cannot be
    evidence (negated), a self-rating factor for a rated skill's line, else 1."""
    hit = np.zeros(len(patterns), dtype=np.float32)
    where = np.full(len(patterns), -1, dtype=np.int64)
    # A skill shared by several roles has the same pattern in each: search it once.
    found: dict[re.Pattern[str], tuple[float, int]] = {}
    for k, pattern in enumerate(patterns):
        if pattern is None:
            continue
        if pattern not in found:
            best = (0.0, -1)
            for i, sentence in enumerate(sentences):
                if weight[i] > best[0] and pattern.search(sentence):
                    best = (float(weight[i]), i)
                    if best[0] >= 1.0:  # nothing can vouch more
                        break
            found[pattern] = best
        hit[k], where[k] = found[pattern]
    return hit, where


def skill_credit(strength: np.ndarray, params: ScoringParams) -> np.ndarray:
    """Evidence strength -> credit in [0, 1]: full at the threshold, a linear ramp over the weak band."""
    low = params.skill_threshold - params.weak_margin
    return np.clip((strength - low) / params.weak_margin, 0.0, 1.0)


# Strengths are float32: a keyword's floor set to the threshold itself (0.524) is stored as
# 0.52399999 and would read as just under it. Comparisons allow for that rounding.
FLOAT32_ROUNDING = 1e-6


def reaches(strength: np.ndarray | float, threshold: float) -> np.ndarray:
    """``strength >= threshold``, allowing for float32 rounding of the strength."""
    return np.asarray(strength) >= threshold - FLOAT32_ROUNDING


def skill_status(strength: np.ndarray, params: ScoringParams) -> np.ndarray:
    """0 = missing, 1 = weak evidence, 2 = matched."""
    status = np.zeros(strength.shape, dtype=np.int8)
    status[reaches(strength, params.skill_threshold - params.weak_margin)] = 1
    status[reaches(strength, params.skill_threshold)] = 2
    return status


def skill_coverage(strength: np.ndarray, roles: RoleArrays, params: ScoringParams) -> np.ndarray:
    """Importance-weighted share of each role's skills the candidates show: (N, K) -> (N, R)."""
    weights = np.zeros((roles.n_skills, roles.n_roles), dtype=np.float32)
    weights[np.arange(roles.n_skills), roles.skill_role] = roles.skill_weight
    totals = weights.sum(axis=0)
    totals[totals == 0] = 1.0
    return (skill_credit(np.atleast_2d(strength), params) @ weights) / totals


def profile_similarity(centroids: np.ndarray, roles: RoleArrays, params: ScoringParams) -> np.ndarray:
    """Whole-profile cosine rescaled to [0, 1]: (N, d) -> (N, R)."""
    cosine = np.atleast_2d(centroids) @ roles.role_vectors.T
    span = params.similarity_ceiling - params.similarity_floor
    return np.clip((cosine - params.similarity_floor) / span, 0.0, 1.0)


@dataclass(frozen=True)
class FitComponents:
    """Requirement-fit factors, each (N, R) in (0, 1]; their product is the fit."""

    seniority: np.ndarray
    years: np.ndarray
    managing: np.ndarray
    education: np.ndarray

    @property
    def total(self) -> np.ndarray:
        return self.seniority * self.years * self.managing * self.education


def requirement_fit(facts: CandidateFacts, roles: RoleArrays, params: ScoringParams) -> FitComponents:
    """How far each candidate meets each role's seniority, years and education: (N, R) factors."""
    ladder = np.asarray(params.ladder_positions, dtype=np.float64)
    level = ladder[facts.level][:, None]
    role_level = ladder[roles.role_level][None, :]
    reach = np.clip(role_level - level, 0, None)
    drop = np.clip(level - role_level, 0, None)
    seniority = params.reach_penalty_per_level**reach * params.overqualified_penalty_per_level**drop
    # Senior specialist roles sit beside the ladder: for a supervisor, moving into them is a
    # sideways step, whatever the rank arithmetic says. From manager up it is a step down
    # like any other: a director is not shown the trainer's job first.
    specialist_role = roles.role_level[None, :] == Seniority.SENIOR_IC.rank
    sideways = specialist_role & (facts.level[:, None] == Seniority.SUPERVISOR.rank)
    seniority = np.where(sideways, params.sideways_penalty, seniority)

    def shortfall(have: np.ndarray, need: np.ndarray, penalty: float) -> np.ndarray:
        need = need[None, :].astype(np.float64)
        # Unknown years count as none shown: a shortfall must never be silent.
        have = np.nan_to_num(have[:, None].astype(np.float64), nan=0.0)
        missing = np.where(need > 0, np.clip(need - have, 0, None) / np.where(need > 0, need, 1), 0.0)
        return 1.0 - penalty * missing

    years = shortfall(facts.years_experience, roles.role_years, params.years_shortfall_penalty)
    managing = shortfall(facts.years_managing, roles.role_managing_years, params.managing_shortfall_penalty)

    education_known = facts.education[:, None] != UNKNOWN
    levels_short = np.clip(roles.role_education[None, :] - facts.education[:, None], 0, None)
    per_level = np.where(
        roles.role_education_equivalent[None, :],
        params.education_penalty_per_level / 2,
        params.education_penalty_per_level,
    )
    needs_education = roles.role_education[None, :] > 1  # more than a high-school diploma
    education = np.where(
        education_known,
        1.0 - per_level * levels_short,
        np.where(needs_education, 1.0 - params.education_unknown_penalty, 1.0),
    )
    return FitComponents(seniority, years, managing, np.clip(education, 0.05, 1.0))


def domain_evidence(
    strength: np.ndarray, roles: RoleArrays, top_k: int = 3, source: np.ndarray | None = None
) -> np.ndarray:
    """Customer-service background shown: mean of the ``top_k`` strongest domain skills, (N, K) -> (N,).

    Several skills, not one: an outsider's résumé may touch one customer-service duty in
    passing ("the escalation path from support to engineering"); real customer-service work
    shows several. With ``source`` (N, K: the sentence or rating each skill's evidence came
    from), each sentence counts once: a food plant's one line on "customer product
    complaints" is not three duties.
    """
    strength = np.atleast_2d(strength)
    columns = strength[:, roles.skill_is_domain]
    if columns.shape[1] == 0:
        return np.ones(columns.shape[0])
    if source is None:
        return np.sort(columns, axis=1)[:, -top_k:].mean(axis=1)
    sources = np.atleast_2d(source)[:, roles.skill_is_domain]
    out = np.zeros(columns.shape[0])
    for row in range(columns.shape[0]):
        taken: set[int] = set()
        best: list[float] = []
        for column in np.argsort(-columns[row], kind="stable"):
            origin = int(sources[row, column])
            if origin >= 0 and origin in taken:
                continue
            taken.add(origin)
            best.append(float(columns[row, column]))
            if len(best) == top_k:
                break
        out[row] = sum(best) / top_k
    return out


def background_evidence(embedded: np.ndarray, context: np.ndarray, params: ScoringParams) -> np.ndarray:
    """Customer-service background: the embedding evidence (:func:`domain_evidence`), or the
    plain signs of the work (``context`` in [0, 1], see :mod:`recommender.service_context`)
    when those say more.

    Full signs count as ``domain_high``, i.e. no scaling down: a terse agent's résumé that
    names calls, tickets, CSAT and a CRM is customer-service work whatever its phrasing.
    """
    signs = params.domain_high * np.asarray(context, dtype=np.float64)
    return np.maximum(np.asarray(embedded, dtype=np.float64), signs)


def domain_ramp(evidence: np.ndarray, params: ScoringParams) -> np.ndarray:
    """How clearly the background is customer-service work: (N,) in [0, 1], 0 below
    ``domain_low`` and 1 from ``domain_high`` up, linear between."""
    span = max(params.domain_high - params.domain_low, 1e-9)
    return np.clip((evidence - params.domain_low) / span, 0.0, 1.0)


def domain_factor(
    evidence: np.ndarray, params: ScoringParams, seeking: np.ndarray | None = None
) -> np.ndarray:
    """Scale on relevance for little customer-service background: (N,) in [floor, 1].

    The floor is ``domain_min_factor``, or ``seeker_min_factor`` where ``seeking`` (N, bool)
    says the candidate asks for customer-service work: a career changer is judged on what
    they can bring, not discounted like a résumé that merely shares the roles' words.
    """
    floor = np.full(np.shape(evidence), params.domain_min_factor, dtype=np.float64)
    if seeking is not None:
        floor = np.where(
            np.asarray(seeking, dtype=bool), max(params.seeker_min_factor, params.domain_min_factor), floor
        )
    return floor + (1.0 - floor) * domain_ramp(evidence, params)


def relevance(coverage: np.ndarray, similarity: np.ndarray, params: ScoringParams) -> np.ndarray:
    """How much the candidate's work is the role's work, in [0, 1]."""
    return params.coverage_weight * coverage + (1.0 - params.coverage_weight) * similarity


def title_bonus(title_match: np.ndarray, context: np.ndarray, params: ScoringParams) -> np.ndarray:
    """Relevance added for holding a job named like the role: (N, R).

    Only as far as the words show customer-service work (``context`` in [0, 1], see
    :mod:`recommender.service_context`): a food plant's "Quality Assurance Specialist"
    shares the name of a role, not its work.
    """
    return params.title_weight * np.asarray(title_match) * np.asarray(context, dtype=np.float64)[:, None]


def role_scores(
    coverage: np.ndarray,
    similarity: np.ndarray,
    fit: np.ndarray,
    params: ScoringParams,
    domain: np.ndarray | None = None,
    bonus: np.ndarray | None = None,
) -> np.ndarray:
    """Final score in [0, 1]: (relevance + title bonus) times domain background times requirement fit.

    A product, not a sum: a perfect fit cannot lift a role whose work the candidate
    has never done (the unrelated director), and a seniority shortfall cannot be
    outvoted by matching words or a matching title (the junior with grand words).
    """
    scale = 1.0 if domain is None else np.asarray(domain)[:, None]
    lifted = relevance(coverage, similarity, params) + (0.0 if bonus is None else bonus)
    return np.clip(np.clip(lifted, 0.0, 1.0) * scale * fit, 0.0, 1.0)


def estimate_level_from_managing_years(years_managing: float | None, params: ScoringParams) -> Seniority:
    """The ladder rung that years of managing people alone would support."""
    if years_managing is None or years_managing < params.managing_years_for_supervisor:
        return Seniority.ENTRY
    if years_managing >= params.managing_years_for_executive:
        return Seniority.EXECUTIVE
    if years_managing >= params.managing_years_for_director:
        return Seniority.DIRECTOR
    if years_managing >= params.managing_years_for_manager:
        return Seniority.MANAGER
    return Seniority.SUPERVISOR
