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
