"""GET /v1/roles and /v1/roles/{id}: public role profiles."""

from __future__ import annotations

from fastapi.testclient import TestClient

from recommender.matcher import Recommender


def test_roles_lists_every_role(sqlite_client: TestClient, api_recommender: Recommender) -> None:
    response = sqlite_client.get("/v1/roles")
    assert response.status_code == 200
    roles = response.json()
    assert [r["id"] for r in roles] == list(api_recommender.catalog.ids)
    assert all(r["title"] and r["skills"] > 0 for r in roles)


def test_role_is_the_full_profile(sqlite_client: TestClient, api_recommender: Recommender) -> None:
    role = api_recommender.catalog[0]
    response = sqlite_client.get(f"/v1/roles/{role.id}")
    assert response.status_code == 200
    assert response.json() == role.model_dump(mode="json")


def test_role_by_title_or_alias(sqlite_client: TestClient, api_recommender: Recommender) -> None:
    role = next(r for r in api_recommender.catalog if r.aliases)
    for name in (role.title, role.aliases[0].lower()):
        response = sqlite_client.get(f"/v1/roles/{name}")
        assert response.status_code == 200
        assert response.json()["id"] == role.id


def test_unknown_role_is_404(sqlite_client: TestClient) -> None:
    response = sqlite_client.get("/v1/roles/astronaut")
    assert response.status_code == 404
    assert response.json()["error"] == "role_not_found"
    assert "astronaut" in response.json()["detail"]


def test_fallback_test_catalog_stays_valid() -> None:
    """The three-role catalog the API tests use when role_profiles/ is empty."""
    from recommender.profiles import load_catalog
    from tests.api.conftest import FIXTURE_ROLES

    assert len(load_catalog(FIXTURE_ROLES)) == 3
