"""Each service's in-process app on a fresh SQLite database, no broker: the outbox holds events."""

import importlib
from collections.abc import Callable, Iterator

import pytest
from flask import Flask

from qplatform.config import Settings

SERVICES = ("membership", "events", "matching", "notifications", "collaboration")


@pytest.fixture
def service_app(
    fresh_database: Callable[[str, str], str], settings_for: Callable[..., Settings]
) -> Iterator[Callable[[str], Flask]]:
    """Return a function building one service's app on its own fresh SQLite database."""
    apps: list[Flask] = []

    def make(service: str) -> Flask:
        settings = settings_for(service, database_url=fresh_database(service, "sqlite"))
        web = importlib.import_module(f"{service}.entrypoints.web")
        app: Flask = web.create_app(
            {"database_url": settings.database_url, "topic_prefix": settings.topic_prefix}
        )
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions["qplatform"].close()
