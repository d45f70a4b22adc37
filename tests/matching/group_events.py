"""Build membership's group events as matching receives them."""

import uuid
from datetime import UTC, datetime
from typing import Any

from qplatform.events import CATALOG, Envelope

AT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def group_created(name: str, topics: list[str], founder: str) -> Envelope:
    """Return a group-created v1 envelope for a new group."""
    group_id = str(uuid.uuid4())
    data = {
        "group_id": group_id,
        "name": name,
        "purpose": f"Share what works in {topics[0]}.",
        "topics": topics,
        "created_by": founder,
        "created_at": AT,
    }
    return _envelope("group-created", group_id, data)


def group_member(event_type: str, group_id: str, member_id: str) -> Envelope:
    """Return a group-member-joined or group-member-left v1 envelope."""
    data = {"group_id": group_id, "member_id": member_id, "at": AT}
    return _envelope(event_type, group_id, data)


def _envelope(event_type: str, group_id: str, data: dict[str, Any]) -> Envelope:
    return Envelope.new(
        type=event_type,
        version=1,
        source="membership",
        subject=group_id,
        correlation_id=uuid.uuid4().hex,
        data=CATALOG.spec(event_type, 1).serialise(data),
    )
