"""Membership's member events as the events service receives them."""

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from qplatform.events import CATALOG, Envelope
from qplatform.messaging.handlers import ReceivedEvent
from qplatform.messaging.producer import Record

AT = datetime(2026, 11, 3, 14, 0, tzinfo=UTC)


def member_event(type: str, member_id: str, at: datetime = AT, **data: Any) -> Envelope:
    """Return a membership envelope of `type` about `member_id` carrying `data`."""
    data = CATALOG.spec(type, 1).serialise({"member_id": member_id, **data})
    envelope = Envelope.new(
        type=type,
        version=1,
        source="membership",
        subject=member_id,
        correlation_id=uuid.uuid4().hex,
        data=data,
    )
    return replace(envelope, time=at)


def profile(member_id: str, name: str | None, at: datetime = AT) -> Envelope:
    """Return member-profile-recorded: what `member_id` shows, on the restricted topic."""
    return member_event(
        "member-profile-recorded",
        member_id,
        at=at,
        display_name=name,
        organisation="Lancashire NHS Trust",
        job_title="Improvement Lead",
        region="north-west-coast",
        joined_at=AT,
        bio=None,
        expertise=[],
        tags=[],
        interests=[],
        links=None,
    )


def joined(member_id: str, name: str = "Asha Patel") -> Envelope:
    """Return the profile a member joins with."""
    return profile(member_id, name)


def left(member_id: str) -> Envelope:
    """Return member-left for `member_id`."""
    return member_event("member-left", member_id, at=AT + timedelta(days=1), left_at=AT)


def renamed(member_id: str, name: str | None, later: int = 1) -> Envelope:
    """Return the profile giving `member_id` a new display name (None: hidden)."""
    return profile(member_id, name, at=AT + timedelta(hours=later))


def received(envelope: Envelope) -> ReceivedEvent:
    """Return `envelope` as the consumer hands it to a handler, off the wire."""
    wired = Envelope.from_json(envelope.to_json())
    return ReceivedEvent(wired, CATALOG.spec(wired.type, wired.version).deserialise(wired.data))


def record_of(envelope: Envelope, topic: str) -> Record:
    """Return the Kafka record membership's relay would send for `envelope`."""
    return Record(
        topic=topic,
        key=envelope.subject,
        value=envelope.to_json().encode(),
        headers=envelope.headers(),
    )
