"""Repositories of participants and their wishes never to be paired with someone."""

from collections import namedtuple
from collections.abc import Sequence
from typing import Any, TypeVar, cast

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Select,
    String,
    any_,
    bindparam,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.orm import Session

from matching.domain.model import NeverPair, Participant, Standing

Query = TypeVar("Query", bound=Select[Any])
# Ids per bulk update: within every database's limit of bound parameters.
CHUNK = 900
# Bulk updates leave loaded participants as they were; the unit of work ends right after.
_UNSYNCED: dict[str, Any] = {"execution_options": {"synchronize_session": False}}


_StandingRow = namedtuple("_StandingRow", list(Standing.__annotations__))  # type: ignore[misc]


class Participants:
    """Participants, as the service layer finds and keeps them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, participant: Participant) -> None:
        self._session.add(participant)

    def get(self, member_id: str) -> Participant | None:
        return self._session.get(Participant, member_id)

    def names(self, member_ids: set[str]) -> dict[str, str]:
        """Return the display name of each of `member_ids` that matching knows."""
        query = select(Participant.member_id, Participant.display_name)
        rows = self._session.execute(query.where(Participant.member_id.in_(member_ids)))
        return {member_id: name for member_id, name in rows}

    def page(self, *, region: str | None, offset: int, limit: int) -> Sequence[Participant]:
        """Return one page of participants, oldest members first, in `region` if given."""
        query = _in_region(select(Participant), region)
        query = query.order_by(Participant.joined_at, Participant.member_id)
        return self._session.scalars(query.offset(offset).limit(limit)).all()

    def count(self, *, region: str | None) -> int:
        """Return how many participants there are, in `region` if given."""
        query = _in_region(select(func.count()).select_from(Participant), region)
        return self._session.scalar(query) or 0

    def taking_part(self) -> Sequence[Standing]:
        """Return the standing of every participant still in Q and opted in, by member id."""
        columns = [getattr(Participant, name) for name in Standing.__annotations__]
        query = select(*columns).where(Participant.opted_in, ~Participant.left)
        # Named tuples, not ORM objects or rows: a round reads every participant at once,
        # and reading a field of a named tuple costs a tenth of reading it from a row.
        rows = self._session.connection().execute(query.order_by(Participant.member_id))
        return cast(Sequence[Standing], [_StandingRow._make(row) for row in rows.all()])

    def clear_skips(self) -> None:
        """Forget every wish to skip the next round, now that it has been held."""
        query = update(Participant).where(Participant.skip_next_round)
        self._session.execute(query.values(skip_next_round=False), **_UNSYNCED)

    def mark_left_over(self, member_ids: Sequence[str], *, left_over: bool) -> None:
        """Record whether `member_ids` were in the trio or unmatched in their last round."""
        values = {"left_over_last_time": left_over}
        for chunk in _chunks(self._session, list(member_ids)):
            query = update(Participant).where(_among(self._session, chunk)).values(values)
            self._session.execute(query, **_UNSYNCED)

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


def _chunks(session: Session, member_ids: list[str]) -> list[list[str]]:
    # PostgreSQL takes the whole list as one array; others take a bounded list of parameters.
    if session.get_bind().dialect.name == "postgresql":
        return [member_ids] if member_ids else []
    return [member_ids[i : i + CHUNK] for i in range(0, len(member_ids), CHUNK)]


def _among(session: Session, member_ids: list[str]) -> ColumnElement[bool]:
    if session.get_bind().dialect.name == "postgresql":
        return Participant.member_id == any_(bindparam("ids", member_ids, ARRAY(String())))
    return Participant.member_id.in_(member_ids)


def _in_region(query: Query, region: str | None) -> Query:
    return query.where(Participant.region == region) if region is not None else query
