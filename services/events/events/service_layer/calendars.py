"""Use cases of calendar feeds: public ones, one event, and each member's private feed."""

from datetime import timedelta

from events.adapters.repositories.events import EventFilter
from events.domain import errors
from events.domain.model import UNSHOWN, Event
from events.service_layer.unit_of_work import EventsUnitOfWork

# Feeds keep recent events so calendars do not lose what members just attended.
KEPT_FOR = timedelta(days=90)
FEED_MAX = 1000


def published_events(
    *, uow: EventsUnitOfWork, region: str | None = None, pillar: str | None = None
) -> list[Event]:
    """Return published events that ended at most 90 days ago, in a region or pillar."""
    where = EventFilter(now=uow.clock.now() - KEPT_FOR, region=region, pillar=pillar)
    return uow.events.first(where, FEED_MAX)


def one_event(*, uow: EventsUnitOfWork, event_id: str) -> Event:
    """Return a published or cancelled event for its own calendar file."""
    event = uow.events.get(event_id)
    if event is None or event.status in UNSHOWN:
        raise errors.EventNotFound("no event with that id")
    return event


def calendar_secret(*, uow: EventsUnitOfWork, member_id: str, reset: bool = False) -> str:
    """Return the secret of the member's private feed, making a new one when asked."""
    member = uow.members.get_or_add(member_id)
    secret = member.calendar_secret
    if secret is None or reset:
        secret = member.reset_calendar_secret()
    uow.commit()
    return secret


def private_events(*, uow: EventsUnitOfWork, secret: str) -> list[Event]:
    """Return the events the member with this feed secret has a place at."""
    member = uow.members.with_calendar_secret(secret)
    if member is None or member.has_left:
        raise errors.UnknownCalendar("no calendar at that address")
    return uow.registrations.confirmed_events_of(member.member_id)
