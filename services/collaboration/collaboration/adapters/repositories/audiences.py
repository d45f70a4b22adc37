"""Who a survey asks: the members of its audience, as one query over collaboration's copy."""

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from collaboration.domain import surveys
from collaboration.domain.lab import SELECTED, LabApplication
from collaboration.domain.model import Attendee, Member, MemberWave


def _members(audience: str, value: str | None) -> Select[str]:
    query = select(Member.member_id).where(~Member.left)
    if audience == surveys.REGION:
        return query.where(Member.region == value)
    if audience == surveys.WAVE:
        return query.join(MemberWave, MemberWave.member_id == Member.member_id).where(
            MemberWave.wave_id == value
        )
    if audience == surveys.COFFEE:
        return query.where(Member.coffee_trials)
    if audience == surveys.ATTENDEES:
        return query.join(Attendee, Attendee.member_id == Member.member_id).where(
            Attendee.event_id == value
        )
    if audience == surveys.LAB_COHORT:
        return query.join(LabApplication, LabApplication.member_id == Member.member_id).where(
            LabApplication.cohort_id == value, LabApplication.status == SELECTED
        )
    return query


class Audiences:
    """The members each survey's audience holds, as collaboration knows them now."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def size(self, audience: str, value: str | None) -> int:
        """Return how many members the audience holds."""
        counted = select(func.count()).select_from(_members(audience, value).subquery())
        return self._session.scalar(counted) or 0

    def includes(self, audience: str, value: str | None, member_id: str) -> bool:
        """Tell whether `member_id` is in the audience."""
        found = _members(audience, value).where(Member.member_id == member_id)
        return self._session.scalar(found) is not None

    def member_ids(self, audience: str, value: str | None) -> list[str]:
        """Return every member id in the audience, in order."""
        query = _members(audience, value).order_by(Member.member_id)
        return list(self._session.scalars(query))
