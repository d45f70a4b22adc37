"""Build the other services' events as collaboration receives them."""

import uuid
from datetime import UTC, datetime
from typing import Any

from qplatform.events import CATALOG, Envelope
from qplatform.messaging.handlers import ReceivedEvent

AT = datetime(2026, 11, 3, 14, 0, tzinfo=UTC)


def event(event_type: str, data: dict[str, Any], version: int = 1) -> ReceivedEvent:
    """Return an event of `event_type` as it comes off the wire."""
    spec = CATALOG.spec(event_type, version)
    envelope = Envelope.new(
        type=event_type,
        version=version,
        source=spec.producer,
        subject=str(next(iter(data.values()))),
        correlation_id=uuid.uuid4().hex,
        data=spec.serialise(data),
    )
    wired = Envelope.from_json(envelope.to_json())
    return ReceivedEvent(wired, spec.deserialise(wired.data))


def profile(member_id: str, region: str = "scotland", **changes: Any) -> ReceivedEvent:
    """Return the profile a member joins with, on the restricted profile topic."""
    data = {
        "member_id": member_id,
        "display_name": f"Member {member_id}",
        "organisation": "NHS Lothian",
        "job_title": "Improvement Lead",
        "region": region,
        "joined_at": AT,
        "coffee_trials": False,
        "bio": None,
        "expertise": [],
        "tags": [],
        "interests": [],
        "links": None,
        **changes,
    }
    return event("member-profile-recorded", data)


def applied_in_wave(application_id: str, wave_id: str) -> ReceivedEvent:
    data = {
        "application_id": application_id,
        "region": "scotland",
        "submitted_at": AT,
        "wave_id": wave_id,
    }
    return event("application-submitted", data, version=2)


def approved(application_id: str, member_id: str) -> ReceivedEvent:
    data = {"application_id": application_id, "member_id": member_id, "decided_at": AT}
    return event("application-approved", data)


def registered(event_id: str, member_id: str) -> ReceivedEvent:
    data = {"registration_id": str(uuid.uuid4()), "event_id": event_id, "member_id": member_id}
    return event("registration-confirmed", {**data, "at": AT})


def matched(*member_ids: str) -> ReceivedEvent:
    data = {
        "round_id": str(uuid.uuid4()),
        "match_id": str(uuid.uuid4()),
        "member_ids": list(member_ids),
        "meeting_format": "virtual",
        "matched_at": AT,
    }
    return event("match-made", data)


def left(member_id: str) -> ReceivedEvent:
    return event("member-left", {"member_id": member_id, "left_at": AT})
