"""Use cases of Q's programme: creating, moderating, finding and showing events."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from events.adapters.repositories.events import EventFilter
from events.domain import errors
from events.domain.model import UNSHOWN, Event, EventDetails, EventStatus
from events.domain.registrations import RegistrationStatus
from events.service_layer.announcements import announce_published, event_data
from events.service_layer.series import check_joinable
from events.service_layer.unit_of_work import EventsUnitOfWork
from qplatform.identity import STAFF, Caller
from qplatform.paging import Page, PageRequest


@dataclass(frozen=True)
class ShownEvent:
    """An event as one caller sees it: the online link only for those registered."""

    event: Event
    online_link: str | None
    organiser_name: str | None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.event, name)


def create_event(*, uow: EventsUnitOfWork, details: EventDetails, caller: Caller) -> Event:
    """Create an event: staff's and trusted organisers' publish, members' await moderation."""
    check_joinable(uow, details.series_id, caller)
    event = Event.create(details, organiser_id=caller.member_id, now=uow.clock.now())
    if caller.is_staff or _is_trusted(uow, caller.member_id):
        event.publish()
    uow.events.add(event)
    uow.flush()
    uow.publish("event-created", subject=event.id, data=event_data(event))
    if event.status is EventStatus.PUBLISHED:
        announce_published(uow, event)
    uow.commit()
    return event


def publish_event(*, uow: EventsUnitOfWork, event_id: str) -> Event:
    """Publish a member's event after moderation."""
    event = get_event(uow=uow, event_id=event_id)
    event.publish()
    announce_published(uow, event, moderated=True)
    uow.commit()
    return event


def reject_event(*, uow: EventsUnitOfWork, event_id: str, reason: str) -> Event:
    """Reject a member's event, telling them why."""
    event = get_event(uow=uow, event_id=event_id)
    event.reject(reason)
    data = {
        "event_id": event.id,
        "reason": reason,
        "title": event.title,
        "organiser_id": event.organiser_id,
    }
    uow.publish("event-rejected", subject=event.id, data=data)
    uow.commit()
    return event


def hide_event(*, uow: EventsUnitOfWork, event_id: str, reason: str) -> Event:
    """Take a published event down from members, saying why; announce it."""
    event = get_event(uow=uow, event_id=event_id)
    event.hide()
    data = {**_moderated(event), "reason": reason, "hidden_at": uow.clock.now()}
    uow.publish("event-hidden", subject=event.id, data=data)
    uow.commit()
    return event


def restore_event(*, uow: EventsUnitOfWork, event_id: str) -> Event:
    """Show a hidden event to members again, and announce it."""
    event = get_event(uow=uow, event_id=event_id)
    event.restore()
    data = {**_moderated(event), "restored_at": uow.clock.now()}
    uow.publish("event-restored", subject=event.id, data=data)
    uow.commit()
    return event


def _moderated(event: Event) -> dict[str, Any]:
    return {"event_id": event.id, "title": event.title, "organiser_id": event.organiser_id}


def trust_organiser(*, uow: EventsUnitOfWork, member_id: str, trusted: bool) -> None:
    """Let a member's events publish without moderation, or stop letting them."""
    uow.members.get_or_add(member_id).trusted_organiser = trusted
    uow.commit()


def find_events(*, uow: EventsUnitOfWork, where: EventFilter, page: PageRequest) -> Page[Event]:
    """Return a page of the events matching `where`."""
    return uow.events.matching(where, page)


def organised_events(
    *,
    uow: EventsUnitOfWork,
    organiser_id: str,
    statuses: tuple[EventStatus, ...] = tuple(EventStatus),
    page: PageRequest,
) -> Page[Event]:
    """Return a page of the organiser's own events in `statuses`, latest start first."""
    return uow.events.organised_by(organiser_id, statuses, page)


def upcoming_events(
    *, uow: EventsUnitOfWork, page: PageRequest, now: datetime | None = None
) -> Page[Event]:
    """Return a page of published events that are not over yet, soonest first."""
    where = EventFilter(now=now or uow.clock.now())
    return find_events(uow=uow, where=where, page=page)


def get_event(*, uow: EventsUnitOfWork, event_id: str) -> Event:
    """Return the event with `event_id`."""
    event = uow.events.get(event_id)
    if event is None:
        raise errors.EventNotFound("no event with that id")
    return event


def show_event(*, uow: EventsUnitOfWork, event_id: str, caller: Caller) -> ShownEvent:
    """Return the event as `caller` may see it; unpublished ones only to organiser and staff."""
    event = get_event(uow=uow, event_id=event_id)
    in_charge = may_manage(event, caller)
    if event.status in UNSHOWN and not in_charge:
        raise errors.EventNotFound("no event with that id")
    link = event.online_link if in_charge or _has_place(uow, event, caller) else None
    names = uow.members.names({event.organiser_id} if event.organiser_id else set())
    return ShownEvent(event, link, names.get(event.organiser_id or ""))


def may_manage(event: Event, caller: Caller) -> bool:
    """Tell whether `caller` organises the event or is staff."""
    return caller.is_staff or (
        event.organiser_id is not None and caller.may_act_for(event.organiser_id)
    )


def ensure_manages(event: Event, caller: Caller) -> None:
    """Refuse (403) anyone but the event's organiser and staff."""
    if event.organiser_id is None:
        caller.ensure_role(STAFF)
    else:
        caller.ensure_may_act_for(event.organiser_id, "manage this event")


def _has_place(uow: EventsUnitOfWork, event: Event, caller: Caller) -> bool:
    if caller.member_id is None:
        return False
    registration = uow.registrations.of(event.id, caller.member_id)
    return registration is not None and registration.status is RegistrationStatus.CONFIRMED


def _is_trusted(uow: EventsUnitOfWork, member_id: str | None) -> bool:
    member = uow.members.get(member_id) if member_id else None
    return member is not None and member.trusted_organiser
