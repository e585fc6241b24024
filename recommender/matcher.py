"""The recommender: profiles -> encoder -> scorer -> explanations.

:class:`Recommender` holds the role catalog and its embeddings (encoded once,
cached on disk), encodes a candidate's sentences once, and turns the pure scoring
functions' arrays into ranked, explained :class:`~recommender.results.MatchReport`s.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from recommender.candidate_types import CandidateProfile, sentence_ratings
from recommender.candidates import is_job_heading, is_negated, jobs_held
from recommender.config import ScoringParams, Settings, load_scoring_params
from recommender.encoder import CachedEncoder, Encoder, SentenceTransformerEncoder
from recommender.gaps import RoleScoreParts, explain_role
from recommender.profiles import Importance, RoleCatalog, RoleProfile, Seniority, load_catalog
from recommender.results import CandidateSummary, MatchReport, NextStep, RoleMatch
from recommender.scoring import (
    UNKNOWN,
    CandidateFacts,
    RoleArrays,
    SkillEvidenceArrays,
    background_evidence,
    domain_evidence,
    domain_factor,
    effective_strength,
    keyword_hits,
    profile_similarity,
    requirement_fit,
    role_scores,
    skill_coverage,
    skill_evidence,
    title_bonus,
)
from recommender.seniority import adjust_for_background, estimate_level
from recommender.service_context import (
    seeks_service_work,
    service_context,
    wants_into_the_field,
    years_in_service_jobs,
)
from recommender.titles import TitleMatcher, current_titles


@dataclass(frozen=True)
class CandidateVectors:
    """A candidate's embeddings: computed once, stored with the candidate, never re-encoded."""

    sentences: np.ndarray  # (n, d)
    rated_skills: np.ndarray  # (m, d)


@dataclass(frozen=True)
class CandidateFeatures:
    """Everything the scorer needs about one candidate, derived from profile + vectors."""

    evidence: SkillEvidenceArrays
    centroid: np.ndarray  # (d,)
    facts: CandidateFacts
    level: Seniority
    level_reason: str
    title_match: np.ndarray  # (R,): current title against each role's names, see recommender.titles
    context: float = 0.0  # plain signs of customer-service work, see recommender.service_context
    domain_embedded: float = 0.0  # embedding evidence of customer-service work, see scoring.domain_evidence
    # Asks for customer-service work (or says they are moving into it) and has held no job in
    # a service team: the career changer whose gap is the team experience itself (see
    # gaps.explain_role).
    new_to_service_teams: bool = False
    # Says they are looking for customer-service work (see service_context.seeks_service_work).
    seeks_service_work: bool = False


@dataclass(frozen=True)
class ScoreTable:
    """All roles' numbers for N candidates, each (N, R)."""

    coverage: np.ndarray
    similarity: np.ndarray
    seniority: np.ndarray
    years: np.ndarray
    managing: np.ndarray
    education: np.ndarray
    domain: np.ndarray  # (N, 1): customer-service background factor
    title: np.ndarray  # (N, R): relevance added for a title named like the role
    score: np.ndarray

    def parts(self, row: int, role: int) -> RoleScoreParts:
        return RoleScoreParts(
            score=float(self.score[row, role]),
            coverage=float(self.coverage[row, role]),
            similarity=float(self.similarity[row, role]),
            seniority_fit=float(self.seniority[row, role]),
            years_fit=float(self.years[row, role]),
            managing_fit=float(self.managing[row, role]),
            education_fit=float(self.education[row, role]),
            domain_fit=float(self.domain[row, 0]),
            title_bonus=float(self.title[row, role]),
        )


_IMPORTANCE_WEIGHT_FIELD = {
    Importance.ESSENTIAL: "weight_essential",
    Importance.IMPORTANT: "weight_important",
    Importance.OPTIONAL: "weight_optional",
}


