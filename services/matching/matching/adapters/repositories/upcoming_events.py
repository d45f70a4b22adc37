"""Repository of matching's copy of published Q events, to suggest them."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from matching.domain.upcoming import UpcomingEvent


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
