"""Stateless matching: the candidate is parsed, scored and forgotten."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import RecommenderDep, SettingsDep
from api.errors import ERROR_RESPONSES
from api.schemas import CandidateInput
from recommender.results import MatchReport

router = APIRouter(tags=["candidates"], responses=ERROR_RESPONSES)


@router.post(
    "/match",
    response_model=MatchReport,
    summary="Rank the roles for a résumé or self-assessment; nothing is stored",
)
def match(body: CandidateInput, recommender: RecommenderDep, settings: SettingsDep) -> MatchReport:
    candidate = body.to_profile(settings.max_upload_bytes)
    return recommender.match(candidate, top=body.top)