def build_role_arrays(catalog: RoleCatalog, encoder: Encoder, params: ScoringParams) -> RoleArrays:
    """Encode every role and skill text (through the cache) into the scorer's arrays."""
    texts: list[str] = []
    starts: list[int] = []
    skill_role: list[int] = []
    weights: list[float] = []
    for role_index, role in enumerate(catalog):
        for skill in role.skills:
            starts.append(len(texts))
            texts.extend(skill.texts)
            skill_role.append(role_index)
            weights.append(getattr(params, _IMPORTANCE_WEIGHT_FIELD[skill.importance]))
    all_vectors = encoder.encode(texts + [r.text_for_embedding() for r in catalog])
    return RoleArrays(
        text_vectors=all_vectors[: len(texts)],
        text_starts=np.asarray(starts, dtype=np.int64),
        skill_role=np.asarray(skill_role, dtype=np.int64),
        skill_weight=np.asarray(weights, dtype=np.float32),
        role_vectors=all_vectors[len(texts) :],
        role_level=np.asarray([r.seniority.rank for r in catalog], dtype=np.int64),
        role_years=np.asarray([r.experience.required_years for r in catalog], dtype=np.float64),
        role_managing_years=np.asarray(
            [r.experience.years_managing or 0.0 for r in catalog], dtype=np.float64
        ),
        role_education=np.asarray([r.education.minimum.rank for r in catalog], dtype=np.int64),
        role_education_equivalent=np.asarray(
            [r.education.equivalent_experience_accepted for r in catalog], dtype=bool
        ),
        skill_is_domain=_first_domain_occurrences(catalog, params),
    )


def _first_domain_occurrences(catalog: RoleCatalog, params: ScoringParams) -> np.ndarray:
    """Mark each domain skill once: a skill shared by five roles must not count five times."""
    seen: set[str] = set()
    flags = []
    for role in catalog:
        for skill in role.skills:
            flags.append(skill.id in params.domain_skill_ids and skill.id not in seen)
            seen.add(skill.id)
    return np.asarray(flags, dtype=bool)


def _evidence_source(evidence: SkillEvidenceArrays) -> np.ndarray:
    """Where each skill's evidence came from, one id per sentence or self-rated skill (-1: none)."""
    offset = int(evidence.sentence_index.max(initial=-1)) + 1
    return np.where(evidence.rating_index >= 0, offset + evidence.rating_index, evidence.sentence_index)


