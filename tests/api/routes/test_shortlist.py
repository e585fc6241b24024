"""Recruiters: stored candidates ranked for a role, as JSON and CSV, behind the API key."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from recommender.matcher import Recommender
from tests.api.helpers import CHEF_RESUME, SELF_ASSESSMENT, SUPERVISOR_RESUME, create_candidate, resume_text


@pytest.fixture
def entry_role(api_recommender: Recommender) -> str:
    """The catalog's first (lowest) role: every résumé here is scored against it."""
    return api_recommender.catalog[0].id


def _store_three(client: TestClient) -> dict[str, str]:
    ids = {}
    for name, body in (
        ("agent", {"resume_text": resume_text()}),
        ("supervisor", {"resume_text": SUPERVISOR_RESUME}),
        ("chef", {"resume_text": CHEF_RESUME}),
    ):
        ids[name] = str(create_candidate(client, body)["id"])
    return ids


def test_shortlist_ranks_stored_candidates(
    client: TestClient, recruiter: dict[str, str], entry_role: str
) -> None:
    ids = _store_three(client)
    response = client.get(f"/v1/roles/{entry_role}/shortlist", headers=recruiter)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["role_id"] == entry_role
    assert body["candidates_considered"] == 3
    entries = body["candidates"]
    assert {e["candidate_id"] for e in entries} == set(ids.values())
    scores = [e["score"] for e in entries]
    assert scores == sorted(scores, reverse=True)
    by_id = {e["candidate_id"]: e for e in entries}
    # The customer-service résumé beats the chef's for a customer-service role.
    assert by_id[ids["agent"]]["score"] > by_id[ids["chef"]]["score"]
    for entry in entries:
        assert entry["readiness"] in {"ready", "stretch", "not ready"}
        assert all(isinstance(name, str) for name in entry["matched_skills"] + entry["missing_skills"])
        assert all(isinstance(gap, str) for gap in entry["requirement_gaps"])


def test_shortlist_filters(client: TestClient, recruiter: dict[str, str], entry_role: str) -> None:
    _store_three(client)
    url = f"/v1/roles/{entry_role}/shortlist"
    assert len(client.get(url, params={"limit": 1}, headers=recruiter).json()["candidates"]) == 1
    high_bar = client.get(url, params={"min_score": 1}, headers=recruiter).json()["candidates"]
    assert all(e["score"] >= 1 for e in high_bar)
    qualified = client.get(url, params={"meets_requirements": "true"}, headers=recruiter).json()["candidates"]
    assert all(e["requirement_gaps"] == [] for e in qualified)


def test_shortlist_as_csv(client: TestClient, recruiter: dict[str, str], entry_role: str) -> None:
    ids = _store_three(client)
    response = client.get(f"/v1/roles/{entry_role}/shortlist", params={"format": "csv"}, headers=recruiter)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == f'attachment; filename="shortlist-{entry_role}.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == [
        "candidate_id",
        "score",
        "readiness",
        "matched_skills",
        "weak_skills",
        "missing_skills",
        "requirement_gaps",
    ]
    assert {row["candidate_id"] for row in rows} == set(ids.values())
    json_order = [
        e["candidate_id"]
        for e in client.get(f"/v1/roles/{entry_role}/shortlist", headers=recruiter).json()["candidates"]
    ]
    assert [row["candidate_id"] for row in rows] == json_order


def test_shortlist_finds_the_role_by_title(
    sqlite_client: TestClient, recruiter: dict[str, str], api_recommender: Recommender
) -> None:
    role = api_recommender.catalog[0]
    create_candidate(sqlite_client, {"self_assessment": SELF_ASSESSMENT})
    response = sqlite_client.get(f"/v1/roles/{role.title.upper()}/shortlist", headers=recruiter)
    assert response.status_code == 200
    assert response.json()["role_id"] == role.id


def test_shortlist_with_nobody_stored_is_empty(
    sqlite_client: TestClient, recruiter: dict[str, str], entry_role: str
) -> None:
    body = sqlite_client.get(f"/v1/roles/{entry_role}/shortlist", headers=recruiter).json()
    assert body["candidates"] == [] and body["candidates_considered"] == 0


def test_erased_candidates_leave_the_shortlist(
    sqlite_client: TestClient, recruiter: dict[str, str], entry_role: str
) -> None:
    created = create_candidate(sqlite_client)
    sqlite_client.delete(
        f"/v1/candidates/{created['id']}", headers={"Authorization": f"Bearer {created['access_token']}"}
    )
    assert (
        sqlite_client.get(f"/v1/roles/{entry_role}/shortlist", headers=recruiter).json()["candidates"] == []
    )


# ----------------------------------------------------------------------------- access and validation


def test_shortlist_without_key_is_401(sqlite_client: TestClient, entry_role: str) -> None:
    response = sqlite_client.get(f"/v1/roles/{entry_role}/shortlist")
    assert response.status_code == 401
    assert "X-API-Key" in response.json()["detail"]


def test_shortlist_with_wrong_key_is_403(sqlite_client: TestClient, entry_role: str) -> None:
    response = sqlite_client.get(f"/v1/roles/{entry_role}/shortlist", headers={"X-API-Key": "guess"})
    assert response.status_code == 403
    assert response.json()["error"] == "forbidden"


def test_shortlist_is_refused_when_no_key_is_configured(make_client, entry_role: str) -> None:  # type: ignore[no-untyped-def]
    client = make_client(recruiter_api_key=None)
    for headers in ({}, {"X-API-Key": "anything"}):
        response = client.get(f"/v1/roles/{entry_role}/shortlist", headers=headers)
        assert response.status_code == 403
        assert response.json()["detail"] == (
            "recruiter access is not configured: set RECOMMENDER_RECRUITER_API_KEY"
        )


def test_shortlist_for_unknown_role_is_404(sqlite_client: TestClient, recruiter: dict[str, str]) -> None:
    response = sqlite_client.get("/v1/roles/astronaut/shortlist", headers=recruiter)
    assert response.status_code == 404
    assert response.json()["error"] == "role_not_found"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"min_score": -0.1}, "min_score"),
        ({"min_score": 1.5}, "min_score"),
        ({"format": "xml"}, "format"),
    ],
)
def test_shortlist_bad_parameters_are_422(
    sqlite_client: TestClient,
    recruiter: dict[str, str],
    entry_role: str,
    params: dict[str, object],
    field: str,
) -> None:
    response = sqlite_client.get(f"/v1/roles/{entry_role}/shortlist", params=params, headers=recruiter)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "validation_error"
    assert body["errors"][0]["field"] == field
    assert body["detail"].startswith(f"{field}: ")
