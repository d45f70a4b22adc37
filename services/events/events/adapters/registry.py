"""Registrations, members and calendars as the service layer finds and keeps them."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from events.domain.members import Member
from events.domain.model import Event, EventStatus
from events.domain.registrations import Registration, RegistrationStatus


class Registrations:
    """The registrations of Q events."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, registration: Registration) -> None:
        self._session.add(registration)

    def get(self, registration_id: str) -> Registration | None:
        return self._session.get(Registration, registration_id)

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


class Members:
    """The service's copy of members."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, member_id: str) -> Member | None:
        return self._session.get(Member, member_id)

    def get_or_add(self, member_id: str) -> Member:
        """Return the member, adding a placeholder until their profile arrives."""
        member = self.get(member_id)
        if member is None:
            member = Member(
                member_id=member_id, display_name="Member", has_left=False, trusted_organiser=False
            )
            self._session.add(member)
        return member

    def with_calendar_secret(self, secret: str) -> Member | None:
        return self._session.scalars(select(Member).filter_by(calendar_secret=secret)).first()

    def names(self, member_ids: set[str]) -> dict[str, str]:
        """Return the shown name of each known member among `member_ids`."""
        query = select(Member).where(Member.member_id.in_(member_ids))
        return {member.member_id: member.shown_name for member in self._session.scalars(query)}
