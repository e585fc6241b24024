"""The FastAPI app factory.

:func:`create_app` builds the app without loading anything; its lifespan connects the
database (creating the schema) and loads the role profiles and the model once, unless
a ready :class:`~recommender.matcher.Recommender` was passed in (tests pass one on the
fast hashing encoder). Building the app at import time would load the model on import,
so there is no module-level ``app``: ``api.main:app`` is a factory for uvicorn.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.concurrency import run_in_threadpool

from api.errors import install_error_handlers
from api.middleware import BodySizeLimitMiddleware, RequestContextMiddleware, StartupFailureMiddleware
from api.routes import candidates, health, match, roles, shortlist
from api.storage import Database
from recommender.config import Settings
from recommender.matcher import Recommender

logger = logging.getLogger("recommender.api")

API_VERSION = "v1"
# JSON escaping can double a résumé's size (newlines, quotes, non-ASCII as \uXXXX) and a
# multipart envelope adds a little: the raw body may be this much over the file limit.
# The file or text itself is held to ``max_upload_bytes`` exactly.
_BODY_ALLOWANCE_FACTOR = 2
_BODY_ENVELOPE_BYTES = 64 * 1024


def create_app(settings: Settings | None = None, recommender: Recommender | None = None) -> FastAPI:
    """Build the service. Nothing is loaded until the app starts (its lifespan)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        database = Database.connect(settings.database_url)
        try:
            await run_in_threadpool(database.create_schema)
            app.state.database = database
            if app.state.recommender is None:
                logger.info("loading role profiles and the embedding model")
                app.state.recommender = await run_in_threadpool(Recommender.from_settings, settings)
            loaded: Recommender = app.state.recommender
            logger.info(
                "ready: %d roles, encoder %s, database %s",
                len(loaded.catalog),
                loaded.encoder.name,
                database.engine.url.get_backend_name(),
            )
            app.state.started = True
            yield
        finally:
            app.state.started = False
            app.state.database = None
            database.dispose()

    app = FastAPI(
        title="Skills-gap recommender",
        summary="Ranks customer-care roles for a candidate, explains each score, lists the gaps.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.recommender = recommender
    app.state.database = None
    app.state.started = False
    logging.getLogger("recommender.api").setLevel(settings.log_level.upper())

    install_error_handlers(app)
    # Starlette runs the last-added middleware first: the request id wraps everything.
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_upload_bytes * _BODY_ALLOWANCE_FACTOR + _BODY_ENVELOPE_BYTES,
    )
    app.add_middleware(RequestContextMiddleware)
    app.add_middleware(StartupFailureMiddleware)

    app.include_router(health.router)
    v1 = APIRouter(prefix=f"/{API_VERSION}")
    v1.include_router(match.router)
    v1.include_router(candidates.router)
    v1.include_router(roles.router)
    v1.include_router(shortlist.router)
    app.include_router(v1)
    return app
