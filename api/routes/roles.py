"""Role profiles: public, read-only."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import RecommenderDep
from api.errors import ERROR_RESPONSES, ErrorBody
from api.schemas import RoleSummary
from recommender.profiles import RoleProfile

router = APIRouter(prefix="/roles", tags=["roles"], responses=ERROR_RESPONSES)


@router.get("", response_model=list[RoleSummary], summary="Every role, lowest seniority first")
def list_roles(recommender: RecommenderDep) -> list[RoleSummary]:
    return [RoleSummary.of(role) for role in recommender.catalog]


@router.get(
    "/{role_id}",
    response_model=RoleProfile,
    summary="One role's full profile, by id, title or alias",
    responses={404: {"model": ErrorBody, "description": "No such role"}},
)
def get_role(role_id: str, recommender: RecommenderDep) -> RoleProfile:
    return recommender.catalog.get(role_id)
