"""Liveness and readiness, outside the versioned API (for load balancers and orchestrators)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from api.schemas import Health, ReadyStatus

router = APIRouter(tags=["operations"])


@router.get("/health", response_model=Health, summary="The process is alive (always 200)")
def health() -> Health:
    return Health()


@router.get(
    "/ready",
    response_model=ReadyStatus,
    summary="200 once the model, role profiles and database are ready; 503 otherwise",
    responses={503: {"model": ReadyStatus, "description": "Not ready: see 'checks'"}},
)
async def ready(request: Request) -> JSONResponse:
    state = request.app.state
    recommender = getattr(state, "recommender", None)
    database = getattr(state, "database", None)
    database_ok = database is not None and await run_in_threadpool(database.is_reachable)
    checks = {
        "model": recommender.encoder.name if recommender is not None else None,
        "roles": len(recommender.catalog) if recommender is not None else 0,
        "database": "ok" if database_ok else "unavailable",
    }
    is_ready = recommender is not None and database_ok and getattr(state, "started", False)
    body = ReadyStatus(status="ready" if is_ready else "not ready", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if is_ready else 503)
