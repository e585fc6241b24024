"""/health (alive) and /ready (model, profiles and database ready)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from recommender.errors import ProfileDataError
from recommender.matcher import Recommender
from tests.api.helpers import make_settings


def test_health_and_ready_once_started(sqlite_client: TestClient) -> None:
    assert sqlite_client.get("/health").json() == {"status": "ok"}
    ready = sqlite_client.get("/ready")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"
    assert ready.json()["checks"]["database"] == "ok"


def test_not_ready_before_start_but_alive(api_recommender: Recommender, sqlite_url: str) -> None:
    app = create_app(make_settings(sqlite_url), api_recommender)
    client = TestClient(app)  # no `with`: the lifespan (start-up) has not run
    assert client.get("/health").status_code == 200
    ready = client.get("/ready")
    assert ready.status_code == 503
    assert ready.json()["status"] == "not ready"
    # Routes that need the database say so instead of failing.
    assert client.post("/v1/candidates", json={"resume_text": "x"}).status_code == 503


def test_not_ready_after_shutdown(api_recommender: Recommender, sqlite_url: str) -> None:
    app = create_app(make_settings(sqlite_url), api_recommender)
    with TestClient(app) as client:
        assert client.get("/ready").status_code == 200
    assert TestClient(app).get("/ready").status_code == 503


def test_start_up_fails_loudly_without_profiles(tmp_path: Path, sqlite_url: str) -> None:
    settings = make_settings(sqlite_url, profile_dir=tmp_path / "no-profiles")
    with (
        pytest.raises(ProfileDataError, match="role profile directory not found"),
        TestClient(create_app(settings)),
    ):
        pass


def test_docs_and_openapi_are_served(sqlite_client: TestClient) -> None:
    assert sqlite_client.get("/docs").status_code == 200
    schema = sqlite_client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/v1/match",
        "/v1/candidates",
        "/v1/candidates/{candidate_id}",
        "/v1/roles/{role_id}/shortlist",
    ):
        assert path in paths
    # The hand-read body of POST /v1/candidates is documented, and its reference resolves.
    content = paths["/v1/candidates"]["post"]["requestBody"]["content"]
    assert set(content) == {"application/json", "multipart/form-data"}
    assert content["application/json"]["schema"]["$ref"].rsplit("/", 1)[1] in schema["components"]["schemas"]
