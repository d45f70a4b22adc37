"""Fixtures of matching's tests: a migrated database, the runtime around it, the web app."""

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from matching.bootstrap import bootstrap
from matching.entrypoints.web import create_app
from matching.service_layer.handlers import add_participant
from qplatform.config import Settings
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import Envelope
from qplatform.runtime import Runtime
from tests.matching.member_events import received
from tests.matching.rounds_support import join_members, run_waiting_rounds


@pytest.fixture
def settings(
    fresh_database: Callable[[str, str], str], settings_for: Callable[..., Settings]
) -> Settings:
    """Return matching's settings on a fresh, migrated SQLite database."""
    return settings_for("matching", database_url=fresh_database("matching", "sqlite"))


@pytest.fixture
def runtime(settings: Settings) -> Iterator[Runtime]:
    """Connect matching to its test database."""
    runtime = bootstrap(settings)
    yield runtime
    runtime.close()


@pytest.fixture
def uow(runtime: Runtime) -> Callable[[], UnitOfWork]:
    """Return a function starting a unit of work on matching's test database."""
    return runtime.unit_of_work


@pytest.fixture
def handle(uow: Callable[[], UnitOfWork]) -> Callable[[Envelope], None]:
    """Return a function handling one member-joined event and committing, as the consumer does."""

    def run(envelope: Envelope) -> None:
        with uow() as unit:
            add_participant(unit, received(envelope))
            unit.commit()

    return run


@pytest.fixture
def client(settings: Settings) -> Iterator[FlaskClient]:
    """Return a test client of matching's web app on the test database."""
    app = create_app(
        {
            "database_url": settings.database_url,
            "kafka_bootstrap": settings.kafka_bootstrap,
            "topic_prefix": settings.topic_prefix,
        }
    )
    yield app.test_client()
    app.extensions["qplatform"].close()


@pytest.fixture
def staff(settings: Settings) -> dict[str, str]:
    """Return the headers of a staff request."""
    return {"Authorization": f"Bearer {settings.staff_token}"}


@pytest.fixture
def coffee_round(
    client: FlaskClient,
    staff: dict[str, str],
    handle: Callable[[Envelope], None],
    uow: Callable[[], UnitOfWork],
) -> dict[str, Any]:
    """Return a round of six members, requested by staff over HTTP and run by the worker."""
    join_members(handle, 6)
    response = client.post("/rounds", json={"held_on": "2027-01-01", "seed": 42}, headers=staff)
    assert response.status_code == 202
    run_waiting_rounds(uow)
    body: dict[str, Any] = json.loads(client.get(response.headers["Location"], headers=staff).data)
    return body
