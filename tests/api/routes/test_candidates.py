"""Candidates: create (JSON, DOCX, PDF), read with the token, erase; on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from recommender.results import MatchReport
from tests.api.helpers import (
    CONTACT_EMAIL,
    CONTACT_NAME,
    CONTACT_PHONE,
    SELF_ASSESSMENT,
    bearer,
    create_candidate,
    resume_text,
)
from tests.helpers_docs import make_docx, make_pdf


def _stored_rows(database_url: str, candidate_id: str) -> list[dict[str, object]]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT * FROM candidates WHERE id = :id"), {"id": candidate_id})
            return [dict(row._mapping) for row in rows]
    finally:
        engine.dispose()


def _sqlite_bytes(database_url: str) -> bytes:
    """The database file and its WAL, after a checkpoint has folded the WAL in."""
    path = Path(make_url(database_url).database or "")
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _upload(client: TestClient, name: str, data: bytes, content_type: str) -> dict[str, object]:
    response = client.post("/v1/candidates", files={"file": (name, data, content_type)})
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def _resume_lines(marker: str) -> list[str]:
    return resume_text(marker).splitlines()


@pytest.mark.parametrize("kind", ["json", "docx", "pdf"])
def test_candidate_lifecycle_create_read_erase(client: TestClient, database_url: str, kind: str) -> None:
    marker = f"zq{uuid.uuid4().hex[:10]}"
    if kind == "json":
        created = create_candidate(client, {"resume_text": resume_text(marker)})
    elif kind == "docx":
        docx = make_docx(_resume_lines(marker))
        created = _upload(
            client,
            "Jordan_Quill_CV.docx",
            docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    else:
        created = _upload(client, "cv.pdf", make_pdf(_resume_lines(marker)), "application/pdf")
    candidate_id, token = str(created["id"]), str(created["access_token"])
    MatchReport.model_validate(created["report"])
    assert len(token) >= 40

    # Stored: the parsed sentences, never contact details or the token itself.
    rows = _stored_rows(database_url, candidate_id)
    assert len(rows) == 1
    stored = rows[0]
    assert marker in str(stored["profile_json"])
    for secret in (CONTACT_EMAIL, CONTACT_PHONE, token):
        assert secret not in str(stored["profile_json"])
    assert stored["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert stored["n_sentences"] > 0 and stored["dimension"] > 0
    assert len(bytes(stored["sentence_vectors"])) == 4 * stored["n_sentences"] * stored["dimension"]

    read = client.get(f"/v1/candidates/{candidate_id}", headers=bearer(token))
    assert read.status_code == 200, read.text
    record = read.json()
    assert record["id"] == candidate_id
    assert any(marker in sentence for sentence in record["profile"]["sentences"])
    assert record["profile"]["source"] == "resume"
    assert record["created_at"].endswith(("Z", "+00:00"))  # UTC on both databases
    # Scored from the stored embeddings: the same report as when it was created.
    assert record["report"] == created["report"]
    assert read.headers["cache-control"] == "no-store"

    erased = client.delete(f"/v1/candidates/{candidate_id}", headers=bearer(token))
    assert erased.status_code == 204
    assert erased.content == b""

    gone = client.get(f"/v1/candidates/{candidate_id}", headers=bearer(token))
    assert gone.status_code == 404
    assert gone.json()["error"] == "candidate_not_found"
    assert _stored_rows(database_url, candidate_id) == []
    if database_url.startswith("sqlite"):
        # secure_delete: the erased sentences are overwritten in the file, not just unlinked.
        assert marker.encode() not in _sqlite_bytes(database_url)


def test_erased_sentences_were_in_the_sqlite_file_before(make_client, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    """Guards the byte check above: the marker is findable in the file until the erasure."""
    client = make_client(sqlite_url)
    marker = f"zq{uuid.uuid4().hex[:10]}"
    created = create_candidate(client, {"resume_text": resume_text(marker)})
    assert marker.encode() in _sqlite_bytes(sqlite_url)
    client.delete(f"/v1/candidates/{created['id']}", headers=bearer(str(created["access_token"])))
    assert marker.encode() not in _sqlite_bytes(sqlite_url)


def test_self_assessment_is_stored_and_read_back(client: TestClient) -> None:
    created = create_candidate(client, {"self_assessment": SELF_ASSESSMENT})
    record = client.get(
        f"/v1/candidates/{created['id']}", headers=bearer(str(created["access_token"]))
    ).json()
    assert record["profile"]["source"] == "self_assessment"
    assert {s["name"] for s in record["profile"]["skills"]} == {s["name"] for s in SELF_ASSESSMENT["skills"]}
    assert record["profile"]["years_experience"] == 3
    assert record["report"] == created["report"]


def test_created_answer_points_at_the_record_and_is_not_cached(sqlite_client: TestClient) -> None:
    response = sqlite_client.post("/v1/candidates", json={"resume_text": resume_text(), "top": 2})
    assert response.status_code == 201
    assert response.headers["location"] == f"/v1/candidates/{response.json()['id']}"
    assert response.headers["cache-control"] == "no-store"
    assert len(response.json()["report"]["roles"]) == 2


def test_contact_details_are_not_kept(sqlite_client: TestClient) -> None:
    created = create_candidate(sqlite_client)
    record = sqlite_client.get(
        f"/v1/candidates/{created['id']}", headers=bearer(str(created["access_token"]))
    )
    body = record.text
    assert CONTACT_EMAIL not in body
    assert CONTACT_PHONE not in body
    assert CONTACT_NAME not in body


def test_read_can_limit_the_roles(sqlite_client: TestClient) -> None:
    created = create_candidate(sqlite_client)
    record = sqlite_client.get(
        f"/v1/candidates/{created['id']}", params={"top": 1}, headers=bearer(str(created["access_token"]))
    )
    assert len(record.json()["report"]["roles"]) == 1


# ----------------------------------------------------------------------------- access control


def test_a_candidate_cannot_read_or_erase_another_candidates_record(client: TestClient) -> None:
    alice = create_candidate(client)
    bob = create_candidate(client, {"self_assessment": SELF_ASSESSMENT})
    alice_url = f"/v1/candidates/{alice['id']}"

    read = client.get(alice_url, headers=bearer(str(bob["access_token"])))
    assert read.status_code == 403
    assert read.json()["error"] == "forbidden"
    erase = client.delete(alice_url, headers=bearer(str(bob["access_token"])))
    assert erase.status_code == 403

    # Alice's record is untouched.
    assert client.get(alice_url, headers=bearer(str(alice["access_token"]))).status_code == 200


@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_missing_token_is_401(sqlite_client: TestClient, method: str) -> None:
    created = create_candidate(sqlite_client)
    response = sqlite_client.request(method, f"/v1/candidates/{created['id']}")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in response.json()["detail"]


@pytest.mark.parametrize("authorization", ["Basic dXNlcjpwYXNz", "Bearer", "token-without-scheme"])
def test_malformed_authorization_is_401(sqlite_client: TestClient, authorization: str) -> None:
    created = create_candidate(sqlite_client)
    response = sqlite_client.get(f"/v1/candidates/{created['id']}", headers={"Authorization": authorization})
    assert response.status_code == 401


@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_garbage_token_is_403(sqlite_client: TestClient, method: str) -> None:
    created = create_candidate(sqlite_client)
    response = sqlite_client.request(
        method, f"/v1/candidates/{created['id']}", headers=bearer("not-a-real-token")
    )
    assert response.status_code == 403


def test_unknown_candidate_is_404_with_any_token(sqlite_client: TestClient) -> None:
    created = create_candidate(sqlite_client)
    response = sqlite_client.get(
        f"/v1/candidates/{uuid.uuid4().hex}", headers=bearer(str(created["access_token"]))
    )
    assert response.status_code == 404
    assert sqlite_client.delete(f"/v1/candidates/{uuid.uuid4().hex}", headers=bearer("x")).status_code == 404


def test_erased_record_cannot_be_erased_twice(sqlite_client: TestClient) -> None:
    created = create_candidate(sqlite_client)
    url, headers = f"/v1/candidates/{created['id']}", bearer(str(created["access_token"]))
    assert sqlite_client.delete(url, headers=headers).status_code == 204
    assert sqlite_client.delete(url, headers=headers).status_code == 404
