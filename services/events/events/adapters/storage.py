"""The events service's database: its tables, the outbox and inbox, and its repositories."""

from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from events.domain.model import Base, Event, EventStatus
from qplatform.db.plumbing import add_plumbing_tables

METADATA = Base.metadata
PLUMBING = add_plumbing_tables(METADATA)


class Events:
    """Q events, as the service layer finds and keeps them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, event: Event) -> None:
        self._session.add(event)

    def get(self, event_id: str) -> Event | None:
        return self._session.get(Event, event_id)

    def not_over(self, now: datetime, *, offset: int, limit: int) -> list[Event]:
        """Return published events that have not ended by `now`, soonest first."""
        query = (
            select(Event)
            .where(_not_over(now))
            .order_by(Event.starts_at, Event.id)
            .offset(offset)
            .limit(limit)
        )
        return list(self._session.scalars(query))

    def count_not_over(self, now: datetime) -> int:
        """Count published events that have not ended by `now`."""
        query = select(func.count()).select_from(Event).where(_not_over(now))
        return self._session.scalar(query) or 0


def _not_over(now: datetime) -> ColumnElement[bool]:
    return and_(Event.status == EventStatus.PUBLISHED, Event.ends_at > now)
