"""Series of events, as the service layer finds and keeps them."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from events.domain.series import Series
from qplatform.paging import Page, PageRequest


class EventSeries:
    """Series of events (a series, or several)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, series: Series) -> None:
        self._session.add(series)

    def get(self, series_id: str) -> Series | None:
        return self._session.get(Series, series_id)

    def newest_first(self, page: PageRequest) -> Page[Series]:
        """Return a page of every series, newest first."""
        query = select(Series).order_by(Series.created_at.desc(), Series.id)
        found = self._session.scalars(query.offset(page.offset).limit(page.size))
        total = self._session.scalar(select(func.count()).select_from(Series))
        return Page(list(found), total or 0)
