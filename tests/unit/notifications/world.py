"""Members, events and clocks the unit tests of notifications start from."""

from datetime import UTC, datetime
from typing import Any

from notifications.domain.copies import KnownMember
from notifications.domain.preferences import Preference
from qplatform.clock import FixedClock
from qplatform.events import Envelope
from qplatform.messaging.handlers import ReceivedEvent
from tests.unit.notifications.fakes import FakeNotificationsUnitOfWork

LAST_JOINED = datetime(2026, 11, 10, 12, tzinfo=UTC)


def a_unit_of_work(
    at: datetime = datetime(2026, 12, 1, 12, tzinfo=UTC),
) -> FakeNotificationsUnitOfWork:
    """Return an in-memory unit of work on a clock standing at `at`."""
    return FakeNotificationsUnitOfWork(clock=FixedClock(at))


def a_member(
    uow: FakeNotificationsUnitOfWork, member_id: str, *, wants: dict[str, bool] | None = None
) -> str:
    """Remember a member of North West Coast who chose the mail in `wants`."""
    uow.known_members.add(
        KnownMember(
            member_id=member_id,
            display_name=member_id.title(),
            organisation="Lancashire NHS Trust",
            region="north-west-coast",
            joined_at=LAST_JOINED,
            interests=[],
        )
    )
    for category, subscribed in (wants or {}).items():
        uow.preferences.add(
            Preference(member_id=member_id, category=category, subscribed=subscribed, source="test")
        )
    return member_id


def received(type: str, **data: Any) -> ReceivedEvent:
    """Return an event of `type` as a handler receives it, with `data` already loaded."""
    envelope = Envelope.new(
        type=type,
        version=1,
        source="events",
        subject=str(data.get("post_id") or data.get("event_id") or "subject"),
        correlation_id="test",
        data=data,
    )
    return ReceivedEvent(envelope=envelope, data=data)
