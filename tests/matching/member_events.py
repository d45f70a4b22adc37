"""Build membership's member events as matching receives them."""

import uuid
from datetime import UTC, datetime
from typing import Any

from qplatform.events import CATALOG, Envelope
from qplatform.messaging.handlers import ReceivedEvent
from qplatform.messaging.producer import Record

JOINED_AT = datetime(2026, 11, 3, 14, 0, tzinfo=UTC)


def member_joined(member_id: str | None = None, **changes: Any) -> Envelope:
    """Return the profile a member joins with, as membership records it on the restricted topic.

    Matching keeps its participants from member-profile-recorded alone.
    """
    member_id = member_id or str(uuid.uuid4())
    data = {
        "member_id": member_id,
        "display_name": "Asha Patel",
        "organisation": "Lancashire NHS Trust",
        "job_title": "Improvement Lead",
        "region": "north-west-coast",
        "joined_at": JOINED_AT,
        "coffee_trials": True,
        "bio": None,
        "expertise": [],
        "tags": [],
        "interests": [],
        "links": None,
        **changes,
    }
    return Envelope.new(
        type="member-profile-recorded",
        version=1,
        source="membership",
        subject=member_id,
        correlation_id=uuid.uuid4().hex,
        data=CATALOG.spec("member-profile-recorded", 1).serialise(data),
    )


def received(envelope: Envelope) -> ReceivedEvent:
    """Return `envelope` as the consumer hands it to a handler, off the wire."""
    wired = Envelope.from_json(envelope.to_json())
    data = CATALOG.spec(wired.type, wired.version).deserialise(wired.data)
    return ReceivedEvent(wired, data)


def record_of(envelope: Envelope, topic: str) -> Record:
    """Return the Kafka record membership's relay would send for `envelope`."""
    return Record(
        topic=topic,
        key=envelope.subject,
        value=envelope.to_json().encode(),
        headers=envelope.headers(),
    )


def member_left(member_id: str) -> Envelope:
    """Return a member-left v1 envelope as membership would publish it."""
    data = {"member_id": member_id, "left_at": datetime.now(UTC)}
    return Envelope.new(
        type="member-left",
        version=1,
        source="membership",
        subject=member_id,
        correlation_id=uuid.uuid4().hex,
        data=CATALOG.spec("member-left", 1).serialise(data),
    )
