"""Example events for the events service's tests, each changed only where a test says."""

import json
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, select

from events.adapters.storage import PLUMBING
from events.domain.model import Event, EventDetails
from qplatform.web.auth import MEMBER, STAFF, Caller

SOON = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
STAFF_CALLER = Caller(roles=frozenset({STAFF}))


def member(member_id: str = "member-1") -> Caller:
    """Return a member calling with their own token."""
    return Caller(member_id=member_id, roles=frozenset({MEMBER}))


def details(**changes: Any) -> EventDetails:
    """Return the details of a webinar a month from now, with `changes` applied."""
    values: dict[str, Any] = {
        "title": "Improvement in mental health services",
        "kind": "webinar",
        "pillar": "learn",
        "starts_at": SOON,
        "ends_at": SOON + timedelta(hours=1),
        "timezone": "Europe/London",
        "capacity": 100,
        "description": "An hour with members who redesigned crisis care.",
        "region": None,
    }
    return EventDetails(**{**values, **changes})


def form(**changes: Any) -> dict[str, Any]:
    """Return the JSON body that creates the example webinar, with `changes` applied."""
    body = asdict(details())
    body["starts_at"] = body["starts_at"].isoformat()
    body["ends_at"] = body["ends_at"].isoformat()
    return {**body, **changes}


def rows(engine: Engine) -> tuple[int, int]:
    """Count the events and the outbox rows in the service's database."""
    with engine.connect() as connection:
        events = connection.scalar(select(func.count()).select_from(Event)) or 0
        outbox = connection.scalar(select(func.count()).select_from(PLUMBING.outbox)) or 0
    return events, outbox


def staged(engine: Engine) -> list[tuple[str, str, dict[str, Any]]]:
    """Return the type, key and data of every event staged in the outbox, in order."""
    with engine.connect() as connection:
        found = connection.execute(select(PLUMBING.outbox).order_by(PLUMBING.outbox.c.id))
        return [(row.event_type, row.key, json.loads(row.payload)["data"]) for row in found]


def staged_types(engine: Engine) -> list[str]:
    """Return the type of every event staged in the outbox, in order."""
    return [event_type for event_type, _, _ in staged(engine)]
