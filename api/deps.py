"""Shared route dependencies: settings, the recommender, a database session, and access control.

Access control, in one place:

* **Candidates** prove ownership of a stored record with the access token they got when
  they created it: ``Authorization: Bearer <token>``. No token -> 401. A token that is
  not this record's (another candidate's, or garbage) -> 403. An id that does not
  exist (or was erased) -> 404, whatever the token; ids are random 128-bit values, so
  telling "missing" from "not yours" reveals nothing a client could not already know.
* **Recruiters** send the service's key in ``X-API-Key``. Service without a key
  configured -> 403 on every recruiter route; no key sent -> 401; wrong key -> 403.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from api.security import api_key_matches, token_matches
from api.storage import CandidateRow, CandidateStore, Database
from recommender.config import Settings
from recommender.errors import ModelUnavailableError
from recommender.matcher import Recommender

RECRUITER_KEY_HEADER = "X-API-Key"
RECRUITER_KEY_NOT_CONFIGURED = "recruiter access is not configured: set RECOMMENDER_RECRUITER_API_KEY"


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_recommender(request: Request) -> Recommender:
    recommender: Recommender | None = request.app.state.recommender
    if recommender is None:
        raise ModelUnavailableError("the model and role profiles are still loading; try again shortly")
    return recommender


RecommenderDep = Annotated[Recommender, Depends(get_recommender)]


def get_database(request: Request) -> Database:
    database: Database | None = getattr(request.app.state, "database", None)
    if database is None:
        raise HTTPException(503, "the database is not connected yet; try again shortly")
    return database


def get_session(database: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    """One session per request, closed (and rolled back if uncommitted) afterwards."""
    with database.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def get_store(session: SessionDep) -> CandidateStore:
    return CandidateStore(session)


StoreDep = Annotated[CandidateStore, Depends(get_store)]


# ----------------------------------------------------------------------------- candidates

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="CandidateToken",
    description="The access token returned once by POST /v1/candidates.",
)


def get_candidate_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    if credentials is None or not credentials.credentials:
        raise HTTPException(
            401,
            "send the access token you got when creating this record as 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return credentials.credentials


CandidateTokenDep = Annotated[str, Depends(get_candidate_token)]


def get_owned_candidate(
    candidate_id: Annotated[str, Path(description="The id returned by POST /v1/candidates.", max_length=64)],
    token: CandidateTokenDep,
    store: StoreDep,
) -> CandidateRow:
    """The stored candidate, if the bearer token is this record's (401/403/404 otherwise)."""
    row = store.get(candidate_id)
    if not token_matches(token, row.token_hash):
        raise HTTPException(403, "this access token does not grant access to this candidate record")
    return row


OwnedCandidateDep = Annotated[CandidateRow, Depends(get_owned_candidate)]


# ----------------------------------------------------------------------------- recruiters

_api_key = APIKeyHeader(
    name=RECRUITER_KEY_HEADER,
    auto_error=False,
    scheme_name="RecruiterKey",
    description="The recruiter key set in RECOMMENDER_RECRUITER_API_KEY.",
)


def require_recruiter(settings: SettingsDep, key: Annotated[str | None, Depends(_api_key)]) -> None:
    expected = settings.recruiter_api_key
    if not expected:
        raise HTTPException(403, RECRUITER_KEY_NOT_CONFIGURED)
    if not key:
        raise HTTPException(
            401,
            f"send the recruiter API key in the '{RECRUITER_KEY_HEADER}' header",
            headers={"WWW-Authenticate": f'ApiKey header="{RECRUITER_KEY_HEADER}"'},
        )
    if not api_key_matches(key, expected):
        raise HTTPException(403, "the recruiter API key is not valid")


RecruiterDep = Depends(require_recruiter)
