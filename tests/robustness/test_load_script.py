"""`make load` works: the load script starts the service, applies load, and every accepted
submission is stored. A short run on the hashing encoder; the figures are printed, not asserted."""

from __future__ import annotations

import re

from tests.conftest import REPO_ROOT
from tests.robustness.conftest import run_python, subprocess_env


def test_load_script_runs_and_loses_nothing() -> None:
    result = run_python(
        ["scripts/load_test.py", "--fake-encoder", "--seconds", "3"],
        env=subprocess_env(),
        cwd=REPO_ROOT,
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "missing: 0" in result.stdout and "errors: 0" in result.stdout
    accepted = int(re.search(r"accepted: (\d+)", result.stdout).group(1))  # type: ignore[union-attr]
    assert accepted > 0
    assert f"stored and readable: {accepted}" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
