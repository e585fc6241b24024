"""The pure scoring functions, on small hand-made arrays."""

from __future__ import annotations

import numpy as np
import pytest

from recommender.config import ScoringParams
from recommender.profiles import EducationLevel, Seniority
from recommender.scoring import (
    UNKNOWN,
    CandidateFacts,
    RoleArrays,
    background_evidence,
    domain_evidence,
    domain_factor,
    effective_strength,
    estimate_level_from_managing_years,
    keyword_hits,
    profile_similarity,
    requirement_fit,
    role_scores,
    skill_coverage,
    skill_evidence,
    skill_status,
)

PARAMS = ScoringParams()


def unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def two_roles() -> RoleArrays:
    """Role 0 (entry): skills A (essential) and B (optional). Role 1 (manager): skill C (essential)."""
    texts = np.stack([unit(1, 0, 0, 0), unit(1, 0.1, 0, 0), unit(0, 1, 0, 0), unit(0, 0, 1, 0)])
    return RoleArrays(
        text_vectors=texts,
        text_starts=np.array([0, 2, 3]),
        skill_role=np.array([0, 0, 1]),
        skill_weight=np.array([1.0, 0.25, 1.0], dtype=np.float32),
        role_vectors=np.stack([unit(1, 1, 0, 0), unit(0, 0, 1, 0.2)]),
        role_level=np.array([Seniority.ENTRY.rank, Seniority.MANAGER.rank]),
        role_years=np.array([0.0, 5.0]),
        role_managing_years=np.array([0.0, 2.0]),
        role_education=np.array([EducationLevel.HIGH_SCHOOL.rank, EducationLevel.BACHELOR.rank]),
        role_education_equivalent=np.array([False, False]),
        skill_is_domain=np.array([True, True, False]),
    )


def test_best_sentence_is_the_evidence_for_each_skill() -> None:
    roles = two_roles()
    sentences = np.stack([unit(0, 0, 1, 0), unit(1, 0, 0, 0)])
    evidence = skill_evidence(sentences, np.zeros((0, 4), np.float32), np.zeros(0), roles, PARAMS)
    assert evidence.sentence_index[[0, 2]].tolist() == [1, 0]
    assert evidence.strength[0] == pytest.approx(1.0)
    assert evidence.strength[2] == pytest.approx(1.0)
    assert (evidence.rating_index == -1).all()


def test_self_rating_of_one_is_weaker_evidence_than_five() -> None:
    roles = two_roles()
    rated = np.stack([unit(1, 0, 0, 0)])
    none = np.zeros((0, 4), np.float32)
    weak = skill_evidence(none, rated, np.array([1]), roles, PARAMS).strength[0]
    strong = skill_evidence(none, rated, np.array([5]), roles, PARAMS).strength[0]
    assert weak < strong
    assert weak == pytest.approx(PARAMS.self_rating_factors[0])


def test_status_separates_matched_weak_and_missing() -> None:
    t, m = PARAMS.skill_threshold, PARAMS.weak_margin
    status = skill_status(np.array([t + 0.01, t - m / 2, t - m - 0.01]), PARAMS)
    assert status.tolist() == [2, 1, 0]


def test_coverage_weights_essential_skills_above_optional_ones() -> None:
    roles = two_roles()
    only_essential = skill_coverage(np.array([[1.0, 0.0, 0.0]]), roles, PARAMS)
    only_optional = skill_coverage(np.array([[0.0, 1.0, 0.0]]), roles, PARAMS)
    assert only_essential[0, 0] > 0.7 > only_optional[0, 0]
    assert only_essential[0, 1] == 0.0


def test_similarity_is_rescaled_to_unit_interval() -> None:
    sim = profile_similarity(np.stack([unit(1, 1, 0, 0), unit(0, 0, 0, 1)]), two_roles(), PARAMS)
    assert sim.shape == (2, 2)
    assert sim[0, 0] == pytest.approx(1.0)
    assert sim.min() >= 0.0 and sim.max() <= 1.0


def facts(years: float | None, managing: float | None, education: int, level: Seniority) -> CandidateFacts:
    return CandidateFacts.single(years, managing, education, level.rank)


