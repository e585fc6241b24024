"""Shared fixtures: a fast recommender on a fake encoder, and one on the real model.

Most tests use :class:`~recommender.encoder.HashingEncoder` (deterministic, no model);
tests marked ``real_model`` load the packaged all-MiniLM-L6-v2 once per session.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from recommender.config import ScoringParams
from recommender.encoder import HashingEncoder
from recommender.matcher import Recommender
from recommender.profiles import RoleCatalog, load_catalog

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def catalog() -> RoleCatalog:
    return load_catalog()


@pytest.fixture(scope="session")
def fake_recommender(catalog: RoleCatalog) -> Recommender:
    """Recommender on the hashing encoder with the default (unfitted) parameters."""
    return Recommender(catalog, HashingEncoder(), params=ScoringParams(), cache_dir=None)


@pytest.fixture(scope="session")
def real_recommender(catalog: RoleCatalog, tmp_path_factory: pytest.TempPathFactory) -> Recommender:
    """Recommender on the packaged model and the fitted parameters, as users get it."""
    from recommender.encoder import SentenceTransformerEncoder

    return Recommender(catalog, SentenceTransformerEncoder(), cache_dir=tmp_path_factory.mktemp("cache"))


POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")


@pytest.fixture(scope="session")
def postgres_url():  # type: ignore[no-untyped-def]
    """A throw-away PostgreSQL 15 cluster for the session, reachable only by its Unix socket.

    Yields a ``postgresql+psycopg://`` URL of its ``postgres`` database; the cluster is
    stopped and its folder removed at the end. Skipped only where PostgreSQL 15 is not
    installed. As root, initdb and pg_ctl run as the ``postgres`` user (initdb refuses root).
    """
    import os
    import shutil
    import subprocess
    import tempfile

    initdb, pg_ctl = POSTGRES_BIN / "initdb", POSTGRES_BIN / "pg_ctl"
    if not initdb.exists():
        pytest.skip(f"PostgreSQL 15 is not installed here ({initdb} does not exist)")
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    datadir = Path(tempfile.mkdtemp(prefix="pgtest-"))
    if as_postgres:
        shutil.chown(datadir, "postgres", "postgres")
    # listen_addresses='' : no TCP at all; the port only names the socket file in datadir,
    # so parallel sessions (xdist workers) cannot collide.
    port = 5432
    started = False
    try:
        subprocess.run(
            [*as_postgres, str(initdb), "-D", str(datadir), "-A", "trust", "-U", "postgres"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                *as_postgres,
                str(pg_ctl),
                "-D",
                str(datadir),
                "-l",
                str(datadir / "server.log"),
                "-o",
                f"-k {datadir} -p {port} -c listen_addresses='' -c fsync=off",
                "-w",
                "start",
            ],
            check=True,
            capture_output=True,
        )
        started = True
        yield f"postgresql+psycopg://postgres@/postgres?host={datadir}&port={port}"
    finally:
        if started:
            subprocess.run(
                [*as_postgres, str(pg_ctl), "-D", str(datadir), "stop", "-m", "fast"],
                check=False,
                capture_output=True,
            )
        shutil.rmtree(datadir, ignore_errors=True)
