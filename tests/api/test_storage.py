"""CandidateStore on SQLite and PostgreSQL: round trips, erasure, listing, engine set-up."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import inspect

from api.security import hash_token, new_access_token, token_matches
from api.storage import CandidateStore, Database, normalise_database_url
from recommender.candidate_types import CandidateProfile, Position, SelfRatedSkill
from recommender.errors import CandidateNotFoundError
from recommender.matcher import CandidateVectors
from recommender.profiles import EducationLevel, Seniority

DIMENSION = 8


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    database = Database.connect(database_url)
    database.create_schema()
    yield database
    database.dispose()


def _candidate(n: int = 0) -> CandidateProfile:
    return CandidateProfile(
        source="resume",
        sentences=(f"Answered {n} calls a day.", "Resolved billing complaints — first time."),
        skills=(SelfRatedSkill("Complaint handling", 4),),
        years_experience=3.5,
        years_managing=None,
        education=EducationLevel.HIGH_SCHOOL,
        education_fields=("business",),
        positions=(Position("Customer Service Representative", 2019.0, 2022.5, Seniority.ENTRY, False),),
        summary="Front-line agent.",
        warnings=("a warning",),
    )


def _vectors(seed: int, sentences: int = 2, rated: int = 1) -> CandidateVectors:
    rng = np.random.default_rng(seed)
    return CandidateVectors(
        sentences=rng.standard_normal((sentences, DIMENSION)).astype(np.float32),
        rated_skills=rng.standard_normal((rated, DIMENSION)).astype(np.float32),
    )


def test_candidate_round_trips_exactly(database: Database) -> None:
    candidate, vectors = _candidate(), _vectors(1)
    with database.sessions() as session:
        candidate_id = CandidateStore(session).add(candidate, vectors, hash_token("t"), "fp")
    with database.sessions() as session:
        row = CandidateStore(session).get(candidate_id)
        assert row.profile() == candidate
        restored = row.vectors()
        assert row.catalog_fingerprint == "fp"
        assert (row.n_sentences, row.n_rated, row.dimension) == (2, 1, DIMENSION)
    np.testing.assert_array_equal(restored.sentences, vectors.sentences)
    np.testing.assert_array_equal(restored.rated_skills, vectors.rated_skills)
    assert restored.sentences.dtype == np.float32


def test_candidate_without_rated_skills(database: Database) -> None:
    vectors = _vectors(2, rated=0)
    with database.sessions() as session:
        store = CandidateStore(session)
        row = store.get(store.add(_candidate(), vectors, hash_token("t"), "fp"))
        assert row.vectors().rated_skills.shape == (0, DIMENSION)


def test_delete_erases_the_candidate(database: Database) -> None:
    with database.sessions() as session:
        store = CandidateStore(session)
        keep = store.add(_candidate(1), _vectors(1), hash_token("a"), "fp")
        erase = store.add(_candidate(2), _vectors(2), hash_token("b"), "fp")
        store.delete(erase)
    with database.sessions() as session:
        store = CandidateStore(session)
        with pytest.raises(CandidateNotFoundError):
            store.get(erase)
        with pytest.raises(CandidateNotFoundError):
            store.delete(erase)
        assert [cid for cid, _, _ in store.iter_all()] == [keep]
        assert store.count() == 1


def test_iter_all_yields_profiles_and_vectors_in_batches(database: Database) -> None:
    with database.sessions() as session:
        store = CandidateStore(session)
        ids = [store.add(_candidate(i), _vectors(i), hash_token(str(i)), "fp") for i in range(7)]
    with database.sessions() as session:
        listed = list(CandidateStore(session).iter_all(batch_size=3))
    assert sorted(cid for cid, _, _ in listed) == sorted(ids)
    by_id = dict(zip(ids, range(7), strict=True))
    for candidate_id, profile, vectors in listed:
        n = by_id[candidate_id]
        assert profile == _candidate(n)
        np.testing.assert_array_equal(vectors.sentences, _vectors(n).sentences)


def test_schema_creation_is_idempotent(database: Database) -> None:
    database.create_schema()
    columns = {c["name"] for c in inspect(database.engine).get_columns("candidates")}
    assert columns == {
        "id",
        "token_hash",
        "created_at",
        "source",
        "profile_json",
        "sentence_vectors",
        "rated_vectors",
        "dimension",
        "n_sentences",
        "n_rated",
        "catalog_fingerprint",
    }
    assert database.is_reachable()


def test_sqlite_connections_are_durable_and_erase_securely(tmp_path: Path) -> None:
    database = Database.connect(f"sqlite:///{tmp_path / 'new' / 'folder' / 'db.sqlite3'}")
    try:
        database.create_schema()
        assert (tmp_path / "new" / "folder" / "db.sqlite3").is_file()
        with database.engine.connect() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
            assert pragma("PRAGMA secure_delete").scalar() == 1
    finally:
        database.dispose()


def test_in_memory_sqlite_is_shared_between_sessions() -> None:
    database = Database.connect("sqlite://")
    database.create_schema()
    with database.sessions() as session:
        candidate_id = CandidateStore(session).add(_candidate(), _vectors(1), hash_token("t"), "fp")
    with database.sessions() as session:
        assert CandidateStore(session).get(candidate_id).id == candidate_id


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("postgresql://user@db/recommender", "postgresql+psycopg"),
        ("postgres://user@db/recommender", "postgresql+psycopg"),
        ("postgresql+psycopg://user@db/recommender", "postgresql+psycopg"),
        ("sqlite:///var/x.sqlite3", "sqlite"),
    ],
)
def test_database_urls_get_the_installed_driver(url: str, driver: str) -> None:
    assert normalise_database_url(url).drivername == driver


def test_tokens_are_random_and_checked_against_their_hash() -> None:
    token = new_access_token()
    assert token != new_access_token()
    assert len(token) >= 40
    stored = hash_token(token)
    assert token not in stored
    assert token_matches(token, stored)
    assert not token_matches(token + "x", stored)
