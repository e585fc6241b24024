"""Fit the scorer's fittable numbers on the training split; report the test split only.

Run with ``recommender calibrate``. Two steps:

1. The "has this skill" threshold, from the labelled skills: every ``expected_present``
   item is a positive and every ``expected_missing`` item a negative example of the
   candidate's evidence strength for the role skill the phrase names. The threshold is
   the highest at which at most 5 % of the present skills would be stated as missing
   (the false-gap target); the ROC point it reaches is reported (scikit-learn ``roc_curve``).
2. The blend and penalty weights, the title bonus and sideways step, the weight of a
   missing degree, then the managing-years rungs, each by an exhaustive grid
   (scikit-learn ``ParameterGrid``) maximising
   top-1 + MRR - 2 x top-3 violations on the training split; points less than one training
   case from the best count as tied, and ties go to the hand-set defaults.
3. The customer-service background scale (and its floor for candidates who ask for
   customer-service work), by a grid maximising the ranking objective, then the share of
   (correct, unrelated) pairs where the unrelated candidate's best score is the lower,
   then the margin between the lowest correct top score and the highest unrelated one.

The result goes to ``recommender/fitted_params.json`` with the figures that justify it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score, roc_curve
from sklearn.model_selection import ParameterGrid

from recommender.config import FITTED_PARAMS_PATH, ScoringParams
from recommender.evaluation import EvalCase, GapJudge, OurMatcher, evaluate, load_cases, resolve_titles
from recommender.matcher import Recommender

# Stage 1: how relevance and requirement fit combine (ranking).
GRID = {
    "coverage_weight": [0.4, 0.5, 0.6, 0.7, 0.8],
    "reach_penalty_per_level": [0.4, 0.5, 0.55, 0.65, 0.75],
    "overqualified_penalty_per_level": [0.7, 0.8, 0.9],
    "managing_shortfall_penalty": [0.3, 0.5, 0.7],
}
# Stage 1b: the current-title bonus (it only has to separate roles of the same rank that ask
# for the same skills) and the sideways step from supervisor into a specialism (ranking).
TITLE_GRID = {
    "title_weight": [0.0, 0.05, 0.1, 0.15, 0.2],
    "sideways_penalty": [0.7, 0.75, 0.8, 0.85, 0.9, 1.0],
}
# Stage 1c: how much a degree short of the role's minimum weighs. The seeds say "typically
# requires" a degree for most ranks above the front line; a team leader without one is still
# a supervisor first.
EDUCATION_GRID = {
    "education_penalty_per_level": [0.04, 0.08, 0.12, 0.16],
}
# Stage 2: years of managing people that make each rung when no title says it (ranking).
LEVEL_GRID = {
    "managing_years_for_manager": [2.0, 3.0, 4.0],
    "managing_years_for_director": [5.0, 6.0, 7.0, 8.0],
    "managing_years_for_executive": [8.0, 10.0, 12.0, 14.0],
}
# Stage 3: the customer-service background scale. It multiplies every role of a candidate
# alike; its lower bound also moves career changers a rung down. Fitted on ranking first,
# then on the separation between unrelated candidates' best scores and correct
# candidates' top scores.
DOMAIN_GRID = {
    "domain_low": [0.3, 0.35, 0.4, 0.45],
    "domain_high": [0.45, 0.5, 0.55],
    "domain_min_factor": [0.1, 0.2, 0.35, 0.5],
    "seeker_min_factor": [0.35, 0.5, 0.65, 0.8, 0.9],
}


def _skill_pairs(matcher: OurMatcher, cases: list[EvalCase]) -> tuple[np.ndarray, np.ndarray]:
    """(evidence strength, has-skill label) for every labelled skill that names a role skill."""
    rec = matcher.recommender
    strengths: list[float] = []
    labels: list[int] = []
    for case in cases:
        if case.unrelated or not case.acceptable_top:
            continue
        _, features = matcher.prepare(case)
        role_index = rec.role_index(resolve_titles(case.acceptable_top[:1], rec.catalog, case.id)[0])
        role = rec.catalog[role_index]
        first_skill = int(np.searchsorted(rec.roles.skill_role, role_index))
        phrases = [(p, 1) for p in case.expected_present] + [(m, 0) for m in case.expected_missing]
        if not phrases:
            continue
        phrase_vectors = rec.encoder.encode([p for p, _ in phrases])
        for (_, label), vector in zip(phrases, phrase_vectors, strict=True):
            best_skill, best_similarity = -1, 0.0
            for offset, skill in enumerate(role.skills):
                start = int(rec.roles.text_starts[first_skill + offset])
                similarity = float((rec.roles.text_vectors[start : start + len(skill.texts)] @ vector).max())
                if similarity > best_similarity:
                    best_skill, best_similarity = offset, similarity
            # Phrases about degrees or years name no skill: they are requirement gaps. A skill
            # shown by its keyword is shown whatever the threshold, so it says nothing about it.
            keyword = features.evidence.keyword
            named = keyword is not None and best_skill >= 0 and bool(keyword[first_skill + best_skill])
            if best_skill >= 0 and best_similarity >= 0.45 and not named:
                strengths.append(float(features.evidence.strength[first_skill + best_skill]))
                labels.append(label)
    return np.asarray(strengths), np.asarray(labels)


def fit_skill_threshold(
    strengths: np.ndarray,
    labels: np.ndarray,
    default: float,
    weak_margin: float,
    max_false_gaps: float = 0.05,
) -> tuple[float, dict[str, Any]]:
    """The highest threshold at which at most ``max_false_gaps`` of the skills candidates
    really show would be stated as missing (strength below threshold - weak margin).

    A higher threshold lists more real gaps (as missing or weak); this picks the highest
    one that keeps the false-gap target. The ROC point reached is reported.
    """
    positives = strengths[labels == 1]
    if positives.size < 10:
        return default, {"pairs": int(labels.size), "note": "too few labelled pairs; default kept"}
    threshold = float(np.clip(np.quantile(positives, max_false_gaps) + weak_margin, 0.3, 0.7))
    info: dict[str, Any] = {
        "pairs": int(labels.size),
        "positives": int(labels.sum()),
        "rule": f"{max_false_gaps:.0%} quantile of present skills' strength + weak margin",
    }
    if labels.min() != labels.max():
        false_positive, true_positive, thresholds = roc_curve(labels, strengths)
        at = int(np.argmin(np.abs(thresholds - threshold)))
        info["true_positive_rate"] = round(float(true_positive[at]), 3)
        info["false_positive_rate"] = round(float(false_positive[at]), 3)
    return round(threshold, 3), info


def _relevel(rec: Recommender, matcher: OurMatcher, cases: list[EvalCase], params: ScoringParams) -> list:
    """Features with the candidate level re-estimated under ``params`` (nothing re-encoded)."""
    out = []
    for case in cases:
        candidate, features = matcher.prepare(case)
        level, reason = rec.candidate_level(candidate, features.domain_embedded, features.context, params)
        facts = replace(features.facts, level=np.array([level.rank]))
        out.append(replace(features, facts=facts, level=level, level_reason=reason))
    return out


def _rankings(rec: Recommender, cases: list[EvalCase], features: list, params: ScoringParams):  # type: ignore[no-untyped-def]
    scores = rec.score_table(features, params).score
    for row, case in enumerate(cases):
        order = np.argsort(-scores[row], kind="stable")
        yield case, [rec.catalog[int(i)].id for i in order], float(scores[row, int(order[0])])


def _ranking_objective(
    rec: Recommender, matcher: OurMatcher, cases: list[EvalCase], params: ScoringParams
) -> float:
    features = _relevel(rec, matcher, cases, params)
    hits, reciprocal, violations = [], [], []
    for case, ranking, _ in _rankings(rec, cases, features, params):
        banned = set(resolve_titles(case.must_not_top3, rec.catalog, case.id))
        violations.append(bool(banned & set(ranking[:3])))
        if case.unrelated:
            continue
        acceptable = set(resolve_titles(case.acceptable_top, rec.catalog, case.id))
        first = next(i for i, r in enumerate(ranking) if r in acceptable)
        hits.append(first == 0)
        reciprocal.append(1.0 / (first + 1))
    return float(np.mean(hits) + np.mean(reciprocal) - 2 * np.mean(violations))


def _separation_objective(
    rec: Recommender, matcher: OurMatcher, cases: list[EvalCase], params: ScoringParams
) -> tuple[float, float]:
    """How far unrelated candidates' best scores sit below correct candidates' top scores:
    the share of (correct, unrelated) pairs in the right order (ROC AUC), then the margin
    between the lowest correct and the highest unrelated. The share first, because the
    margin alone is set by two cases and cannot tell a scale that parts the bulk from one
    that does not."""
    features = _relevel(rec, matcher, cases, params)
    correct, unrelated = [], []
    for case, ranking, top in _rankings(rec, cases, features, params):
        if case.unrelated:
            unrelated.append(top)
        elif ranking[0] in set(resolve_titles(case.acceptable_top, rec.catalog, case.id)):
            correct.append(top)
    if not correct or not unrelated:
        return 0.0, 0.0
    labels = [1] * len(correct) + [0] * len(unrelated)
    return float(roc_auc_score(labels, correct + unrelated)), min(correct) - max(unrelated)


def _grid_search(  # type: ignore[no-untyped-def]
    objective, grid: dict, base: ScoringParams, defaults: ScoringParams, tolerance: float = 0.0
) -> ScoringParams:
    """Best point of ``grid`` around ``base``.

    Points whose first objective is within ``tolerance`` of the best count as equal on it
    (a difference of less than one training case is noise, not evidence); among them the
    later objectives decide, then nearness to the hand-set defaults.
    """
    scored = []
    for point in ParameterGrid(grid):
        params = replace(base, **point)
        value = objective(params)
        values = tuple(value) if isinstance(value, tuple) else (value,)
        distance = sum(abs(v - getattr(defaults, k)) for k, v in point.items())
        scored.append((tuple(round(float(v), 6) for v in values), distance, params))
    best_first = max(values[0] for values, _, _ in scored)
    near = [entry for entry in scored if entry[0][0] >= best_first - tolerance - 1e-9]
    return max(near, key=lambda entry: (*entry[0][1:], -entry[1]))[2]


def calibrate(train_path: Path, test_path: Path, write: bool = True) -> dict[str, Any]:
    rec = Recommender.from_settings()
    defaults = ScoringParams()
    rec.params = defaults
    train = load_cases(train_path)
    matcher = OurMatcher(rec)

    strengths, labels = _skill_pairs(matcher, train)
    threshold, threshold_info = fit_skill_threshold(
        strengths, labels, defaults.skill_threshold, defaults.weak_margin
    )
    base = replace(defaults, skill_threshold=threshold)

    def ranking(params: ScoringParams) -> float:
        return _ranking_objective(rec, matcher, train, params)

    def ranking_then_separation(params: ScoringParams) -> tuple[float, ...]:
        # The background scale also moves career changers a rung down, so ranking comes first.
        return _ranking_objective(rec, matcher, train, params), *_separation_objective(
            rec, matcher, train, params
        )

    # One case moved from second to first place gains 1/n in top-1 and 1/2n in MRR: no more
    # than that is noise. A top-3 violation costs 2/n, so it is never tolerated.
    one_case = 1.5 / max(1, sum(not case.unrelated for case in train))
    best_params = _grid_search(ranking, GRID, base, defaults, one_case)
    best_params = _grid_search(ranking, TITLE_GRID, best_params, defaults, one_case)
    best_params = _grid_search(ranking, EDUCATION_GRID, best_params, defaults, one_case)
    best_params = _grid_search(ranking, LEVEL_GRID, best_params, defaults, one_case)
    best_params = _grid_search(ranking_then_separation, DOMAIN_GRID, best_params, defaults, one_case)

    judge = GapJudge(rec.encoder, best_params.gap_match_threshold)
    rec.params = best_params
    train_report = evaluate(train, OurMatcher(rec), rec.catalog, judge)
    test_report = evaluate(load_cases(test_path), OurMatcher(rec), rec.catalog, judge)
    fitted = {
        name: getattr(best_params, name)
        for name in ("skill_threshold", *GRID, *TITLE_GRID, *EDUCATION_GRID, *LEVEL_GRID, *DOMAIN_GRID)
    }
    result = {
        "command": "recommender calibrate",
        "fitted_on": str(train_path),
        "date": date.today().isoformat(),
        "params": fitted,
        "skill_threshold_fit": threshold_info,
        "train": train_report.figures(),
        "test": test_report.figures(),
    }
    if write:
        FITTED_PARAMS_PATH.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result
