"""The service's copy of members, as the service layer finds and keeps it."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from events.domain.members import Member


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
