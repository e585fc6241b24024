"""POST /v1/match: stateless matching, the same report as the library (and the CLI's --json)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from recommender.candidates import candidate_from_payload
from recommender.matcher import Recommender
from tests.api.helpers import SELF_ASSESSMENT, resume_text


def _count(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM candidates")).scalar_one())
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "body",
    [{"resume_text": resume_text()}, {"self_assessment": SELF_ASSESSMENT}],
    ids=["resume", "self_assessment"],
)
def test_match_returns_the_library_report(
    sqlite_client: TestClient, api_recommender: Recommender, body: dict[str, object]
) -> None:
    response = sqlite_client.post("/v1/match", json=body)
    assert response.status_code == 200, response.text
    candidate = candidate_from_payload(body.get("resume_text"), body.get("self_assessment"))  # type: ignore[arg-type]
    expected = json.loads(api_recommender.match(candidate).model_dump_json())
    assert response.json() == expected


def test_match_stores_nothing(make_client, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    client = make_client(sqlite_url)
    for body in ({"resume_text": resume_text()}, {"self_assessment": SELF_ASSESSMENT}):
        assert client.post("/v1/match", json=body).status_code == 200
    assert _count(sqlite_url) == 0


def test_match_top_limits_the_roles(sqlite_client: TestClient) -> None:
    response = sqlite_client.post("/v1/match", json={"resume_text": resume_text(), "top": 3})
    roles = response.json()["roles"]
    assert len(roles) == 3
    assert [r["score"] for r in roles] == sorted((r["score"] for r in roles), reverse=True)


@pytest.mark.parametrize("top", [0, 51, "many"])
def test_match_bad_top_is_422(sqlite_client: TestClient, top: object) -> None:
    response = sqlite_client.post("/v1/match", json={"resume_text": resume_text(), "top": top})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "top"
