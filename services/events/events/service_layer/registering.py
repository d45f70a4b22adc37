"""Use cases of registrations: places, the waitlist, cancellations and attendance."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from events.adapters.registry import Members, Registrations
from events.adapters.storage import Events
from events.domain import errors
from events.domain.model import Event
from events.domain.registrations import Attendance, Registration, RegistrationStatus
from events.service_layer.announcements import announce_registration
from qplatform.db.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Registrant:
    """A registration as the organiser sees it: a display name, never an email."""

    registration: Registration
    display_name: str | None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.registration, name)


def register(
    *, uow: UnitOfWork, event_id: str, member_id: str, now: datetime | None = None
) -> Registration:
    """Give the member a place, or the end of the waitlist when the event is full."""
    event = locked_event(uow, event_id)
    if not event.is_registration_open(now or datetime.now(UTC)):
        raise errors.EventNotOpen("registration for this event is not open")
    registrations = Registrations(uow.session)
    registration = registrations.of(event_id, member_id)
    if registration is not None and registration.is_active:
        raise errors.AlreadyRegistered(f"you are already {registration.status.value}")
    if registration is None:
        registration = Registration.new(event_id, member_id)
        registrations.add(registration)
    registration.place(has_room=registrations.confirmed_count(event_id) < event.capacity)
    uow.session.flush()
    if registration.status is RegistrationStatus.CONFIRMED:
        announce_registration(uow, "registration-confirmed", registration)
    else:
        position = len(registrations.waitlist(event_id))
        announce_registration(uow, "registration-waitlisted", registration, position=position)
    uow.commit()
    return registration


def cancel_registration(*, uow: UnitOfWork, event_id: str, member_id: str) -> Registration:
    """Give up the member's place or waitlist place; the first waitlisted takes a freed place."""
    locked_event(uow, event_id)
    registration = Registrations(uow.session).of(event_id, member_id)
    if registration is None or not registration.is_active:
        raise errors.NotRegistered("you are not registered for this event")
    withdraw(uow, registration, reason="member")
    uow.commit()
    return registration


def withdraw(uow: UnitOfWork, registration: Registration, *, reason: str) -> None:
    """Cancel an active registration (its event already locked) and fill the freed place."""
    was = registration.cancel()
    announce_registration(uow, "registration-cancelled", registration, reason=reason, was=was.value)
    event = Events(uow.session).get(registration.event_id)
    if was is RegistrationStatus.CONFIRMED and event is not None and reason != "event-cancelled":
        fill_places(uow, event)


def fill_places(uow: UnitOfWork, event: Event) -> None:
    """Promote waitlisted members, first in the queue first, into the free places."""
    registrations = Registrations(uow.session)
    uow.session.flush()
    free = event.capacity - registrations.confirmed_count(event.id)
    for registration in registrations.waitlist(event.id)[: max(free, 0)]:
        registration.promote()
        announce_registration(uow, "waitlist-promoted", registration)


def record_attendance(
    *, uow: UnitOfWork, event_id: str, registration_id: str, attendance: Attendance
) -> Registration:
    """Record whether a member with a place came to the event."""
    registration = Registrations(uow.session).get(registration_id)
    if registration is None or registration.event_id != event_id:
        raise errors.RegistrationNotFound("no registration of this event has that id")
    if registration.status is not RegistrationStatus.CONFIRMED:
        raise errors.NotRegistered("only a member with a place can attend")
    registration.record(attendance)
    announce_registration(uow, "attendance-recorded", registration, attendance=attendance.value)
    uow.commit()
    return registration


def registrants(*, uow: UnitOfWork, event_id: str) -> list[Registrant]:
    """Return the event's places then its waitlist, each with the member's display name."""
    active = Registrations(uow.session).active(event_id)
    names = Members(uow.session).names({registration.member_id for registration in active})
    return [Registrant(r, names.get(r.member_id)) for r in active]


@dataclass(frozen=True)
class Placed:
    """A member's registration and, while waitlisted, their place in the queue."""

    registration: Registration
    position: int | None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.registration, name)


def registration_of(*, uow: UnitOfWork, event_id: str, member_id: str) -> Placed:
    """Return the member's active registration for the event, with its queue position."""
    registration = Registrations(uow.session).of(event_id, member_id)
    if registration is None or not registration.is_active:
        raise errors.NotRegistered("you are not registered for this event")
    return placed(uow, registration)


def placed(uow: UnitOfWork, registration: Registration) -> Placed:
    """Return `registration` with its place in the waitlist, if it is waitlisted."""
    if registration.status is not RegistrationStatus.WAITLISTED:
        return Placed(registration, None)
    waitlist = Registrations(uow.session).waitlist(registration.event_id)
    return Placed(registration, [r.id for r in waitlist].index(registration.id) + 1)


def locked_event(uow: UnitOfWork, event_id: str) -> Event:
    """Return the event, locked so its places are counted by one transaction at a time."""
    event = Events(uow.session).lock(event_id)
    if event is None:
        raise errors.EventNotFound("no event with that id")
    return event
