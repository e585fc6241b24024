"""Access and privacy: which routes answer without credentials, hashed tokens, and logs free
of personal data through a whole flow (in-process at DEBUG for every logger, and a real
uvicorn server at DEBUG).

A candidate's token cannot read or erase another candidate's record: that is
tests/api/routes/test_candidates.py::test_a_candidate_cannot_read_or_erase_another_candidates_record.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from recommender.matcher import Recommender
from scripts._load_server import ServerProcess
from tests.api.helpers import MAX_UPLOAD_BYTES, RECRUITER_KEY, bearer, make_settings
from tests.helpers_docs import make_docx, make_pdf
from tests.robustness.conftest import subprocess_env

PUBLIC = {
    ("GET", "/health"),
    ("GET", "/ready"),
    ("POST", "/v1/match"),
    ("POST", "/v1/candidates"),
    ("GET", "/v1/roles"),
    ("GET", "/v1/roles/{role_id}"),
}

NAME = "Marisol Quennevilly"
EMAIL = "marisol.quennevilly@example.test"
PHONE = "(555) 019-4862"
STREET = "4417 Larkspur Crescent"
SENTENCE = "Untangled the Halvorsen twin-ledger refund saga for 73 stranded subscribers"
PERSONAL = (NAME, EMAIL, PHONE, STREET, SENTENCE, "Quennevilly", "Halvorsen")
RESUME = "\n".join(
    (
        NAME,
        f"{STREET}, Springfield, IL 62704",
        f"{EMAIL} | {PHONE}",
        "Customer Service Representative, Acme Telecom, Jan 2018 - Present",
        f"- {SENTENCE}.",
        "- Answered 70 inbound calls a day about billing, orders and refunds.",
        "- Resolved customer complaints on the first call and escalated disputes to my supervisor.",
        "Education: High school diploma",
    )
)


def _fill(path: str, candidate_id: str, role_id: str) -> str:
    return path.replace("{candidate_id}", candidate_id).replace("{role_id}", role_id)


def _operations(client: TestClient) -> list[tuple[str, str]]:
    paths = client.get("/openapi.json").json()["paths"]
    return sorted((method.upper(), path) for path, item in paths.items() for method in item)


def _call(client: TestClient, method: str, url: str, headers: dict[str, str]) -> int:
    """The status of one request; POSTs carry a valid résumé, so only access decides."""
    if method == "POST":
        return client.request(method, url, headers=headers, json={"resume_text": RESUME}).status_code
    return client.request(method, url, headers=headers).status_code


# ----------------------------------------------------------------------------- access


def test_only_the_public_routes_answer_without_credentials(api_client: TestClient, catalog) -> None:  # type: ignore[no-untyped-def]
    created = api_client.post("/v1/candidates", json={"resume_text": RESUME}).json()
    candidate_id, token = created["id"], created["access_token"]
    role_id = catalog.ids[0]
    operations = _operations(api_client)
    assert len(operations) >= 9  # every route, not a trimmed-down schema

    answered = {
        (method, path): _call(api_client, method, _fill(path, candidate_id, role_id), {})
        for method, path in operations
    }
    open_routes = {op for op, status in answered.items() if 200 <= status < 300}
    assert open_routes == PUBLIC, answered
    assert all(answered[op] in (401, 403) for op in set(operations) - PUBLIC), answered

    # The walk is not vacuous: with the right credentials every route answers 2xx
    # (DELETE last, so the record is still there for the others).
    credentials = {**bearer(token), "X-API-Key": RECRUITER_KEY}
    for method, path in sorted(operations, key=lambda op: op[0] == "DELETE"):
        status = _call(api_client, method, _fill(path, candidate_id, role_id), credentials)
        assert 200 <= status < 300, (method, path, status)


def test_tokens_are_stored_only_as_their_sha256(fake_recommender: Recommender, tmp_path: Path) -> None:
    database = tmp_path / "candidates.sqlite3"
    tokens = []
    with TestClient(create_app(make_settings(f"sqlite:///{database}"), fake_recommender)) as client:
        for files in (
            None,
            {"file": ("cv.docx", make_docx(RESUME.splitlines()), "application/octet-stream")},
        ):
            for _ in range(3):
                response = (
                    client.post("/v1/candidates", files=files)
                    if files
                    else client.post("/v1/candidates", json={"resume_text": RESUME})
                )
                assert response.status_code == 201, response.text
                tokens.append((response.json()["id"], response.json()["access_token"]))
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        stored = dict(connection.execute("SELECT id, token_hash FROM candidates"))
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("candidates.sqlite3"))
    for candidate_id, token in tokens:
        assert stored[candidate_id] == hashlib.sha256(token.encode("utf-8")).hexdigest()
        assert token.encode() not in raw  # nowhere in the file: not in any column, page or journal


# ----------------------------------------------------------------------------- logs


@contextmanager
def _every_logger_at_debug(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """caplog at DEBUG on the root and on every logger there is (SQLAlchemy, uvicorn, httpx,
    multipart, pypdf ...), including those that set their own level or do not propagate.

    One exception: ``sqlalchemy.engine`` at INFO, which is SQL echo (statements; the engine
    hides their parameters). At DEBUG SQLAlchemy dumps every result row (``echo="debug"``),
    which is asking for the stored data itself.
    """
    import sqlalchemy  # noqa: F401 - its loggers exist once it is imported
    import uvicorn  # noqa: F401

    caplog.set_level(logging.DEBUG)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "httpx", "httpcore"):
        logging.getLogger(name)
    loggers = [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    saved = [(logger, logger.level, logger.disabled) for logger in loggers]
    detached = []
    for logger in loggers:
        logger.setLevel(logging.INFO if logger.name.startswith("sqlalchemy.engine") else logging.DEBUG)
        logger.disabled = False
        if not logger.propagate:
            logger.addHandler(caplog.handler)
            detached.append(logger)
    try:
        yield
    finally:
        for logger in detached:
            logger.removeHandler(caplog.handler)
        for logger, level, disabled in saved:
            logger.setLevel(level)
            logger.disabled = disabled


def _full_flow(client: httpx.Client | TestClient, role_id: str) -> None:
    """Create (JSON, DOCX, PDF), match, read, shortlist (JSON, CSV), erase; and requests that fail."""
    created = client.post("/v1/candidates", json={"resume_text": RESUME})
    assert created.status_code == 201, created.text
    candidate_id, token = created.json()["id"], created.json()["access_token"]
    for name, data in (
        ("cv.docx", make_docx(RESUME.splitlines())),
        ("cv.pdf", make_pdf(RESUME.splitlines())),
    ):
        assert client.post("/v1/candidates", files={"file": (f"{NAME} {name}", data)}).status_code == 201
    assert client.post("/v1/match", json={"resume_text": RESUME, "top": 3}).status_code == 200
    assert client.get(f"/v1/candidates/{candidate_id}", headers=bearer(token)).status_code == 200
    key = {"X-API-Key": RECRUITER_KEY}
    assert client.get(f"/v1/roles/{role_id}/shortlist", headers=key).status_code == 200
    assert (
        client.get(f"/v1/roles/{role_id}/shortlist", params={"format": "csv"}, headers=key).status_code == 200
    )

    failing = [
        client.get(f"/v1/candidates/{candidate_id}", headers=bearer(f"{EMAIL}-{PHONE}")),  # 403
        client.delete(f"/v1/candidates/{candidate_id}"),  # 401
        client.post("/v1/match", json={"self_assessment": {"skills": [{"name": EMAIL, "level": 9}]}}),
        client.post("/v1/match", json={"resume_text": [NAME, EMAIL, SENTENCE]}),
        client.post(
            "/v1/candidates",
            content=f'{{"resume_text": "{RESUME[:60]}',
            headers={"Content-Type": "application/json"},
        ),
        client.post("/v1/candidates", files={"file": (f"{NAME}.pdf", f"%PDF-1.4 {RESUME}".encode() * 3)}),
        client.post("/v1/candidates", files={"file": ("cv.pdf", bytes(range(256)) * 4 + RESUME.encode())}),
        client.post("/v1/candidates", json={"resume_text": (RESUME + "\n") * 2000}),
        client.post("/v1/candidates", content=RESUME.encode(), headers={"Content-Type": "text/plain"}),
        client.get(f"/v1/roles/{NAME}/shortlist", headers=key),
        client.get(f"/v1/roles/{role_id}/shortlist", headers={"X-API-Key": EMAIL}),
        client.get(f"/v1/candidate/{EMAIL}"),  # a mistyped path
    ]
    assert all(400 <= r.status_code < 500 for r in failing), [(r.status_code, r.text[:80]) for r in failing]
    assert client.delete(f"/v1/candidates/{candidate_id}", headers=bearer(token)).status_code == 204


def _assert_no_personal_data(logged: str, *secrets: str) -> None:
    assert logged.strip(), "nothing was logged: the capture is not working"
    leaked = [s for s in (*PERSONAL, *secrets) if s.casefold() in logged.casefold()]
    assert not leaked, f"personal data in the logs: {leaked}"


def test_a_full_flow_logs_no_personal_data_in_process(
    fake_recommender: Recommender,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    catalog,  # type: ignore[no-untyped-def]
) -> None:
    settings = make_settings(f"sqlite:///{tmp_path / 'candidates.sqlite3'}", log_level="DEBUG")
    with _every_logger_at_debug(caplog), TestClient(create_app(settings, fake_recommender)) as client:
        _full_flow(client, catalog.ids[0])
    # The HTTP client's own line per request quotes the URL the test chose to send (one is a
    # mistyped path holding an e-mail on purpose): that is the caller's log, not the service's.
    records = [r for r in caplog.records if not r.getMessage().startswith("HTTP Request:")]
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''} {r.__dict__}" for r in records)
    assert any(r.name.startswith("recommender") for r in records)
    assert any(r.levelno == logging.DEBUG for r in records)  # DEBUG really was captured
    _assert_no_personal_data(logged, RECRUITER_KEY)


def test_a_full_flow_logs_no_personal_data_from_a_real_server(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    env = subprocess_env(
        RECOMMENDER_LOG_LEVEL="DEBUG",
        RECOMMENDER_RECRUITER_API_KEY=RECRUITER_KEY,
        RECOMMENDER_MAX_UPLOAD_BYTES=str(MAX_UPLOAD_BYTES),
    )
    server = ServerProcess.start(
        tmp_path, database_url=f"sqlite:///{tmp_path / 'candidates.sqlite3'}", fake_encoder=True, env=env
    )
    try:
        with httpx.Client(base_url=server.base_url, timeout=30.0, trust_env=False) as client:
            _full_flow(client, catalog.ids[0])
    finally:
        server.stop()
    logged = server.log()
    assert "path=/v1/candidates/{candidate_id}" in logged, logged[-2000:]
    _assert_no_personal_data(logged, RECRUITER_KEY)
