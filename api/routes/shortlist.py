"""Recruiters: stored candidates ranked for a role (needs the recruiter key)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api import services
from api.deps import RecommenderDep, RecruiterDep, StoreDep
from api.errors import ERROR_RESPONSES, ErrorBody
from api.schemas import Shortlist

router = APIRouter(
    prefix="/roles", tags=["recruiters"], dependencies=[RecruiterDep], responses=ERROR_RESPONSES
)


@router.get(
    "/{role_id}/shortlist",
    response_model=Shortlist,
    summary="Stored candidates ranked for one role, as JSON or CSV",
    responses={
        200: {"content": {"text/csv": {}}, "description": "The shortlist (CSV when format=csv)"},
        401: {"model": ErrorBody, "description": "No X-API-Key sent"},
        403: {"model": ErrorBody, "description": "Wrong key, or recruiter access not configured"},
        404: {"model": ErrorBody, "description": "No such role"},
    },
)
def role_shortlist(
    role_id: str,
    recommender: RecommenderDep,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many candidates.")] = 20,
    min_score: Annotated[float, Query(ge=0, le=1, description="Leave out candidates scoring lower.")] = 0.0,
    meets_requirements: Annotated[
        bool, Query(description="Only candidates with no education, experience or seniority gap.")
    ] = False,
    format: Annotated[Literal["json", "csv"], Query(description="json (default) or csv")] = "json",
) -> Shortlist | Response:
    result = services.shortlist(store, recommender, role_id, limit, min_score, meets_requirements)
    if format == "csv":
        return Response(
            services.shortlist_csv(result),
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="shortlist-{result.role_id}.csv"',
                "Cache-Control": "no-store",
            },
        )
    return result
