"""Repository of rounds' snapshots: who was eligible, as the pairing saw them."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from matching.adapters.bulk import inserting_rows
from matching.domain.snapshot import SnapshotEntry


class Snapshots:
    """Rounds' snapshots, kept in bulk and read in order."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @contextmanager
    def adding(self, rows: Sequence[dict[str, Any]]) -> Iterator[None]:
        """Keep a round's snapshot rows in bulk, stored while the block runs; the block
        must not use the session."""
        with inserting_rows(self._session, SnapshotEntry, rows):
            yield

    def of_round(self, round_id: str) -> Sequence[SnapshotEntry]:
        """Return a round's whole snapshot, in position order."""
        query = select(SnapshotEntry).where(SnapshotEntry.round_id == round_id)
        return self._session.scalars(query.order_by(SnapshotEntry.position)).all()

    def page(self, round_id: str, *, offset: int, limit: int) -> Sequence[SnapshotEntry]:
        """Return one page of a round's snapshot, in position order."""
        query = select(SnapshotEntry).where(SnapshotEntry.round_id == round_id)
        query = query.order_by(SnapshotEntry.position).offset(offset).limit(limit)
        return self._session.scalars(query).all()

    def count(self, round_id: str) -> int:
        query = select(func.count()).select_from(SnapshotEntry)
        return self._session.scalar(query.where(SnapshotEntry.round_id == round_id)) or 0

    def anonymise(self, member_id: str, anonymous_id: str) -> None:
        """Replace a member who left with `anonymous_id`, keeping no organisation name."""
        self._session.execute(
            update(SnapshotEntry)
            .where(SnapshotEntry.member_id == member_id)
            .values(member_id=anonymous_id, organisation="")
        )