def test_entry_candidate_is_not_ready_for_a_manager_role() -> None:
    fit = requirement_fit(facts(1, 0, EducationLevel.HIGH_SCHOOL.rank, Seniority.ENTRY), two_roles(), PARAMS)
    assert fit.total[0, 0] == pytest.approx(1.0)
    assert fit.total[0, 1] < 0.2
    assert fit.managing[0, 1] < 1.0 and fit.years[0, 1] < 1.0 and fit.education[0, 1] < 1.0


def test_overqualified_candidate_is_penalised_less_than_an_underqualified_one() -> None:
    roles = two_roles()
    director = requirement_fit(facts(15, 10, EducationLevel.MASTER.rank, Seniority.DIRECTOR), roles, PARAMS)
    junior = requirement_fit(facts(1, 0, EducationLevel.HIGH_SCHOOL.rank, Seniority.ENTRY), roles, PARAMS)
    assert director.total[0, 0] < 1.0  # a director is not shown Clerk as a perfect fit
    assert director.total[0, 1] > director.total[0, 0]
    assert junior.total[0, 1] < director.total[0, 0]


def test_unknown_years_count_as_a_shortfall_not_silence() -> None:
    fit = requirement_fit(facts(None, None, UNKNOWN, Seniority.MANAGER), two_roles(), PARAMS)
    assert fit.years[0, 1] < 1.0
    assert fit.managing[0, 1] < 1.0
    assert fit.education[0, 1] == pytest.approx(1.0 - PARAMS.education_unknown_penalty)


def test_score_is_relevance_times_fit_so_perfect_fit_cannot_lift_unrelated_work() -> None:
    coverage = np.array([[0.0, 0.9]])
    similarity = np.array([[0.0, 0.9]])
    fit = np.array([[1.0, 0.5]])
    scores = role_scores(coverage, similarity, fit, PARAMS)
    assert scores[0, 0] == 0.0
    assert scores[0, 1] == pytest.approx(0.45)


@pytest.mark.parametrize(
    ("years", "level"),
    [
        (None, Seniority.ENTRY),
        (0.2, Seniority.ENTRY),
        (1, Seniority.SUPERVISOR),
        (4, Seniority.MANAGER),
        (7, Seniority.DIRECTOR),
        (12, Seniority.EXECUTIVE),
    ],
)
def test_managing_years_map_to_ladder_levels(years: float | None, level: Seniority) -> None:
    assert estimate_level_from_managing_years(years, PARAMS) is level


def test_ordered_enums_compare_by_ladder_not_alphabet() -> None:
    assert Seniority.DIRECTOR > Seniority.ENTRY
    assert max(Seniority.ENTRY, Seniority.DIRECTOR) is Seniority.DIRECTOR
    assert EducationLevel.BACHELOR > EducationLevel.HIGH_SCHOOL
    assert EducationLevel.MASTER >= EducationLevel.BACHELOR
    assert EducationLevel.NONE <= EducationLevel.DOCTORATE


def test_little_customer_service_background_scales_relevance_down() -> None:
    roles = two_roles()
    evidence = domain_evidence(np.array([[0.7, 0.6, 0.9], [0.1, 0.2, 0.9]]), roles)
    assert evidence == pytest.approx([0.65, 0.15])
    factor = domain_factor(evidence, PARAMS)
    assert factor[0] == pytest.approx(1.0)
    assert factor[1] == pytest.approx(PARAMS.domain_min_factor)
    coverage = similarity = np.full((2, 2), 0.8)
    scores = role_scores(coverage, similarity, np.ones((2, 2)), PARAMS, factor)
    assert (scores[1] < scores[0]).all()


def test_a_candidate_asking_for_service_work_has_a_higher_floor() -> None:
    from dataclasses import replace

    params = replace(PARAMS, domain_min_factor=0.35, seeker_min_factor=0.8)
    none_shown = np.array([0.0, 0.0, 0.7])
    factor = domain_factor(none_shown, params, np.array([False, True, True]))
    assert factor == pytest.approx([0.35, 0.8, 1.0])
    # A seeker's floor never drops below everyone's.
    lower = replace(params, seeker_min_factor=0.1)
    assert domain_factor(none_shown[:1], lower, np.array([True]))[0] == pytest.approx(0.35)


