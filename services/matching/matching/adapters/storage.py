"""Matching's database: its tables, the outbox and inbox, and its repositories."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from matching.domain import rounds as _rounds  # noqa: F401 (its tables join METADATA)
from matching.domain.model import Base, NeverPair, Participant
from matching.domain.upcoming import UpcomingEvent
from qplatform.db.plumbing import add_plumbing_tables

METADATA = Base.metadata
PLUMBING = add_plumbing_tables(METADATA)

Query = TypeVar("Query", bound=Select[Any])


class Participants:
    """Participants, as the service layer finds and keeps them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, participant: Participant) -> None:
        self._session.add(participant)

    def get(self, member_id: str) -> Participant | None:
        return self._session.get(Participant, member_id)

    def page(self, *, region: str | None, offset: int, limit: int) -> Sequence[Participant]:
        """Return one page of participants, oldest members first, in `region` if given."""
        query = _in_region(select(Participant), region)
        query = query.order_by(Participant.joined_at, Participant.member_id)
        return self._session.scalars(query.offset(offset).limit(limit)).all()

    def count(self, *, region: str | None) -> int:
        """Return how many participants there are, in `region` if given."""
        query = _in_region(select(func.count()).select_from(Participant), region)
        return self._session.scalar(query) or 0

    def taking_part(self) -> Sequence[Participant]:
        """Return every participant still in Q and opted in, by member id."""
        query = select(Participant).where(Participant.opted_in, ~Participant.left)
        return self._session.scalars(query.order_by(Participant.member_id)).all()

    def in_q(self) -> Sequence[Participant]:
        """Return every participant who has not left Q, by member id."""
        query = select(Participant).where(~Participant.left)
        return self._session.scalars(query.order_by(Participant.member_id)).all()


class NeverPairs:
    """Members' wishes never to be paired with someone."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def of(self, member_id: str) -> list[str]:
        """Return whom `member_id` must never be paired with."""
        query = select(NeverPair.other_member_id).where(NeverPair.member_id == member_id)
        return list(self._session.scalars(query.order_by(NeverPair.other_member_id)))

    def replace(self, member_id: str, others: Sequence[str]) -> None:
        """Make `others` the whole of whom `member_id` must never be paired with."""
        self._session.execute(delete(NeverPair).where(NeverPair.member_id == member_id))
        self._session.add_all(NeverPair(member_id=member_id, other_member_id=o) for o in others)

    def all(self) -> dict[str, set[str]]:
        """Return every member's never-pair list."""
        found: dict[str, set[str]] = {}
        for row in self._session.execute(select(NeverPair.member_id, NeverPair.other_member_id)):
            found.setdefault(row[0], set()).add(row[1])
        return found

    def forget(self, member_id: str) -> None:
        """Drop every wish by or about `member_id`."""
        self._session.execute(
            delete(NeverPair).where(
                (NeverPair.member_id == member_id) | (NeverPair.other_member_id == member_id)
            )
        )


def _in_region(query: Query, region: str | None) -> Query:
    return query.where(Participant.region == region) if region is not None else query


class UpcomingEvents:
    """Matching's copy of published Q events."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def keep(self, event: UpcomingEvent) -> None:
        """Add `event`, or replace the copy kept of it."""
        self._session.merge(event)

    def forget(self, event_id: str) -> None:
        self._session.execute(delete(UpcomingEvent).where(UpcomingEvent.event_id == event_id))

    def starting_after(self, moment: datetime) -> Sequence[UpcomingEvent]:
        """Return the events that start after `moment`, soonest first."""
        query = select(UpcomingEvent).where(UpcomingEvent.starts_at > moment)
        return self._session.scalars(query.order_by(UpcomingEvent.starts_at)).all()
