"""API fixtures: the app on the hashing encoder, over SQLite or a fresh PostgreSQL database."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from api.app import create_app
from recommender.config import ScoringParams
from recommender.encoder import HashingEncoder
from recommender.matcher import Recommender
from recommender.profiles import DEFAULT_PROFILE_DIR, load_catalog
from tests.api.helpers import RECRUITER_KEY, make_settings

FIXTURE_ROLES = Path(__file__).parent / "fixtures" / "roles"

MakeClient = Callable[..., TestClient]


@pytest.fixture(scope="session")
def api_recommender() -> Recommender:
    """The real role profiles when present (the three-role test catalog otherwise), fast encoder."""
    directory = DEFAULT_PROFILE_DIR if any(DEFAULT_PROFILE_DIR.glob("*.yaml")) else FIXTURE_ROLES
    return Recommender(load_catalog(directory), HashingEncoder(), params=ScoringParams(), cache_dir=None)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each kind: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        # A folder that does not exist yet: the app must create it.
        yield f"sqlite:///{tmp_path / 'var' / 'candidates.sqlite3'}"
        return
    server_url: str = request.getfixturevalue("postgres_url")
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'candidates.sqlite3'}"


@pytest.fixture
def make_client(api_recommender: Recommender, sqlite_url: str) -> Iterator[MakeClient]:
    """Start an app (lifespan run) on a database; every one started is shut down afterwards."""
    started: list[TestClient] = []

    def make(database_url: str | None = None, **overrides: object) -> TestClient:
        app = create_app(make_settings(database_url or sqlite_url, **overrides), api_recommender)
        client = TestClient(app)
        client.__enter__()
        started.append(client)
        return client

    yield make
    for client in reversed(started):
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: MakeClient, database_url: str) -> TestClient:
    """The app on each database in turn (SQLite, then PostgreSQL)."""
    return make_client(database_url)


@pytest.fixture
def sqlite_client(make_client: MakeClient) -> TestClient:
    """The app on SQLite only, for behaviour that does not depend on the database."""
    return make_client()


@pytest.fixture
def recruiter() -> dict[str, str]:
    return {"X-API-Key": RECRUITER_KEY}
