"""Matching's database: its tables, the outbox and inbox, and its repositories."""

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from matching.domain.model import Base, Participant
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


def _in_region(query: Query, region: str | None) -> Query:
    return query.where(Participant.region == region) if region is not None else query
