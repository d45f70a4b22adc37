"""Example callers, events and a unit of work at a fixed instant, for the fast tier."""

from datetime import UTC, datetime, timedelta
from typing import Any

from events.domain.model import Event, EventDetails
from events.service_layer import programme, registering
from qplatform.clock import FixedClock
from qplatform.identity import MEMBER, STAFF, Caller
from tests.unit.events.fakes import FakeEventsUnitOfWork

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
STAFF_CALLER = Caller(roles=frozenset({STAFF}))


def member(member_id: str) -> Caller:
    """Return a member calling with their own token."""
    return Caller(member_id=member_id, roles=frozenset({MEMBER}))


def unit_of_work(at: datetime = NOW) -> FakeEventsUnitOfWork:
    """Return an empty events unit of work whose clock stands at `at`."""
    return FakeEventsUnitOfWork(FixedClock(at))


def details(**changes: Any) -> EventDetails:
    """Return a webinar a week after NOW, with `changes` applied."""
    starts = NOW + timedelta(days=7)
    values: dict[str, Any] = {
        "title": "Measuring flow in emergency departments",
        "kind": "webinar",
        "pillar": "learn",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=1),
        "timezone": "Europe/London",
        "capacity": 2,
    }
    return EventDetails(**{**values, **changes})


def published_event(uow: FakeEventsUnitOfWork, **changes: Any) -> Event:
    """Create a webinar as staff, which publishes it at once."""
    with uow:
        return programme.create_event(uow=uow, details=details(**changes), caller=STAFF_CALLER)


def register_in_turn(uow: FakeEventsUnitOfWork, event_id: str, *member_ids: str) -> None:
    """Register the members a second apart, so the queue's order is theirs."""
    for member_id in member_ids:
        uow.fixed_clock.advance(timedelta(seconds=1))
        with uow:
            registering.register(uow=uow, event_id=event_id, member_id=member_id)
