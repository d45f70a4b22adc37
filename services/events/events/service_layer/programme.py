"""Use cases of Q's programme of events: creating, listing and showing them."""

from dataclasses import dataclass
from datetime import UTC, datetime

from events.adapters.storage import Events
from events.domain import errors
from events.domain.model import Event, EventDetails
from qplatform.db.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class EventPage:
    """One page of events, and how many there are on all pages."""

    events: list[Event]
    total: int


def create_event(*, uow: UnitOfWork, details: EventDetails) -> Event:
    """Publish a new event and announce it."""
    event = Event.create(details)
    Events(uow.session).add(event)
    uow.session.flush()
    uow.publish("event-created", subject=event.id, data=_created_data(event))
    uow.commit()
    return event


def upcoming_events(
    *, uow: UnitOfWork, offset: int, limit: int, now: datetime | None = None
) -> EventPage:
    """Return a page of published events that are not over yet, soonest first."""
    now = now or datetime.now(UTC)
    events = Events(uow.session)
    page = EventPage(events.not_over(now, offset=offset, limit=limit), events.count_not_over(now))
    return page


def get_event(*, uow: UnitOfWork, event_id: str) -> Event:
    """Return the event with `event_id`."""
    event = Events(uow.session).get(event_id)
    if event is None:
        raise errors.EventNotFound("no event with that id")
    return event


def _created_data(event: Event) -> dict[str, object]:
    return {
        "event_id": event.id,
        "title": event.title,
        "kind": event.kind,
        "pillar": event.pillar,
        "region": event.region,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "timezone": event.timezone,
        "capacity": event.capacity,
    }
