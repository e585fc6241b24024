"""Stored candidates: create (JSON or upload), read and erase with the candidate's own token.

Access: ``Authorization: Bearer <token>`` (the token POST returned). Missing token
401; a token that is not this record's 403; unknown or erased id 404.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from api import services
from api.deps import OwnedCandidateDep, RecommenderDep, SettingsDep, StoreDep
from api.errors import ERROR_RESPONSES, ErrorBody
from api.schemas import MAX_TOP, CandidateCreated, CandidateRecord
from api.uploads import CANDIDATE_REQUEST_BODY, read_candidate_request

router = APIRouter(prefix="/candidates", tags=["candidates"], responses=ERROR_RESPONSES)

_ACCESS_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorBody, "description": "No access token sent"},
    403: {"model": ErrorBody, "description": "The token is not this record's"},
    404: {"model": ErrorBody, "description": "No such candidate (or it was erased)"},
}
# Answers that carry a token or a personal profile must not be kept by caches.
_NO_STORE = {"Cache-Control": "no-store"}


@router.post(
    "",
    status_code=201,
    response_model=CandidateCreated,
    summary="Store a candidate (JSON résumé text / self-assessment, or a PDF, DOCX or TXT upload)",
    openapi_extra=CANDIDATE_REQUEST_BODY,
    responses={
        400: {
            "model": ErrorBody,
            "description": "The multipart body cannot be parsed (or has too many parts)",
        },
        413: {"model": ErrorBody, "description": "The file or body is over the size limit"},
        415: {"model": ErrorBody, "description": "Not PDF, DOCX or text (judged by content)"},
    },
)
async def create_candidate(
    request: Request, response: Response, settings: SettingsDep, recommender: RecommenderDep, store: StoreDep
) -> CandidateCreated:
    payload = await read_candidate_request(request, settings.max_upload_bytes)
    candidate = await run_in_threadpool(payload.to_profile, settings.max_upload_bytes)
    created = await run_in_threadpool(services.register_candidate, store, recommender, candidate, payload.top)
    response.headers["Location"] = f"{request.url.path}/{created.id}"
    response.headers.update(_NO_STORE)
    return created


@router.get(
    "/{candidate_id}",
    response_model=CandidateRecord,
    summary="The stored profile and a fresh match report (needs the candidate's token)",
    responses=_ACCESS_ERRORS,
)
def read_candidate(
    row: OwnedCandidateDep,
    recommender: RecommenderDep,
    response: Response,
    top: Annotated[int | None, Query(ge=1, le=MAX_TOP)] = None,
) -> CandidateRecord:
    response.headers.update(_NO_STORE)
    return services.candidate_record(recommender, row, top)


@router.delete(
    "/{candidate_id}",
    status_code=204,
    summary="Erase the candidate: profile, sentences and embeddings (needs the candidate's token)",
    responses=_ACCESS_ERRORS,
)
def delete_candidate(row: OwnedCandidateDep, store: StoreDep, recommender: RecommenderDep) -> Response:
    store.delete(row.id)
    recommender.forget(row.id)  # derived features held for shortlists go too
    return Response(status_code=204)
