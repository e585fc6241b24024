"""Entry points: ``uvicorn api.main:app --factory`` and :func:`run_server` (``recommender serve``).

``app`` is a factory, not an app, so importing this module loads nothing.
"""

from __future__ import annotations

import logging

import uvicorn
from fastapi import FastAPI

from api.app import create_app
from recommender.config import Settings

_LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def configure_logging(level: str) -> None:
    """Send the API's log lines to stderr unless the host already configured logging."""
    api_logger = logging.getLogger("recommender")
    api_logger.setLevel(level.upper())
    if not api_logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(_LOG_FORMAT))
        api_logger.addHandler(handler)
    # Our middleware logs every request without its query string; uvicorn's access
    # line would repeat each request with it.
    logging.getLogger("uvicorn.access").disabled = True


def app() -> FastAPI:
    """The app with settings from the environment (``RECOMMENDER_*``, ``DATABASE_URL``)."""
    settings = Settings()
    configure_logging(settings.log_level)
    return create_app(settings)


def run_server(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the API with uvicorn (one worker: the model is loaded once per process)."""
    uvicorn.run(
        "api.main:app",
        factory=True,
        host=host,
        port=port,
        access_log=False,
        log_level=Settings().log_level.lower(),
    )
