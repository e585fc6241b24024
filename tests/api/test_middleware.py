"""Request ids, one log line per request free of personal data, and 500s with a request id."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from tests.api.helpers import (
    CONTACT_EMAIL,
    CONTACT_NAME,
    CONTACT_PHONE,
    bearer,
    create_candidate,
    resume_text,
)


def _request_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "recommender.api" and hasattr(r, "duration_ms")]


def test_every_answer_carries_a_request_id(sqlite_client: TestClient) -> None:
    ids = {sqlite_client.get("/health").headers["x-request-id"] for _ in range(3)}
    assert len(ids) == 3
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)
    assert "x-request-id" in sqlite_client.get("/v1/nowhere").headers


def test_one_structured_line_per_request(sqlite_client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    created = create_candidate(sqlite_client)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="recommender.api"):
        response = sqlite_client.get(
            f"/v1/candidates/{created['id']}", headers=bearer(str(created["access_token"]))
        )
    (line,) = _request_lines(caplog)
    assert line.method == "GET"  # type: ignore[attr-defined]
    assert line.path == "/v1/candidates/{candidate_id}"  # type: ignore[attr-defined]
    assert line.status == 200  # type: ignore[attr-defined]
    assert line.request_id == response.headers["x-request-id"]  # type: ignore[attr-defined]
    assert "path=/v1/candidates/{candidate_id} status=200" in line.getMessage()


def test_logs_hold_no_personal_data_or_secrets(
    sqlite_client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    resume = resume_text("zqsecretmarker")
    with caplog.at_level(logging.DEBUG, logger="recommender.api"):
        created = create_candidate(sqlite_client, {"resume_text": resume})
        token = str(created["access_token"])
        sqlite_client.get(f"/v1/candidates/{created['id']}", headers=bearer(token))
        sqlite_client.get(
            "/v1/roles/anything/shortlist", params={"min_score": 0.5}, headers={"X-API-Key": "wrong-key-123"}
        )
        sqlite_client.post(
            "/v1/match", json={"self_assessment": {"skills": [{"name": CONTACT_EMAIL, "level": 9}]}}
        )
        sqlite_client.delete(f"/v1/candidates/{created['id']}", headers=bearer(token))
    # Our loggers only: the test client logs its own requests (query strings and all).
    ours = [r for r in caplog.records if r.name.startswith("recommender")]
    logged = "\n".join(r.getMessage() + " " + str(r.__dict__) for r in ours)
    assert len(_request_lines(caplog)) == 5
    for secret in (
        CONTACT_NAME,
        CONTACT_EMAIL,
        CONTACT_PHONE,
        "zqsecretmarker",
        "Answered 70",
        token,
        "wrong-key-123",
    ):
        assert secret not in logged
    assert "min_score" not in logged  # no query strings


def test_unexpected_error_is_500_with_request_id(
    sqlite_client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(sqlite_client.app.state.recommender, "encode_candidate", crash)  # type: ignore[attr-defined]
    with caplog.at_level(logging.INFO, logger="recommender.api"):
        response = sqlite_client.post("/v1/candidates", json={"resume_text": resume_text("zqcrashmarker")})
    assert response.status_code == 500
    body = response.json()
    request_id = response.headers["x-request-id"]
    assert body["error"] == "internal_error"
    assert body["request_id"] == request_id
    assert request_id in body["detail"]
    assert "boom" not in response.text
    (crash_record,) = [r for r in caplog.records if r.exc_info]
    assert crash_record.request_id == request_id  # type: ignore[attr-defined]
    assert "zqcrashmarker" not in "\n".join(r.getMessage() for r in caplog.records)
    assert _request_lines(caplog)[-1].status == 500  # type: ignore[attr-defined]
