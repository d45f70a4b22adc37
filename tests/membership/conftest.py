import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, insert, select

from membership.adapters import passwords
from membership.adapters.storage import PLUMBING
from membership.domain.directory import STARTING_EXPERTISE, ExpertiseArea
from membership.domain.model import Application, Member
from membership.domain.recruitment import STARTING_REGIONS, Region
from membership.entrypoints.web import create_app
from qplatform.config import Settings
from qplatform.password_links import password_link_secret
from tests.support.auth import STAFF

# Refusing bad input happens before the database is touched, so one backend is enough.
SQLITE_ONLY = pytest.mark.parametrize("database_backend", ["sqlite"])


def an_application(**changes: Any) -> dict[str, Any]:
    form = {
        "name": "Asha Patel",
        "email": "asha.patel@example.org",
        "organisation": "Lancashire Teaching Hospitals",
        "job_title": "Improvement Lead",
        "region": "north-west-coast",
        "consent_version": "2026-01",
        "statement": "Led a quality improvement programme on sepsis screening.",
    }
    return {**form, **changes}


def a_wave(*regions: str, starts_in: int = -1, lasts: int = 30, **changes: Any) -> dict[str, Any]:
    opens = datetime.now(UTC).date() + timedelta(days=starts_in)
    wave = {
        "name": "Spring recruitment",
        "partner": "Health Innovation North West Coast",
        "regions": list(regions or ("north-west-coast",)),
        "opens_on": opens.isoformat(),
        "closes_on": (opens + timedelta(days=lasts)).isoformat(),
        "target": 50,
    }
    return {**wave, **changes}


def counts(app: Flask) -> tuple[int, int, int]:
    """Count applications, members and staged events."""
    runtime = app.extensions["qplatform"]
    with runtime.engine.connect() as connection:

        def count(table: Any) -> int:
            return connection.execute(select(func.count()).select_from(table)).scalar_one()

        return (count(Application.__table__), count(Member.__table__), count(PLUMBING.outbox))


def outbox(app: Flask) -> list[tuple[str, str, str | None]]:
    """Return (type, topic, payload) of every staged event, oldest first."""
    runtime = app.extensions["qplatform"]
    with runtime.engine.connect() as connection:
        table = PLUMBING.outbox
        rows = connection.execute(
            select(table.c.event_type, table.c.topic, table.c.payload).order_by(table.c.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def staged(app: Flask, event_type: str) -> list[dict[str, Any]]:
    """Return the data of staged events of one type."""
    return [
        json.loads(payload or "{}")["data"]
        for kind, _, payload in outbox(app)
        if kind == event_type
    ]


def password_link(app: Flask) -> str:
    """Return the secret of the one staged set-password link, as notifications derives it."""
    [request] = staged(app, "password-setup-requested")
    key = app.config["QP_SETTINGS"].password_link_secret
    return password_link_secret(key, request["setup_id"])


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash passwords with Argon2id at its lowest cost, so account tests stay fast."""
    monkeypatch.setattr(
        passwords, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )


def restore_starting_lists(app: Flask) -> None:
    """Put back the regions and expertise the migration seeds, which emptying a database drops."""
    with app.extensions["qplatform"].engine.begin() as connection:
        if connection.execute(select(func.count()).select_from(Region)).scalar_one():
            return
        regions = [{"slug": s, "name": n, "active": True} for s, n in STARTING_REGIONS]
        connection.execute(insert(Region), regions)
        areas = [{"slug": s, "name": n, "bit": b} for b, (s, n) in enumerate(STARTING_EXPERTISE)]
        connection.execute(insert(ExpertiseArea), areas)


@pytest.fixture
def database_url(fresh_database: Callable[[str, str], str], database_backend: str) -> str:
    """Return an empty, migrated membership database on this test's backend."""
    return fresh_database("membership", database_backend)


@pytest.fixture
def app(database_url: str, settings_for: Callable[..., Settings]) -> Iterator[Flask]:
    url = database_url
    settings = settings_for("membership", database_url=url)
    app = create_app({"database_url": settings.database_url, "topic_prefix": settings.topic_prefix})
    restore_starting_lists(app)
    yield app
    app.extensions["qplatform"].close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a client of a membership recruiting in North West Coast and Scotland."""
    client = app.test_client()
    wave = client.post("/waves", json=a_wave("north-west-coast", "scotland"), headers=STAFF)
    assert wave.status_code == 201, wave.json
    return client
