"""Registrations as the service layer finds and keeps them, and the tallies of who came."""

from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from events.domain.model import Event, EventStatus
from events.domain.registrations import Attendance, Registration, RegistrationStatus


class Registrations:
    """The registrations of Q events."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, registration: Registration) -> None:
        self._session.add(registration)

    def get(self, registration_id: str) -> Registration | None:
        return self._session.get(Registration, registration_id)

    def reload(self, registration: Registration) -> None:
        """Read the registration again, as another transaction may have changed it."""
        self._session.refresh(registration)

    def of(self, event_id: str, member_id: str) -> Registration | None:
        """Return the member's registration for the event, active or not."""
        query = select(Registration).filter_by(event_id=event_id, member_id=member_id)
        return self._session.scalars(query).first()

    def confirmed_count(self, event_id: str) -> int:
        """Count the places taken at the event."""
        query = (
            select(func.count())
            .select_from(Registration)
            .filter_by(event_id=event_id, status=RegistrationStatus.CONFIRMED)
        )
        return self._session.scalar(query) or 0

    def active(self, event_id: str) -> list[Registration]:
        """Return the event's confirmed, then waitlisted registrations, each in queue order."""
        query = (
            select(Registration)
            .where(Registration.event_id == event_id)
            .where(Registration.status != RegistrationStatus.CANCELLED)
            .order_by(Registration.status, Registration.queued_at, Registration.id)
        )
        return list(self._session.scalars(query))

    def waitlist(self, event_id: str) -> list[Registration]:
        """Return the event's waitlist, first in the queue first."""
        query = (
            select(Registration)
            .filter_by(event_id=event_id, status=RegistrationStatus.WAITLISTED)
            .order_by(Registration.queued_at, Registration.id)
        )
        return list(self._session.scalars(query))

    def of_member(self, member_id: str) -> list[Registration]:
        """Return the member's active registrations."""
        query = (
            select(Registration)
            .where(Registration.member_id == member_id)
            .where(Registration.status != RegistrationStatus.CANCELLED)
        )
        return list(self._session.scalars(query))

    def confirmed_events_of(self, member_id: str) -> list[Event]:
        """Return the published events the member has a place at, soonest first."""
        query = (
            select(Event)
            .join(Registration, Registration.event_id == Event.id)
            .where(Registration.member_id == member_id)
            .where(Registration.status == RegistrationStatus.CONFIRMED)
            .where(Event.status == EventStatus.PUBLISHED)
            .order_by(Event.starts_at, Event.id)
        )
        return list(self._session.scalars(query))

    def confirmed_tallies(self) -> Iterator[tuple[str, str, Attendance | None, int]]:
        """Yield (kind, pillar, attendance, count) of confirmed places across all events."""
        query = (
            select(Event.kind, Event.pillar, Registration.attendance, func.count())
            .join(Event, Event.id == Registration.event_id)
            .where(Registration.status == RegistrationStatus.CONFIRMED)
            .group_by(Event.kind, Event.pillar, Registration.attendance)
        )
        for kind, pillar, attendance, count in self._session.execute(query):
            yield kind, pillar, Attendance(attendance) if attendance is not None else None, count
