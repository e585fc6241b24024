"""Encoders: the on-disk cache re-encodes only what changed; the packaged model loads offline."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from recommender.encoder import CachedEncoder, HashingEncoder, SentenceTransformerEncoder
from recommender.errors import ModelUnavailableError


class CountingEncoder(HashingEncoder):
    """The hashing encoder, counting every text it is really asked to encode."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        return super().encode(texts)


def test_rows_are_unit_length() -> None:
    vectors = HashingEncoder().encode(["handled complaints", "coached a team of nine agents"])
    assert vectors.shape == (2, 256)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)


def test_restart_reencodes_nothing_and_an_edit_only_the_edited_text(tmp_path: Path) -> None:
    texts = ["Coaching and feedback", "Service level management", "Budgets and cost control"]
    first = CachedEncoder(CountingEncoder(), tmp_path)
    before = first.encode(texts)
    first.save()

    inner = CountingEncoder()
    restarted = CachedEncoder(inner, tmp_path)
    assert np.array_equal(restarted.encode(texts), before)
    assert inner.seen == []

    edited = [*texts[:2], "Budgets, forecasts and cost control"]
    restarted.encode(edited)
    assert inner.seen == ["Budgets, forecasts and cost control"]


def test_cache_is_keyed_by_model_name(tmp_path: Path) -> None:
    CachedEncoder(HashingEncoder(dimension=64), tmp_path).encode(["a text"])
    small = CachedEncoder(HashingEncoder(dimension=64), tmp_path)
    small.save()
    other = CachedEncoder(HashingEncoder(dimension=128), tmp_path)
    assert other.encode(["a text"]).shape == (1, 128)


def test_a_damaged_cache_file_is_ignored_not_fatal(tmp_path: Path) -> None:
    encoder = CachedEncoder(HashingEncoder(), tmp_path)
    encoder.encode(["x y z"])
    encoder.save()
    for path in tmp_path.glob("*.npz"):
        path.write_bytes(b"not a numpy archive")
    assert CachedEncoder(HashingEncoder(), tmp_path).encode(["x y z"]).shape == (1, 256)


def test_missing_model_package_says_how_to_install_it() -> None:
    with pytest.raises(ModelUnavailableError, match="pip install"):
        SentenceTransformerEncoder(package="no_such_model_package")


@pytest.mark.real_model
def test_packaged_model_loads_offline_and_knows_paraphrases(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    encoder = SentenceTransformerEncoder()
    vectors = encoder.encode(
        ["de-escalated irate callers", "calmed angry customers", "baked sourdough bread"]
    )
    assert vectors.shape == (3, encoder.dimension)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
