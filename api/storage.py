"""Stored candidates: the SQLAlchemy model, the engine set-up and :class:`CandidateStore`.

One table, ``candidates``. A row holds the parsed, PII-stripped profile (JSON) and the
candidate's sentence and self-rated-skill embeddings (float32 bytes plus their shape),
so a candidate is never re-encoded. The raw résumé text or uploaded file is never
stored, and only the SHA-256 of the candidate's access token is kept.

SQLite is the default (a file under ``var/``); a ``postgresql+psycopg://`` URL in
``DATABASE_URL`` / ``RECOMMENDER_DATABASE_URL`` switches to PostgreSQL.

Schema versioning: the schema is an unversioned v1 created with
``Base.metadata.create_all`` at start-up; there is no Alembic yet. The first change to
this table must add a migration tool (and a version) rather than edit the model in place.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import DateTime, Engine, LargeBinary, String, Text, create_engine, event, func, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.pool import StaticPool

from recommender.candidate_types import CandidateProfile, candidate_from_dict, candidate_to_dict
from recommender.errors import CandidateNotFoundError
from recommender.matcher import CandidateVectors

logger = logging.getLogger("recommender.api")

# Vectors are stored little-endian float32 whatever the server's byte order.
_VECTOR_DTYPE = np.dtype("<f4")


class Base(DeclarativeBase):
    pass


class CandidateRow(Base):
    """One stored candidate. ``profile_json`` is PII-stripped; the token is stored hashed."""

    __tablename__ = "candidates"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    source: Mapped[str] = mapped_column(String(32))
    profile_json: Mapped[str] = mapped_column(Text)
    sentence_vectors: Mapped[bytes] = mapped_column(LargeBinary)
    rated_vectors: Mapped[bytes] = mapped_column(LargeBinary)
    dimension: Mapped[int]
    n_sentences: Mapped[int]
    n_rated: Mapped[int]
    catalog_fingerprint: Mapped[str] = mapped_column(String(64))

    def profile(self) -> CandidateProfile:
        return candidate_from_dict(json.loads(self.profile_json))

    @property
    def created_at_utc(self) -> datetime:
        # SQLite hands back naive datetimes; they were written in UTC.
        created = self.created_at
        return created if created.tzinfo is not None else created.replace(tzinfo=UTC)

    def vectors(self) -> CandidateVectors:
        return CandidateVectors(
            sentences=_matrix_from_bytes(self.sentence_vectors, self.n_sentences, self.dimension),
            rated_skills=_matrix_from_bytes(self.rated_vectors, self.n_rated, self.dimension),
        )


def _matrix_to_bytes(matrix: np.ndarray) -> bytes:
    return np.ascontiguousarray(matrix, dtype=_VECTOR_DTYPE).tobytes()


def _matrix_from_bytes(data: bytes, rows: int, dimension: int) -> np.ndarray:
    matrix = np.frombuffer(data, dtype=_VECTOR_DTYPE)
    if matrix.size != rows * dimension:
        raise ValueError(f"stored vectors hold {matrix.size} values, expected {rows} x {dimension}")
    # Native float32, writable: the scorer may stack and normalise these.
    return matrix.reshape(rows, dimension).astype(np.float32)


# ----------------------------------------------------------------------------- engine


def normalise_database_url(url: str) -> URL:
    """Parse the URL; plain ``postgres://`` / ``postgresql://`` URLs get the psycopg 3 driver.

    ``DATABASE_URL`` as platforms hand it out has no driver, and SQLAlchemy would then
    look for psycopg2, which we do not install.
    """
    parsed = make_url(url)
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        # WAL: readers do not block the writer, so GET and shortlist run during uploads.
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed candidate (or a committed erasure) survives a power cut;
        # WAL's default NORMAL may lose the last transactions.
        cursor.execute("PRAGMA synchronous=FULL")
        # Erased candidates are overwritten with zeros in the file, not just unlinked.
        cursor.execute("PRAGMA secure_delete=ON")
    finally:
        cursor.close()


def make_engine(database_url: str) -> Engine:
    """An engine for SQLite (pragmas set on every connection) or PostgreSQL (psycopg 3)."""
    url = normalise_database_url(database_url)
    # Statement parameters are profiles (résumé sentences): keep them out of SQL logging
    # (an operator turning on the sqlalchemy logger) and out of database error messages.
    kwargs: dict[str, Any] = {"hide_parameters": True}
    if url.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"check_same_thread": False}
        if url.database in (None, "", ":memory:"):
            # One shared in-memory database for every session (tests, throw-away runs).
            kwargs["poolclass"] = StaticPool
        else:
            Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


@dataclass
class Database:
    """The engine and its session factory, created once per app."""

    engine: Engine
    sessions: sessionmaker[Session]

    @classmethod
    def connect(cls, database_url: str) -> Database:
        engine = make_engine(database_url)
        return cls(engine, sessionmaker(engine, expire_on_commit=False))

    def create_schema(self) -> None:
        # Unversioned v1 schema: create what is missing, never alter (see module docstring).
        Base.metadata.create_all(self.engine)

    def is_reachable(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception:  # noqa: BLE001 - any failure means "not ready"; the reason is logged
            logger.warning("database is not reachable", exc_info=True)
            return False
        return True

    def dispose(self) -> None:
        self.engine.dispose()


# ----------------------------------------------------------------------------- queries


class CandidateStore:
    """Add, read, erase and list stored candidates within one session."""

    def __init__(self, session: Session):
        self.session = session

    def add(
        self,
        candidate: CandidateProfile,
        vectors: CandidateVectors,
        token_hash: str,
        catalog_fingerprint: str,
    ) -> str:
        """Store one candidate and commit; returns its new id."""
        # encode_candidate returns (0, d) arrays when a part is empty, so d is always known.
        dimension = int(vectors.sentences.shape[1])
        row = CandidateRow(
            id=uuid.uuid4().hex,
            token_hash=token_hash,
            created_at=datetime.now(UTC),
            source=candidate.source,
            profile_json=json.dumps(candidate_to_dict(candidate), ensure_ascii=False),
            sentence_vectors=_matrix_to_bytes(vectors.sentences),
            rated_vectors=_matrix_to_bytes(vectors.rated_skills),
            dimension=dimension,
            n_sentences=int(vectors.sentences.shape[0]),
            n_rated=int(vectors.rated_skills.shape[0]),
            catalog_fingerprint=catalog_fingerprint,
        )
        self.session.add(row)
        self.session.commit()
        return row.id

    def get(self, candidate_id: str) -> CandidateRow:
        row = self.session.get(CandidateRow, candidate_id)
        if row is None:
            raise CandidateNotFoundError(f"no stored candidate has id {candidate_id!r} (or it was erased)")
        return row

    def delete(self, candidate_id: str) -> None:
        """Erase one candidate: the row and everything in it, then commit."""
        row = self.get(candidate_id)
        self.session.delete(row)
        self.session.commit()
        if self.session.get_bind().dialect.name == "sqlite":
            # secure_delete zeroes the freed pages, but in WAL mode the old page images
            # stay in the -wal file until a checkpoint copies them back; do it now so
            # the erasure reaches the disk promptly. Busy readers only delay it.
            self.session.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            self.session.commit()

    def count(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(CandidateRow)) or 0)

    def iter_all(self, batch_size: int = 200) -> Iterator[tuple[str, CandidateProfile, CandidateVectors]]:
        """Every stored candidate, oldest first, fetched in batches."""
        query = select(CandidateRow).order_by(CandidateRow.created_at, CandidateRow.id)
        for row in self.session.scalars(query.execution_options(yield_per=batch_size)):
            yield row.id, row.profile(), row.vectors()
