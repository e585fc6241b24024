"""What the routes do, between parsing the request and answering: small, synchronous steps.

Kept apart from the routes so the routes stay thin and these run in a worker thread
(encoding and scoring are CPU work that must not block the event loop).
"""

from __future__ import annotations

import csv
import io
import json
import logging

from api.schemas import CandidateCreated, CandidateRecord, Shortlist, ShortlistEntry, StoredProfile
from api.security import hash_token, new_access_token
from api.storage import CandidateRow, CandidateStore
from recommender.candidate_types import CandidateProfile
from recommender.matcher import CandidateVectors, Recommender
from recommender.results import Gap

logger = logging.getLogger("recommender.api")

CSV_COLUMNS = (
    "candidate_id",
    "score",
    "readiness",
    "matched_skills",
    "weak_skills",
    "missing_skills",
    "requirement_gaps",
)


def register_candidate(
    store: CandidateStore, recommender: Recommender, candidate: CandidateProfile, top: int | None
) -> CandidateCreated:
    """Encode once, match, store profile + vectors with a hashed token; the token is returned once."""
    vectors = recommender.encode_candidate(candidate)
    report = recommender.match(candidate, top=top, vectors=vectors)
    token = new_access_token()
    candidate_id = store.add(candidate, vectors, hash_token(token), recommender.catalog_fingerprint)
    return CandidateCreated(id=candidate_id, access_token=token, report=report)


def usable_vectors(
    recommender: Recommender, candidate: CandidateProfile, vectors: CandidateVectors
) -> CandidateVectors:
    """The stored vectors, unless they came from a model of another size.

    The stored sentences and skill names are exactly the texts that were encoded, so
    after a model change they are encoded again (in memory) instead of failing.
    """
    if vectors.sentences.shape[1] == recommender.encoder.dimension:
        return vectors
    logger.warning(
        "stored vectors have dimension %d, the encoder %d: re-encoding a stored candidate",
        vectors.sentences.shape[1],
        recommender.encoder.dimension,
    )
    return recommender.encode_candidate(candidate)


def candidate_record(recommender: Recommender, row: CandidateRow, top: int | None) -> CandidateRecord:
    """The stored profile plus a report computed now from the stored embeddings."""
    candidate = row.profile()
    vectors = usable_vectors(recommender, candidate, row.vectors())
    report = recommender.match(candidate, top=top, vectors=vectors)
    return CandidateRecord(
        id=row.id,
        created_at=row.created_at_utc,
        profile=StoredProfile.model_validate(json.loads(row.profile_json)),
        report=report,
    )


def gap_text(gap: Gap) -> str:
    return f"{gap.kind}: needs {gap.required}; {gap.candidate_has}"


def shortlist(
    store: CandidateStore,
    recommender: Recommender,
    role_name: str,
    limit: int,
    min_score: float,
    meets_requirements: bool,
) -> Shortlist:
    """Stored candidates ranked for one role (id, title or alias), nothing re-encoded."""
    role = recommender.catalog.get(role_name)
    stored = [
        (candidate_id, candidate, usable_vectors(recommender, candidate, vectors))
        for candidate_id, candidate, vectors in store.iter_all()
    ]
    features = [recommender.stored_features(cid, candidate, vectors) for cid, candidate, vectors in stored]
    ranked = recommender.shortlist_features(
        role.id,
        [(cid, candidate) for cid, candidate, _ in stored],
        features,
        limit=limit,
        min_score=min_score,
        meets_requirements=meets_requirements,
    )
    entries = [
        ShortlistEntry(
            candidate_id=candidate_id,
            score=match.score,
            readiness=match.readiness,
            matched_skills=[s.skill for s in match.matched],
            weak_skills=[s.skill for s in match.weak],
            missing_skills=[s.skill for s in match.missing],
            requirement_gaps=[gap_text(g) for g in match.gaps],
        )
        for candidate_id, match in ranked
    ]
    return Shortlist(role_id=role.id, title=role.title, candidates_considered=len(stored), candidates=entries)


def _cell(value: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: quote it as text.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def shortlist_csv(result: Shortlist) -> str:
    """One row per candidate, lists joined with '; ', with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for entry in result.candidates:
        writer.writerow(
            [
                entry.candidate_id,
                f"{entry.score:.3f}",
                entry.readiness,
                _cell("; ".join(entry.matched_skills)),
                _cell("; ".join(entry.weak_skills)),
                _cell("; ".join(entry.missing_skills)),
                _cell("; ".join(entry.requirement_gaps)),
            ]
        )
    return buffer.getvalue()
