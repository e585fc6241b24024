"""Fit the scorer's fittable numbers on the training split; report the test split only.

Run with ``recommender calibrate``. Two steps:

1. The "has this skill" threshold, from the labelled skills: every ``expected_present``
   item is a positive and every ``expected_missing`` item a negative example of the
   candidate's evidence strength for the role skill the phrase names; the threshold
   is the ROC point with the best Youden J (scikit-learn ``roc_curve``).
2. The blend and penalty weights, by an exhaustive grid (scikit-learn
   ``ParameterGrid``) maximising top-1 + MRR - 2 x top-3 violations on the training
   split, ties broken towards the hand-set defaults.

The result goes to ``recommender/fitted_params.json`` with the figures that justify it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import roc_curve
from sklearn.model_selection import ParameterGrid

from recommender.config import FITTED_PARAMS_PATH, ScoringParams
from recommender.evaluation import EvalCase, GapJudge, OurMatcher, evaluate, load_cases, resolve_titles
from recommender.matcher import Recommender

GRID = {
    "coverage_weight": [0.4, 0.5, 0.6, 0.7, 0.8],
    "reach_penalty_per_level": [0.4, 0.5, 0.55, 0.65, 0.75],
    "overqualified_penalty_per_level": [0.7, 0.8, 0.9],
    "managing_shortfall_penalty": [0.3, 0.5, 0.7],
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
            # Phrases about degrees or years name no skill: they are requirement gaps.
            if best_skill >= 0 and best_similarity >= 0.45:
                strengths.append(float(features.evidence.strength[first_skill + best_skill]))
                labels.append(label)
    return np.asarray(strengths), np.asarray(labels)


def fit_skill_threshold(strengths: np.ndarray, labels: np.ndarray, default: float) -> tuple[float, dict[str, Any]]:
    if labels.size < 10 or labels.min() == labels.max():
        return default, {"pairs": int(labels.size), "note": "too few labelled pairs; default kept"}
    false_positive, true_positive, thresholds = roc_curve(labels, strengths)
    best = int(np.argmax(true_positive - false_positive))
    threshold = float(np.clip(thresholds[best], 0.3, 0.7))
    return round(threshold, 3), {
        "pairs": int(labels.size),
        "positives": int(labels.sum()),
        "true_positive_rate": round(float(true_positive[best]), 3),
        "false_positive_rate": round(float(false_positive[best]), 3),
    }


def _ranking_objective(rec: Recommender, matcher: OurMatcher, cases: list[EvalCase], params: ScoringParams) -> float:
    prepared = [matcher.prepare(c)[1] for c in cases]
    scores = rec.score_table(prepared, params).score
    hits, reciprocal, violations = [], [], []
    for row, case in enumerate(cases):
        ranking = [rec.catalog[int(i)].id for i in np.argsort(-scores[row], kind="stable")]
        banned = set(resolve_titles(case.must_not_top3, rec.catalog, case.id))
        violations.append(bool(banned & set(ranking[:3])))
        if case.unrelated:
            continue
        acceptable = set(resolve_titles(case.acceptable_top, rec.catalog, case.id))
        first = next(i for i, r in enumerate(ranking) if r in acceptable)
        hits.append(first == 0)
        reciprocal.append(1.0 / (first + 1))
    return float(np.mean(hits) + np.mean(reciprocal) - 2 * np.mean(violations))


def calibrate(train_path: Path, test_path: Path, write: bool = True) -> dict[str, Any]:
    rec = Recommender.from_settings()
    defaults = ScoringParams()
    rec.params = defaults
    train = load_cases(train_path)
    matcher = OurMatcher(rec)

    strengths, labels = _skill_pairs(matcher, train)
    threshold, threshold_info = fit_skill_threshold(strengths, labels, defaults.skill_threshold)
    base = replace(defaults, skill_threshold=threshold)

    def distance_from_defaults(candidate: dict[str, float]) -> float:
        return sum(abs(v - getattr(defaults, k)) for k, v in candidate.items())

    best_key: tuple[float, float] | None = None
    best_params = base
    for candidate in ParameterGrid(GRID):
        params = replace(base, **candidate)
        objective = _ranking_objective(rec, matcher, train, params)
        key = (round(objective, 6), -distance_from_defaults(candidate))
        if best_key is None or key > best_key:
            best_key, best_params = key, params

    judge = GapJudge(rec.encoder, best_params.gap_match_threshold)
    rec.params = best_params
    train_report = evaluate(train, OurMatcher(rec), rec.catalog, judge)
    test_report = evaluate(load_cases(test_path), OurMatcher(rec), rec.catalog, judge)
    fitted = {name: getattr(best_params, name) for name in ("skill_threshold", *GRID)}
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
