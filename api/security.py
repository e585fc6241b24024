"""Secrets: candidate access tokens (stored only as SHA-256) and the recruiter key check."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# 32 random bytes: unguessable, and URL-safe so it fits an Authorization header as is.
_TOKEN_BYTES = 32


def new_access_token() -> str:
    """A fresh candidate token; shown to the candidate once, never stored in clear."""
    return secrets.token_urlsafe(_TOKEN_BYTES)


def hash_token(token: str) -> str:
    """SHA-256 hex digest: a high-entropy token needs no salt or slow hash."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    """Constant-time comparison of a presented token with the stored hash."""
    return hmac.compare_digest(hash_token(token), stored_hash)


def api_key_matches(presented: str, expected: str) -> bool:
    """Constant-time comparison of two API keys (as bytes, so any characters are safe)."""
    return hmac.compare_digest(presented.encode("utf-8"), expected.encode("utf-8"))
