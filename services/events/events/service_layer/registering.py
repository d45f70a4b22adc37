"""Use cases of registrations: places, the waitlist, cancellations and attendance."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from events.domain import errors
from events.domain.model import Event
from events.domain.registrations import Attendance, Registration, RegistrationStatus
from events.service_layer.announcements import announce_registration
from events.service_layer.programme import ensure_manages, get_event
from events.service_layer.unit_of_work import EventsUnitOfWork
from qplatform.identity import Caller
from qplatform.paging import Page, PageRequest


@dataclass(frozen=True)
class Registrant:
    """A registration as the organiser sees it: a display name, never an email."""

    registration: Registration
    display_name: str | None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.registration, name)


def register(
    *, uow: EventsUnitOfWork, event_id: str, member_id: str, now: datetime | None = None
) -> Registration:
    """Give the member a place, or the end of the waitlist when the event is full."""
    event = locked_event(uow, event_id)
    now = now or uow.clock.now()
    if not event.is_registration_open(now):
        raise errors.EventNotOpen("registration for this event is not open")
    registrations = uow.registrations
    registration = registrations.of(event_id, member_id)
    if registration is not None and registration.is_active:
        raise errors.AlreadyRegistered(f"you are already {registration.status.value}")
    if registration is None:
        registration = Registration.new(event_id, member_id, now=now)
        registrations.add(registration)
    registration.place(has_room=registrations.confirmed_count(event_id) < event.capacity, now=now)
    uow.flush()
    if registration.status is RegistrationStatus.CONFIRMED:
        announce_registration(uow, "registration-confirmed", registration)
    else:
        position = len(registrations.waitlist(event_id))
        announce_registration(uow, "registration-waitlisted", registration, position=position)
    uow.commit()
    return registration


def cancel_registration(*, uow: EventsUnitOfWork, event_id: str, member_id: str) -> Registration:
    """Give up the member's place or waitlist place; the first waitlisted takes a freed place."""
    locked_event(uow, event_id)
    registration = uow.registrations.of(event_id, member_id)
    if registration is None or not registration.is_active:
        raise errors.NotRegistered("you are not registered for this event")
    withdraw(uow, registration, reason="member")
    uow.commit()
    return registration


def withdraw(uow: EventsUnitOfWork, registration: Registration, *, reason: str) -> None:
    """Cancel an active registration (its event already locked) and fill the freed place."""
    was = registration.cancel(now=uow.clock.now())
    announce_registration(uow, "registration-cancelled", registration, reason=reason, was=was.value)
    event = uow.events.get(registration.event_id)
    if was is RegistrationStatus.CONFIRMED and event is not None and reason != "event-cancelled":
        fill_places(uow, event)


def fill_places(uow: EventsUnitOfWork, event: Event) -> None:
    """Promote waitlisted members, first in the queue first, into the free places."""
    registrations = uow.registrations
    uow.flush()
    free = event.capacity - registrations.confirmed_count(event.id)
    for registration in registrations.waitlist(event.id)[: max(free, 0)]:
        registration.promote(now=uow.clock.now())
        announce_registration(uow, "waitlist-promoted", registration)


def record_attendance(
    *,
    uow: EventsUnitOfWork,
    event_id: str,
    registration_id: str,
    attendance: Attendance,
    caller: Caller,
) -> Registration:
    """Record whether a member with a place came to the event (its organiser or staff)."""
    ensure_manages(get_event(uow=uow, event_id=event_id), caller)
    registration = uow.registrations.get(registration_id)
    if registration is None or registration.event_id != event_id:
        raise errors.RegistrationNotFound("no registration of this event has that id")
    if registration.status is not RegistrationStatus.CONFIRMED:
        raise errors.NotRegistered("only a member with a place can attend")
    registration.record(attendance, now=uow.clock.now())
    announce_registration(uow, "attendance-recorded", registration, attendance=attendance.value)
    uow.commit()
    return registration


def registrants(
    *, uow: EventsUnitOfWork, event_id: str, caller: Caller, page: PageRequest
) -> Page[Registrant]:
    """Return a page of the event's places then its waitlist, with display names (organiser)."""
    ensure_manages(get_event(uow=uow, event_id=event_id), caller)
    active = uow.registrations.active(event_id)
    shown = active[page.offset : page.offset + page.size]
    names = uow.members.names({registration.member_id for registration in shown})
    return Page([Registrant(r, names.get(r.member_id)) for r in shown], len(active))


@dataclass(frozen=True)
class Placed:
    """A member's registration and, while waitlisted, their place in the queue."""

    registration: Registration
    position: int | None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.registration, name)


def registration_of(*, uow: EventsUnitOfWork, event_id: str, member_id: str) -> Placed:
    """Return the member's active registration for the event, with its queue position."""
    registration = uow.registrations.of(event_id, member_id)
    if registration is None or not registration.is_active:
        raise errors.NotRegistered("you are not registered for this event")
    return placed(uow, registration)


def placed(uow: EventsUnitOfWork, registration: Registration) -> Placed:
    """Return `registration` with its place in the waitlist, if it is waitlisted."""
    if registration.status is not RegistrationStatus.WAITLISTED:
        return Placed(registration, None)
    waitlist = uow.registrations.waitlist(registration.event_id)
    return Placed(registration, [r.id for r in waitlist].index(registration.id) + 1)


def locked_event(uow: EventsUnitOfWork, event_id: str) -> Event:
    """Return the event, locked so its places are counted by one transaction at a time."""
    event = uow.events.lock(event_id)
    if event is None:
        raise errors.EventNotFound("no event with that id")
    return event
