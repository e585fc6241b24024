"""Quality figures for any labelled set, for our matcher and two baselines side by side.

The labelled format (one JSON object per line) is documented in ``data/eval/README.md``
and validated by :class:`EvalCase`. Metrics:

* top-1 accuracy and MRR over candidates with ``acceptable_top`` (not unrelated);
* top-3 violation rate: share of candidates with a ``must_not_top3`` role in their top 3;
* gap recall: share of ``expected_missing`` items that a listed gap (missing or weak
  skill, requirement gap) for the first acceptable role *means* (embedding similarity,
  so "bachelor's degree" matches "bachelor's degree in business or equivalent");
* false-gap rate: share of ``expected_present`` items that a skill stated as *missing*
  means (weak evidence is shown as weak, quoting the candidate's sentence, not as missing);
* level_top1: share whose first role is at the rank of an acceptable one (the right
  seniority first, even if a sibling role of that rank was expected)
* separation: lowest top score among correct candidates minus highest best score
  among unrelated ones (positive = every unrelated candidate scores below every
  correct one).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from recommender.candidate_types import CandidateProfile
from recommender.encoder import Encoder
from recommender.errors import EvaluationDataError, InvalidInputError
from recommender.matcher import CandidateFeatures, Recommender
from recommender.profiles import RoleCatalog, RoleProfile
from recommender.results import SkillEvidence


class EvalCase(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    resume_text: str | None = None
    self_assessment: dict[str, Any] | None = None
    acceptable_top: list[str] = Field(default_factory=list)
    must_not_top3: list[str] = Field(default_factory=list)
    expected_missing: list[str] = Field(default_factory=list)
    expected_present: list[str] = Field(default_factory=list)
    unrelated: bool = False

    @model_validator(mode="after")
    def _one_input(self) -> EvalCase:
        if (self.resume_text is None) == (self.self_assessment is None):
            raise ValueError("give exactly one of 'resume_text' or 'self_assessment'")
        if not self.unrelated and not self.acceptable_top:
            raise ValueError("a related candidate needs at least one title in 'acceptable_top'")
        return self


def load_cases(path: Path) -> list[EvalCase]:
    """Read a labelled JSONL file; a bad line raises an error naming the line and field."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationDataError(f"{path}: cannot read the labelled file ({exc.strerror})") from exc
    cases: list[EvalCase] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            cases.append(EvalCase.model_validate(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise EvaluationDataError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(line)"
            raise EvaluationDataError(f"{path}:{number}: field '{where}': {first['msg']}") from exc
    if not cases:
        raise EvaluationDataError(f"{path}: holds no cases")
    return cases


def resolve_titles(
    titles: Sequence[str], catalog: RoleCatalog, where: str, unknown: list[str] | None = None
) -> list[str]:
    """Role ids for titles (title or alias; case, spelling and punctuation do not matter).

    An unknown title raises, unless ``unknown`` is given: then it is noted there and skipped,
    so one label nobody can match does not stop a whole evaluation.
    """
    ids = []
    for title in titles:
        role = catalog.find(title)
        if role is None:
            message = f"{where}: role title {title!r} matches no profile title or alias"
            if unknown is None:
                raise EvaluationDataError(message)
            unknown.append(message)
            continue
        ids.append(role.id)
    return ids


def case_candidate(case: EvalCase) -> CandidateProfile:
    from recommender.candidates import candidate_from_payload

    return candidate_from_payload(case.resume_text, case.self_assessment)


def case_text(case: EvalCase) -> str:
    """Raw text of a case, for the baselines (they see the document as it is)."""
    if case.resume_text is not None:
        return case.resume_text
    sa = case.self_assessment or {}
    skills = " ".join(str(s.get("name", "")) for s in sa.get("skills", []) if isinstance(s, dict))
    return f"{sa.get('summary', '')} {skills}"


# ----------------------------------------------------------------------------- matchers
@dataclass
class CaseResult:
    """What a matcher said about one case: roles ranked, and the gaps listed per role."""

    ranking: list[str]  # role ids, best first
    scores: list[float]
    # role id -> texts per listed gap: missing and weak skills and requirement gaps (for recall)
    gaps: dict[str, list[list[str]]] = field(default_factory=dict)
    # role id -> texts per skill stated as missing (for the false-gap rate; weak evidence is
    # shown as "weak", not as missing)
    missing: dict[str, list[list[str]]] = field(default_factory=dict)


class Matcher(Protocol):
    name: str

    def run(self, case: EvalCase) -> CaseResult: ...


class OurMatcher:
    """The product: parse, encode once, score, explain."""

    name = "ours"

    def __init__(self, recommender: Recommender):
        self.recommender = recommender
        self._features: dict[str, tuple[CandidateProfile, CandidateFeatures]] = {}

    def prepare(self, case: EvalCase) -> tuple[CandidateProfile, CandidateFeatures]:
        if case.id not in self._features:
            candidate = case_candidate(case)
            vectors = self.recommender.encode_candidate(candidate)
            self._features[case.id] = (candidate, self.recommender.features(candidate, vectors))
        return self._features[case.id]

    def run(self, case: EvalCase) -> CaseResult:
        candidate, features = self.prepare(case)
        rec = self.recommender
        table = rec.score_table([features])
        order = np.argsort(-table.score[0], kind="stable")
        ranking = [rec.catalog[int(i)].id for i in order]
        result = CaseResult(ranking, [float(table.score[0, int(i)]) for i in order])
        for role_id in {*ranking[:3], *_wanted_roles(case, rec.catalog)}:
            explained = rec.explain(candidate, features, table, 0, rec.role_index(role_id))
            role = rec.catalog.get(role_id)
            result.missing[role_id] = _skill_texts(role, explained.missing)
            result.gaps[role_id] = _skill_texts(role, explained.missing + explained.weak)
            result.gaps[role_id] += [[g.required, g.action] for g in explained.gaps]
        return result


def _skill_texts(role: RoleProfile, items: list[SkillEvidence]) -> list[list[str]]:
    """What a listed skill gap says: its name, and its name with what evidence of it looks like."""
    by_id = {s.id: s for s in role.skills}
    return [[e.skill, f"{e.skill}: {by_id[e.skill_id].description}"] for e in items]


def _wanted_roles(case: EvalCase, catalog: RoleCatalog) -> list[str]:
    """The first acceptable role that names a profile: the one whose gaps are judged."""
    known = [r for r in (catalog.find(t) for t in case.acceptable_top) if r is not None]
    return [known[0].id] if known else []


_WORD = re.compile(r"[a-z][a-z+#]{2,}")
_STOP = set(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "are",
        "was",
        "were",
        "have",
        "has",
        "had",
        "you",
        "your",
        "our",
        "their",
        "will",
        "can",
        "may",
        "into",
        "over",
        "all",
        "any",
        "such",
        "its",
        "per",
        "who",
        "what",
        "when",
        "where",
        "how",
        "also",
        "been",
        "being",
        "more",
        "most",
        "other",
        "some",
        "than",
        "them",
        "they",
        "then",
        "there",
        "these",
        "those",
        "very",
        "able",
        "work",
        "working",
        "team",
        "staff",
        "role",
        "job",
    ]
)


def _tokens(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _role_document(role: RoleProfile) -> str:
    skills = " ".join(f"{s.name} {s.description} {' '.join(s.examples)}" for s in role.skills)
    return f"{role.title} {' '.join(role.aliases)} {role.summary} {' '.join(role.responsibilities)} {skills}"


class TfidfBaseline:
    """Raw document vs. profile text, TF-IDF cosine; a skill is missing when none of its words appear."""

    name = "tfidf"

    def __init__(self, catalog: RoleCatalog):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.catalog = catalog
        self.vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=(1, 2))
        self.role_matrix = self.vectorizer.fit_transform([_role_document(r) for r in catalog])
        self.skill_matrix = self.vectorizer.transform(
            [f"{s.name} {s.description} {' '.join(s.examples)}" for r in catalog for s in r.skills]
        )

    def run(self, case: EvalCase) -> CaseResult:
        text = case_text(case)
        text_vector = self.vectorizer.transform([text])
        similarity = (text_vector @ self.role_matrix.T).toarray()[0]
        order = np.argsort(-similarity, kind="stable")
        ranking = [self.catalog[int(i)].id for i in order]
        # 0.05: about the cosine of a document sharing one or two uncommon words with the skill.
        gaps = _tfidf_gaps(text_vector, self.skill_matrix, self.catalog, floor=0.05)
        return CaseResult(ranking, [float(similarity[int(i)]) for i in order], gaps, gaps)


class KeywordBaseline:
    """Share of each profile's keywords that occur in the raw document."""

    name = "keywords"

    def __init__(self, catalog: RoleCatalog):
        self.catalog = catalog
        self.role_tokens = [_tokens(_role_document(r)) for r in catalog]

    def run(self, case: EvalCase) -> CaseResult:
        text = case_text(case)
        words = _tokens(text)
        overlap = np.array([len(words & t) / max(1, len(t)) for t in self.role_tokens])
        order = np.argsort(-overlap, kind="stable")
        ranking = [self.catalog[int(i)].id for i in order]
        gaps = _keyword_gaps(text, self.catalog)
        return CaseResult(ranking, [float(overlap[int(i)]) for i in order], gaps, gaps)


def _keyword_gaps(text: str, catalog: RoleCatalog) -> dict[str, list[list[str]]]:
    """A skill is missing when no word of its name occurs in the document."""
    words = _tokens(text)
    return {
        role.id: [
            [s.name, f"{s.name}: {s.description}"] for s in role.skills if not (_tokens(s.name) & words)
        ]
        for role in catalog
    }


def _tfidf_gaps(text_vector, skill_matrix, catalog: RoleCatalog, floor: float) -> dict[str, list[list[str]]]:  # type: ignore[no-untyped-def]
    """A skill is missing when the document's TF-IDF cosine with the skill's texts is under ``floor``."""
    similarity = (text_vector @ skill_matrix.T).toarray()[0]
    gaps: dict[str, list[list[str]]] = {}
    k = 0
    for role in catalog:
        gaps[role.id] = []
        for skill in role.skills:
            if similarity[k] < floor:
                gaps[role.id].append([skill.name, f"{skill.name}: {skill.description}"])
            k += 1
    return gaps


# ----------------------------------------------------------------------------- metrics
@dataclass
class Report:
    matcher: str
    cases: int
    top1: float
    level_top1: float  # the first role is at the rank of an acceptable one (e.g. any entry role)
    mrr: float
    top3_violation_rate: float
    gap_recall: float
    false_gap_rate: float
    separation: float
    lowest_correct_top_score: float
    highest_unrelated_score: float
    failures: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # unknown titles, cases left out

    def figures(self) -> dict[str, float]:
        return {
            "top1": self.top1,
            "level_top1": self.level_top1,
            "mrr": self.mrr,
            "top3_violation_rate": self.top3_violation_rate,
            "gap_recall": self.gap_recall,
            "false_gap_rate": self.false_gap_rate,
            "separation": self.separation,
        }


class GapJudge:
    """Decides whether a listed gap means an expected one, by embedding similarity."""

    def __init__(self, encoder: Encoder, threshold: float):
        self.encoder = encoder
        self.threshold = threshold
        self._cache: dict[str, np.ndarray] = {}

    def _vectors(self, texts: Sequence[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if new:
            self._cache.update(zip(new, self.encoder.encode(new), strict=True))
        return np.stack([self._cache[t] for t in texts])

    def means(self, expected: str, listed: list[list[str]]) -> bool:
        if not listed:
            return False
        flat = [t for gap in listed for t in gap]
        similarity = self._vectors(flat) @ self._vectors([expected])[0]
        return bool(similarity.max() >= self.threshold)


def evaluate(
    cases: Sequence[EvalCase],
    matcher: Matcher,
    catalog: RoleCatalog,
    judge: GapJudge,
    progress: Callable[[], None] | None = None,
) -> Report:
    correct_first: list[float] = []
    right_level_first: list[float] = []
    reciprocal: list[float] = []
    violations: list[float] = []
    recalled = expected_gaps = false_gaps = expected_present = 0
    correct_top_scores: list[float] = []
    unrelated_scores: list[float] = []
    failures: list[dict[str, Any]] = []
    warnings: list[str] = []
    for case in cases:
        acceptable = set(resolve_titles(case.acceptable_top, catalog, case.id, warnings))
        if not case.unrelated and not acceptable:
            warnings.append(f"{case.id}: left out, none of its acceptable_top titles is a known role")
            continue
        try:
            result = matcher.run(case)
        except InvalidInputError as exc:
            # Refused input is a miss, not a case quietly left out of the figures.
            failures.append({"id": case.id, "error": str(exc)})
            if not case.unrelated:
                correct_first.append(0.0)
                right_level_first.append(0.0)
                reciprocal.append(0.0)
            continue
        finally:
            if progress:
                progress()
        top3 = set(result.ranking[:3])
        banned = set(resolve_titles(case.must_not_top3, catalog, case.id, warnings))
        violations.append(float(bool(top3 & banned)))
        if case.unrelated:
            unrelated_scores.append(result.scores[0])
            continue
        first_ok = next((i for i, r in enumerate(result.ranking) if r in acceptable), None)
        hit = first_ok == 0
        correct_first.append(float(hit))
        acceptable_levels = {catalog.get(r).seniority for r in acceptable}
        right_level_first.append(float(catalog.get(result.ranking[0]).seniority in acceptable_levels))
        reciprocal.append(0.0 if first_ok is None else 1.0 / (first_ok + 1))
        if hit:
            correct_top_scores.append(result.scores[0])
        target = next(r for r in resolve_titles(case.acceptable_top, catalog, case.id, []) if r in acceptable)
        listed = result.gaps.get(target, [])
        missed = [g for g in case.expected_missing if not judge.means(g, listed)]
        stated_missing = result.missing.get(target, [])
        wrongly = [p for p in case.expected_present if judge.means(p, stated_missing)]
        recalled += len(case.expected_missing) - len(missed)
        expected_gaps += len(case.expected_missing)
        false_gaps += len(wrongly)
        expected_present += len(case.expected_present)
        if not hit or missed or wrongly or top3 & banned:
            failures.append(
                {
                    "id": case.id,
                    "top3": result.ranking[:3],
                    "acceptable": sorted(acceptable),
                    "banned_in_top3": sorted(top3 & banned),
                    "gaps_missed": missed,
                    "false_gaps": wrongly,
                }
            )
    lowest_correct = min(correct_top_scores) if correct_top_scores else math.nan
    highest_unrelated = max(unrelated_scores) if unrelated_scores else math.nan
    return Report(
        matcher=matcher.name,
        cases=len(cases),
        top1=_mean(correct_first),
        level_top1=_mean(right_level_first),
        mrr=_mean(reciprocal),
        top3_violation_rate=_mean(violations),
        gap_recall=recalled / expected_gaps if expected_gaps else math.nan,
        false_gap_rate=false_gaps / expected_present if expected_present else math.nan,
        separation=lowest_correct - highest_unrelated,
        lowest_correct_top_score=lowest_correct,
        highest_unrelated_score=highest_unrelated,
        failures=failures,
        warnings=list(dict.fromkeys(warnings)),
    )


def _mean(values: list[float]) -> float:
    return float(np.mean(values)) if values else math.nan
