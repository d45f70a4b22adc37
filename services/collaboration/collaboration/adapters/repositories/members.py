"""Collaboration's copy of members, their waves and the events they attend."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from collaboration.domain.model import ApplicationWave, Attendee, Member, MemberWave


class Members:
    """Collaboration's copy of members, their waves and the events they attend."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, member_id: str) -> Member | None:
        """Return the copy kept of a member, if any."""
        return self._session.get(Member, member_id)

    def keep(self, member: Member) -> None:
        """Add `member`, or replace the copy kept of them."""
        self._session.merge(member)

    def names(self, member_ids: Sequence[str]) -> dict[str, str]:
        """Return the display name of each of `member_ids` still in Q."""
        query = select(Member.member_id, Member.display_name).where(
            Member.member_id.in_(list(member_ids)), ~Member.left
        )
        return {row[0]: row[1] for row in self._session.execute(query)}

    def note_application(self, application_id: str, wave_id: str) -> None:
        """Remember the wave an application came in, until it is decided."""
        self._session.merge(ApplicationWave(application_id=application_id, wave_id=wave_id))

    def place_in_wave(self, application_id: str, member_id: str) -> None:
        """Record the wave of the member an approved application made."""
        noted = self._session.get(ApplicationWave, application_id)
        if noted is not None:
            self._session.merge(MemberWave(member_id=member_id, wave_id=noted.wave_id))
            self._session.delete(noted)

    def forget_application(self, application_id: str) -> None:
        """Drop the wave noted of an application."""
        self._session.execute(
            delete(ApplicationWave).where(ApplicationWave.application_id == application_id)
        )

    def attend(self, event_id: str, member_id: str, since: datetime) -> None:
        """Record that a member has a place at, or came to, an event."""
        if self._session.get(Attendee, (event_id, member_id)) is None:
            self._session.add(Attendee(event_id=event_id, member_id=member_id, since=since))

    def stop_attending(self, event_id: str, member_id: str) -> None:
        """Take a member off an event's attendees."""
        self._session.execute(
            delete(Attendee).where(Attendee.event_id == event_id, Attendee.member_id == member_id)
        )

    def erase(self, member_id: str) -> None:
        """Keep nothing about a member who left but that they left."""
        member = self.get(member_id) or Member(member_id=member_id)
        member.display_name, member.region, member.interests = "", None, []
        member.coffee_trials, member.left = False, True
        self.keep(member)
        self._session.execute(delete(MemberWave).where(MemberWave.member_id == member_id))
        self._session.execute(delete(Attendee).where(Attendee.member_id == member_id))