class Recommender:
    """Ranks roles for candidates and candidates for roles, with evidence and gaps."""

    def __init__(
        self,
        catalog: RoleCatalog,
        encoder: Encoder,
        params: ScoringParams | None = None,
        cache_dir: Path | None = None,
    ):
        self.catalog = catalog
        self.params = params or load_scoring_params()
        # Candidate text goes straight to the model: only role texts are cached on disk,
        # so no personal data ever lands in the cache.
        self.encoder = encoder
        self.profile_encoder = CachedEncoder(encoder, cache_dir)
        self.roles = build_role_arrays(catalog, self.profile_encoder, self.params)
        self.titles = TitleMatcher(catalog)
        self.profile_encoder.save()
        self._skill_slices: list[slice] = []
        start = 0
        for role in catalog:
            self._skill_slices.append(slice(start, start + len(role.skills)))
            start += len(role.skills)
        self._role_position = {role.id: i for i, role in enumerate(catalog)}
        self._skill_keywords = [skill.keyword_pattern for role in catalog for skill in role.skills]
        self._named_only = np.asarray(
            [skill.named_evidence_only for role in catalog for skill in role.skills], dtype=bool
        )
        # Derived features of stored candidates, so repeated shortlists skip the evidence
        # pass. Bounded, and emptied of a candidate by `forget` when they are erased.
        self._feature_cache: OrderedDict[str, CandidateFeatures] = OrderedDict()
        self._feature_cache_size = 200_000
        self._cache_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings | None = None, encoder: Encoder | None = None) -> Recommender:
        """The embedded default: profiles from ``role_profiles/``, the packaged model, the disk cache."""
        settings = settings or Settings()
        catalog = load_catalog(settings.profile_dir)
        encoder = encoder or SentenceTransformerEncoder(settings.model_package)
        return cls(catalog, encoder, cache_dir=settings.cache_dir)

    @property
    def catalog_fingerprint(self) -> str:
        """Changes whenever a profile, the model or the scoring parameters change."""
        digest = hashlib.sha256(self.encoder.name.encode())
        for role in self.catalog:
            digest.update(role.model_dump_json().encode())
        digest.update(repr(self.params).encode())
        return digest.hexdigest()[:16]

    # ----------------------------------------------------------------- candidates
    def encode_candidate(self, candidate: CandidateProfile) -> CandidateVectors:
        texts = list(candidate.sentences) + [s.name for s in candidate.skills]
        vectors = self.encoder.encode(texts) if texts else np.zeros((0, self.encoder.dimension), np.float32)
        n = len(candidate.sentences)
        return CandidateVectors(sentences=vectors[:n], rated_skills=vectors[n:])

    def features(self, candidate: CandidateProfile, vectors: CandidateVectors) -> CandidateFeatures:
        levels = np.asarray([s.level for s in candidate.skills], dtype=np.int64)
        weight = self._sentence_weights(candidate)
        # Scaling a sentence's vector scales its similarity to every skill (cosine is linear).
        evidence_vectors = vectors.sentences
        if weight.shape[0] == evidence_vectors.shape[0] and (weight != 1.0).any():
            evidence_vectors = (evidence_vectors * weight[:, None]).astype(np.float32)
        evidence = skill_evidence(evidence_vectors, vectors.rated_skills, levels, self.roles, self.params)
        evidence = self._with_keywords(evidence, candidate.sentences, weight)
        stacked = np.concatenate([vectors.sentences, vectors.rated_skills])
        centroid = stacked.mean(axis=0) if stacked.shape[0] else np.zeros(self.encoder.dimension, np.float32)
        norm = float(np.linalg.norm(centroid))
        centroid = centroid / norm if norm > 0 else centroid
        # A self-assessment is a summary and a list of skill names: it has room for fewer
        # kinds of sign than a résumé, so one kind fewer counts as full.
        kinds_for_full = self.params.service_signs_for_full - (candidate.source == "self_assessment")
        jobs = jobs_held(candidate)
        years_for_full = self.params.service_years_for_full
        context = service_context(candidate.sentences, kinds_for_full, jobs, years_for_full)
        embedded = float(
            domain_evidence(
                evidence.strength, self.roles, self.params.domain_top_k, _evidence_source(evidence)
            )[0]
        )
        level, reason = self.candidate_level(candidate, embedded, context, self.params)
        facts = CandidateFacts.single(
            candidate.years_experience,
            candidate.years_managing,
            candidate.education.rank if candidate.education is not None else UNKNOWN,
            level.rank,
        )
        title_match = self.titles.match(current_titles(candidate))
        # Asking for customer-service work without having held a service-team job: a career
        # changer, unless the words already show the work in full (a self-assessment names no
        # job, and a head of CX "ideally wants a group-wide CX role").
        seeking = seeks_service_work(candidate.sentences)
        new_to_service_teams = years_in_service_jobs(jobs) == 0 and (
            wants_into_the_field(candidate.sentences) or (seeking and context < 1.0)
        )
        return CandidateFeatures(
            evidence,
            centroid.astype(np.float32),
            facts,
            level,
            reason,
            title_match,
            context,
            embedded,
            new_to_service_teams,
            seeking,
        )

    def _sentence_weights(self, candidate: CandidateProfile) -> np.ndarray:
        """(n,) how much each sentence can count as evidence: 0 for one that names a skill
        without showing it ("I have not done scheduling myself") and for a bare job heading
        ("Trainer, Contact Centre"; see :func:`is_job_heading`), the self-rating factor for
        a rated skill's line (a 1/5 is weak evidence however well its words match), else 1."""
        factors = self.params.self_rating_factors
        ratings = sentence_ratings(candidate)
        weight = np.asarray(
            [1.0 if level is None else factors[min(max(level, 1), 5) - 1] for level in ratings],
            dtype=np.float32,
        )
        # A rated skill's line ("Salesforce Administrator (self-rated 4/5)") is no heading.
        shows_nothing = np.asarray(
            [
                is_negated(s) or (level is None and is_job_heading(s))
                for s, level in zip(candidate.sentences, ratings, strict=True)
            ],
            dtype=bool,
        )
        return np.where(shows_nothing, 0.0, weight).astype(np.float32)

    def _with_keywords(
        self, evidence: SkillEvidenceArrays, sentences: Sequence[str], weight: np.ndarray
    ) -> SkillEvidenceArrays:
        """Mark skills whose keyword a usable sentence names; that sentence becomes the
        evidence where the embedding found nothing as good."""
        hit, where = keyword_hits(sentences, weight, self._skill_keywords)
        vouched = effective_strength(evidence.strength, hit, self.params)
        swap = (hit > 0) & (evidence.rating_index < 0) & (vouched > evidence.strength)
        # A tool skill nobody named: however close the words, it stays under the threshold
        # (weak at best), so the gap says "name the system you used".
        unnamed = self._named_only & (hit <= 0)
        ceiling = self.params.skill_threshold - self.params.unnamed_tool_margin
        strength = np.where(unnamed, np.minimum(evidence.strength, ceiling), evidence.strength).astype(
            np.float32
        )
        return replace(
            evidence,
            strength=strength,
            sentence_index=np.where(swap, where, evidence.sentence_index),
            keyword=hit,
        )

    def candidate_level(
        self, candidate: CandidateProfile, embedded: float, context: float, params: ScoringParams
    ) -> tuple[Seniority, str]:
        """The rung the candidate stands on in customer care, and why: the level their
        titles and years show, a rung lower for a rank earned in another field.
        ``embedded`` and ``context`` are the two reads of customer-service background
        (see :func:`background_evidence`); ``params`` may differ from ``self.params``
        during calibration."""
        level, reason = estimate_level(candidate, params)
        background = float(background_evidence(np.array([embedded]), np.array([context]), params)[0])
        return adjust_for_background(
            level,
            reason,
            background,
            params,
            self.titled_in_field(candidate),
            wants_into_the_field(candidate.sentences) or seeks_service_work(candidate.sentences),
        )

    def titled_in_field(self, candidate: CandidateProfile) -> bool:
        """Whether the highest title held is named like one of the roles (see ``own_field_title_match``).

        The highest, because that is the rank in question: a gym's general manager who once
        worked a front desk earned the manager's rank outside customer care.
        """
        if not candidate.positions:
            return False
        top = max(p.level.rank for p in candidate.positions)
        titles = [p.title for p in candidate.positions if p.level.rank == top]
        return float(self.titles.match(titles).max()) >= self.params.own_field_title_match

    def stored_features(
        self, key: str, candidate: CandidateProfile, vectors: CandidateVectors
    ) -> CandidateFeatures:
        """Features of a stored candidate, computed once per process (see :meth:`forget`)."""
        with self._cache_lock:
            cached = self._feature_cache.get(key)
            if cached is not None:
                self._feature_cache.move_to_end(key)
                return cached
        features = self.features(candidate, vectors)
        with self._cache_lock:
            self._feature_cache[key] = features
            if len(self._feature_cache) > self._feature_cache_size:
                self._feature_cache.popitem(last=False)
        return features

    def forget(self, key: str) -> None:
        """Drop a stored candidate's derived features (on erasure)."""
        with self._cache_lock:
            self._feature_cache.pop(key, None)

    def score_table(
        self, features: Sequence[CandidateFeatures], params: ScoringParams | None = None
    ) -> ScoreTable:
        """Vectorised scores of N candidates against every role (``params`` overrides, for calibration)."""
        params = params or self.params
        strength = np.stack([f.evidence.effective_strength(params) for f in features])
        centroids = np.stack([f.centroid for f in features])
        facts = CandidateFacts(
            years_experience=np.concatenate([f.facts.years_experience for f in features]),
            years_managing=np.concatenate([f.facts.years_managing for f in features]),
            education=np.concatenate([f.facts.education for f in features]),
            level=np.concatenate([f.facts.level for f in features]),
        )
        coverage = skill_coverage(strength, self.roles, params)
        similarity = profile_similarity(centroids, self.roles, params)
        fit = requirement_fit(facts, self.roles, params)
        context = np.asarray([f.context for f in features], dtype=np.float64)
        embedded = np.asarray([f.domain_embedded for f in features], dtype=np.float64)
        seeking = np.asarray([f.seeks_service_work for f in features], dtype=bool)
        domain = domain_factor(background_evidence(embedded, context, params), params, seeking)
        title_match = np.stack([f.title_match for f in features])
        bonus = title_bonus(title_match, context, params)
        score = role_scores(coverage, similarity, fit.total, params, domain, bonus)
        return ScoreTable(
            coverage,
            similarity,
            fit.seniority,
            fit.years,
            fit.managing,
            fit.education,
            domain[:, None],
            bonus,
            score,
        )

    def explain(
        self,
        candidate: CandidateProfile,
        features: CandidateFeatures,
        table: ScoreTable,
        row: int,
        role_index: int,
    ) -> RoleMatch:
        role = self.catalog[role_index]
        span = self._skill_slices[role_index]
        strengths = [float(s) for s in features.evidence.effective_strength(self.params)[span]]
        evidence_texts: list[tuple[str | None, str | None]] = []
        for k in range(span.start, span.stop):
            rated = int(features.evidence.rating_index[k])
            sentence = int(features.evidence.sentence_index[k])
            if rated >= 0:
                skill = candidate.skills[rated]
                evidence_texts.append((skill.line, "self_rating"))
            elif 0 <= sentence < len(candidate.sentences):
                evidence_texts.append((candidate.sentences[sentence], "resume"))
            else:
                evidence_texts.append((None, None))
        return explain_role(
            role,
            table.parts(row, role_index),
            strengths,
            evidence_texts,
            candidate,
            features.level,
            self.params,
            new_to_service_teams=features.new_to_service_teams,
        )

    def match(
        self,
        candidate: CandidateProfile,
        top: int | None = None,
        vectors: CandidateVectors | None = None,
    ) -> MatchReport:
        """Rank every role for one candidate, explain each, and show the ladder above the best."""
        vectors = vectors if vectors is not None else self.encode_candidate(candidate)
        features = self.features(candidate, vectors)
        table = self.score_table([features])
        order = np.argsort(-table.score[0], kind="stable")
        chosen = order if top is None else order[: max(1, top)]
        roles = [self.explain(candidate, features, table, 0, int(i)) for i in chosen]
        best = self.catalog[int(order[0])]
        next_steps = []
        for next_id in best.next_roles:
            i = self._role_position[next_id]
            explained = self.explain(candidate, features, table, 0, i)
            next_steps.append(
                NextStep(
                    role_id=explained.role_id,
                    title=explained.title,
                    score=explained.score,
                    missing_skills=[m.skill for m in explained.missing],
                    gaps=explained.gaps,
                )
            )
        summary = CandidateSummary(
            source=candidate.source,
            sentences=len(candidate.sentences),
            years_experience=candidate.years_experience,
            years_managing=candidate.years_managing,
            education=candidate.education.value if candidate.education is not None else None,
            estimated_level=features.level.value,
            level_reason=features.level_reason,
            warnings=list(candidate.warnings),
        )
        return MatchReport(candidate=summary, roles=roles, next_steps=next_steps)

    # ----------------------------------------------------------------- roles
    def role_index(self, role: RoleProfile | str) -> int:
        role_id = role.id if isinstance(role, RoleProfile) else self.catalog.get(role).id
        return self._role_position[role_id]

    def shortlist(
        self,
        role: str,
        candidates: Sequence[tuple[str, CandidateProfile, CandidateVectors]],
        limit: int = 20,
        min_score: float = 0.0,
        meets_requirements: bool = False,
    ) -> list[tuple[str, RoleMatch]]:
        """Stored candidates ranked for one role, each explained; nothing is re-encoded."""
        features = [self.features(profile, vectors) for _, profile, vectors in candidates]
        return self.shortlist_features(
            role,
            [(candidate_id, profile) for candidate_id, profile, _ in candidates],
            features,
            limit=limit,
            min_score=min_score,
            meets_requirements=meets_requirements,
        )

    def shortlist_features(
        self,
        role: str,
        candidates: Sequence[tuple[str, CandidateProfile]],
        features: Sequence[CandidateFeatures],
        limit: int = 20,
        min_score: float = 0.0,
        meets_requirements: bool = False,
    ) -> list[tuple[str, RoleMatch]]:
        """As :meth:`shortlist`, from features already derived (one vectorised pass for all)."""
        role_index = self.role_index(role)
        if not candidates:
            return []
        table = self.score_table(features)
        scores = table.score[:, role_index]
        order = np.argsort(-scores, kind="stable")
        results: list[tuple[str, RoleMatch]] = []
        for row in order:
            if scores[row] < min_score:
                break
            candidate_id, profile = candidates[int(row)]
            explained = self.explain(profile, features[int(row)], table, int(row), role_index)
            if meets_requirements and explained.gaps:
                continue
            results.append((candidate_id, explained))
            if len(results) >= limit:
                break
        return results
