"""Fixtures for the robustness tests: the app over HTTP (TestClient), the CLI, the server launcher.

The app and the CLI run on the session's hashing-encoder recommender (``fake_recommender``),
as tests/api and tests/test_cli.py do; the launcher tests start ``scripts/_load_server.py``
in a subprocess, as an operator would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner, Result

from api.app import create_app
from recommender import cli
from recommender.matcher import Recommender
from tests.api.helpers import make_settings
from tests.conftest import REPO_ROOT

LAUNCHER = REPO_ROOT / "scripts" / "_load_server.py"

RunCli = Callable[..., Result]


@pytest.fixture(scope="module")
def api_client(
    fake_recommender: Recommender, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """The app started (lifespan run) on a fresh SQLite file, shared by one module's tests."""
    database = tmp_path_factory.mktemp("robustness-db") / "candidates.sqlite3"
    with TestClient(create_app(make_settings(f"sqlite:///{database}"), fake_recommender)) as client:
        yield client


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, fake_recommender: Recommender) -> RunCli:
    """``recommender ...`` in-process, its recommender the fast fake (as tests/test_cli.py does)."""
    monkeypatch.setattr(Recommender, "from_settings", classmethod(lambda cls, *a, **k: fake_recommender))
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(cli.app, list(args))

    return run


@pytest.fixture(autouse=True)
def watchdog() -> Iterator[None]:
    """Turn a hang into a failure (a bound, not a timing assertion: nothing here takes 60 s)."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("the test hung for 120 s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(120)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def subprocess_env(**overrides: str) -> dict[str, str]:
    """The environment for a child process: this one, without RECOMMENDER_* settings leaking in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECOMMENDER_") and k != "DATABASE_URL"}
    env["PYTHONUNBUFFERED"] = "1"
    env.update(overrides)
    return env


def run_python(
    args: list[str], *, env: dict[str, str], cwd: Path, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``python <args>`` to completion, output captured as text."""
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
