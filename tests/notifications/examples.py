"""Events as notifications receives them, built through the platform's own contracts."""

import uuid
from datetime import UTC, datetime
from typing import Any

from qplatform.events import CATALOG, Envelope
from qplatform.messaging.consumer import ReceivedEvent


def new_member_id() -> str:
    return str(uuid.uuid4())


def envelope(
    type: str, *, subject: str, data: dict[str, Any], source: str = "membership"
) -> Envelope:
    """Stamp `data` into a new envelope, as the producing service would."""
    spec = CATALOG.spec(type, 1)
    return Envelope.new(
        type=type,
        version=1,
        source=source,
        subject=subject,
        correlation_id=uuid.uuid4().hex,
        data=spec.serialise(data),
    )


def received(event: Envelope) -> ReceivedEvent:
    """Return `event` as the consumer hands it to a handler."""
    return ReceivedEvent(event, CATALOG.spec(event.type, event.version).deserialise(event.data))


def member_joined(member_id: str, display_name: str = "Asha Patel") -> Envelope:
    return envelope(
        "member-joined",
        subject=member_id,
        data={
            "member_id": member_id,
            "display_name": display_name,
            "organisation": "Lancashire NHS Trust",
            "job_title": "Improvement Lead",
            "region": "north-west-coast",
            "joined_at": datetime.now(UTC),
        },
    )


def contact_recorded(
    member_id: str, email: str, display_name: str = "Asha Patel", consents: list[str] | None = None
) -> Envelope:
    return envelope(
        "member-contact-recorded",
        subject=member_id,
        data={
            "member_id": member_id,
            "email": email,
            "display_name": display_name,
            "consents": ["digest"] if consents is None else consents,
        },
    )


def event_created(event_id: str, **changes: Any) -> Envelope:
    data = {
        "event_id": event_id,
        "title": "Improvement in mental health services",
        "kind": "webinar",
        "pillar": "learn",
        "region": None,
        "starts_at": datetime(2026, 12, 10, 13, tzinfo=UTC),
        "ends_at": datetime(2026, 12, 10, 14, tzinfo=UTC),
        "timezone": "Europe/London",
        "capacity": 100,
        **changes,
    }
    return envelope("event-created", subject=event_id, data=data, source="events")