def test_one_sentence_counts_once_towards_the_background() -> None:
    roles = two_roles()
    strength = np.array([[0.7, 0.6, 0.9]])
    # Both domain skills' evidence is the same sentence: only its best use counts.
    same = domain_evidence(strength, roles, top_k=2, source=np.array([[4, 4, 1]]))
    apart = domain_evidence(strength, roles, top_k=2, source=np.array([[4, 5, 1]]))
    assert same == pytest.approx([0.35])
    assert apart == pytest.approx([0.65])


def test_plain_signs_of_service_work_lift_a_weak_embedding_background() -> None:
    lifted = background_evidence(np.array([0.2, 0.2, 0.6]), np.array([1.0, 0.0, 1.0]), PARAMS)
    assert lifted == pytest.approx([PARAMS.domain_high, 0.2, 0.6])
    assert domain_factor(lifted, PARAMS)[0] == pytest.approx(1.0)


def test_a_specialism_is_sideways_for_a_supervisor_but_a_step_down_for_a_director() -> None:
    from dataclasses import replace

    roles = replace(two_roles(), role_level=np.array([Seniority.SENIOR_IC.rank, Seniority.MANAGER.rank]))
    supervisor = requirement_fit(
        facts(8, 3, EducationLevel.BACHELOR.rank, Seniority.SUPERVISOR), roles, PARAMS
    )
    director = requirement_fit(facts(15, 9, EducationLevel.BACHELOR.rank, Seniority.DIRECTOR), roles, PARAMS)
    assert supervisor.seniority[0, 0] == pytest.approx(PARAMS.sideways_penalty)
    # 2.5 rungs down the ladder: well below the sideways step.
    assert director.seniority[0, 0] == pytest.approx(PARAMS.overqualified_penalty_per_level**2.5)
    assert director.seniority[0, 0] < supervisor.seniority[0, 0]


def test_a_named_keyword_shows_the_skill_whatever_the_embedding_says() -> None:
    import re

    patterns = [re.compile(r"\bbudgets?\b", re.I), None, re.compile(r"\bcrm\b", re.I)]
    sentences = ["£7.5m budget, outsourced overflow", "The budget sits with head office", "Genesys, CRM"]
    weight = np.array([1.0, 0.0, 1.0], dtype=np.float32)
    hit, where = keyword_hits(sentences, weight, patterns)
    assert hit.tolist() == [1.0, 0.0, 1.0]
    assert where.tolist() == [0, -1, 2]
    strength = np.array([0.2, 0.2, 0.9], dtype=np.float32)
    effective = effective_strength(strength, hit, PARAMS)
    assert effective.tolist() == pytest.approx([PARAMS.skill_threshold, 0.2, 0.9])


def test_a_keyword_named_only_in_a_low_self_rating_is_weak_evidence() -> None:
    import re

    patterns = [re.compile(r"\bcrm\b", re.I), re.compile(r"\bbudgets?\b", re.I)]
    sentences = ["CRM systems (self-rated 1/5)", "budgeting (self-rated 2/5)", "budgets (self-rated 5/5)"]
    factors = PARAMS.self_rating_factors
    weight = np.array([factors[0], factors[1], factors[4]], dtype=np.float32)
    hit, where = keyword_hits(sentences, weight, patterns)
    # The weightiest line that names the keyword vouches for it, as far as its rating goes.
    assert where.tolist() == [0, 2]
    assert hit.tolist() == pytest.approx([factors[0], factors[4]])
    effective = effective_strength(np.zeros(2, dtype=np.float32), hit, PARAMS)
    assert effective[0] < PARAMS.skill_threshold - PARAMS.weak_margin  # 1/5: not shown
    assert effective[1] == pytest.approx(PARAMS.skill_threshold)


def test_a_strength_stored_at_the_threshold_is_matched_despite_float32_rounding() -> None:
    from dataclasses import replace

    from recommender.scoring import skill_status

    params = replace(PARAMS, skill_threshold=0.524)
    at_threshold = np.array([0.524], dtype=np.float32)  # 0.52399999... once stored
    assert float(at_threshold[0]) < 0.524
    assert skill_status(at_threshold, params)[0] == 2
    assert skill_status(np.array([0.514], dtype=np.float32), params)[0] == 1
