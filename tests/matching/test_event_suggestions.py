"""Members see upcoming events on their topics, nearby or online, kept from the events stream."""

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from matching.domain.model import Participant
from matching.service_layer.handlers import EVENT_HANDLERS, forget_event, keep_event
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import Envelope
from qplatform.messaging.handlers import Handler, ReceivedEvent
from tests.matching.member_events import member_joined
from tests.support.auth import bearer

UoW = Callable[[], UnitOfWork]
SOON = datetime.now(UTC) + timedelta(days=7)


def _event(**changes: Any) -> dict[str, Any]:
    return {
        "event_id": str(uuid.uuid4()),
        "title": "Sepsis huddles that work",
        "kind": "webinar",
        "region": None,
        "starts_at": SOON,
        "topics": ["sepsis"],
        **changes,
    }


def _deliver(uow: UoW, handler: Handler, event_type: str, data: dict[str, Any]) -> None:
    envelope = Envelope.new(
        type=event_type,
        version=1,
        source="events",
        subject=data["event_id"],
        correlation_id="test",
        data=data,
    )
    with uow() as unit:
        handler(unit, ReceivedEvent(envelope, data))
        unit.commit()


@pytest.fixture
def member(handle: Callable[[Envelope], None], uow: UoW) -> str:
    """Return a member in Wales interested in sepsis."""
    event = member_joined(region="wales")
    handle(event)
    with uow() as unit:
        unit.session.get_one(Participant, event.subject).interests = ["sepsis"]
        unit.commit()
    return event.subject


def _suggested(client: FlaskClient, member: str) -> list[dict[str, Any]]:
    response = client.get(f"/suggestions/{member}/events", headers=bearer(member))
    assert response.status_code == 200
    found: list[dict[str, Any]] = json.loads(response.data)
    return found


def test_event_announcements_are_handled() -> None:
    assert EVENT_HANDLERS[("event-created", 1)] is keep_event
    assert EVENT_HANDLERS[("event-published", 1)] is keep_event
    assert EVENT_HANDLERS[("event-cancelled", 1)] is forget_event


def test_upcoming_events_on_a_members_topics_nearby_or_online_are_suggested_soonest_first(
    client: FlaskClient, uow: UoW, member: str
) -> None:
    online = _event(starts_at=SOON + timedelta(days=1))
    nearby = _event(region="wales", title="Sepsis walk-round")
    for data in (
        online,
        nearby,
        _event(region="scotland"),
        _event(topics=["finance"]),
        _event(starts_at=datetime.now(UTC) - timedelta(days=1)),
        _event(status="pending"),
    ):
        _deliver(uow, keep_event, "event-created", data)

    found = _suggested(client, member)

    assert [e["event_id"] for e in found] == [nearby["event_id"], online["event_id"]]
    assert [e["reason"] for e in found] == [
        "About sepsis; in your region.",
        "About sepsis; online.",
    ]


def test_a_cancelled_event_is_no_longer_suggested(
    client: FlaskClient, uow: UoW, member: str
) -> None:
    data = _event()
    _deliver(uow, keep_event, "event-published", data | {"published_at": SOON})

    _deliver(uow, forget_event, "event-cancelled", {"event_id": data["event_id"]})

    assert _suggested(client, member) == []
