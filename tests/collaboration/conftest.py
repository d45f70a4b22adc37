"""Fixtures of collaboration's tests: a migrated database, the web app, members it knows."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from collaboration.bootstrap import bootstrap
from collaboration.entrypoints.web import create_app
from collaboration.service_layer.handlers import EVENT_HANDLERS
from collaboration.service_layer.unit_of_work import CollaborationUnitOfWork
from qplatform.config import Settings
from qplatform.messaging.handlers import ReceivedEvent
from qplatform.runtime import Runtime
from tests.collaboration.their_events import profile
from tests.support.auth import bearer


@pytest.fixture
def database_backend() -> str:
    """Run on SQLite unless a test asks for PostgreSQL: the rules do not depend on it."""
    return "sqlite"


@pytest.fixture
def settings(
    fresh_database: Callable[[str, str], str],
    settings_for: Callable[..., Settings],
    database_backend: str,
) -> Settings:
    """Return collaboration's settings on a fresh, migrated database."""
    database_url = fresh_database("collaboration", database_backend)
    return settings_for("collaboration", database_url=database_url)


@pytest.fixture
def runtime(settings: Settings) -> Iterator[Runtime[CollaborationUnitOfWork]]:
    """Connect collaboration to its test database."""
    runtime = bootstrap(settings)
    yield runtime
    runtime.close()


@pytest.fixture
def handle(runtime: Runtime) -> Callable[[ReceivedEvent], None]:
    """Return a function handling one incoming event and committing, as the consumer does."""

    def run(event: ReceivedEvent) -> None:
        with runtime.unit_of_work() as uow:
            EVENT_HANDLERS[(event.envelope.type, event.envelope.version)](uow, event)
            uow.commit()

    return run


@pytest.fixture
def client(settings: Settings) -> Iterator[FlaskClient]:
    """Return a test client of collaboration's web app on the test database."""
    app = create_app({"database_url": settings.database_url, "topic_prefix": settings.topic_prefix})
    yield app.test_client()
    app.extensions["qplatform"].close()


@pytest.fixture
def join(handle: Callable[[ReceivedEvent], None]) -> Callable[..., dict[str, str]]:
    """Return a function making members known, giving each one's bearer headers."""

    def make(member_id: str, region: str = "scotland", **changes: Any) -> dict[str, str]:
        handle(profile(member_id, region, **changes))
        return bearer(member_id)

    return make
