"""Q events as the service layer finds and keeps them."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from events.domain.model import Event, EventStatus
from qplatform.paging import Page, PageRequest


@dataclass(frozen=True)
class EventFilter:
    """Which events a listing shows; None leaves a criterion out."""

    now: datetime
    past: bool = False
    region: str | None = None
    pillar: str | None = None
    kind: str | None = None
    topic: str | None = None
    starts_from: datetime | None = None
    starts_before: datetime | None = None
    organiser_id: str | None = None
    series_id: str | None = None
    statuses: tuple[EventStatus, ...] = (EventStatus.PUBLISHED,)


class Events:
    """Q events, as the service layer finds and keeps them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, event: Event) -> None:
        self._session.add(event)

    def get(self, event_id: str) -> Event | None:
        return self._session.get(Event, event_id)

    def lock(self, event_id: str) -> Event | None:
        """Return the event, holding its row until commit so places are counted one at a time."""
        return self._session.get(Event, event_id, with_for_update=True, populate_existing=True)

    def matching(self, where: EventFilter, page: PageRequest) -> Page[Event]:
        """Return a page of events matching `where`: upcoming soonest first, past latest first."""
        order = (
            (Event.starts_at.desc(), Event.id.desc()) if where.past else (Event.starts_at, Event.id)
        )
        query = _filtered(select(Event), where).order_by(*order)
        counted = _filtered(select(func.count()).select_from(Event), where)
        return self._page(query, counted, page)

    def first(self, where: EventFilter, limit: int) -> list[Event]:
        """Return at most `limit` events matching `where`, in the order `matching` pages them."""
        order = (
            (Event.starts_at.desc(), Event.id.desc()) if where.past else (Event.starts_at, Event.id)
        )
        query = _filtered(select(Event), where).order_by(*order).limit(limit)
        return list(self._session.scalars(query))

    def organised_by(
        self, organiser_id: str, statuses: tuple[EventStatus, ...], page: PageRequest
    ) -> Page[Event]:
        """Return a page of the organiser's events in `statuses`, latest start first."""
        query = _organised(select(Event), organiser_id, statuses).order_by(
            Event.starts_at.desc(), Event.id.desc()
        )
        counted = _organised(select(func.count()).select_from(Event), organiser_id, statuses)
        return self._page(query, counted, page)

    def _page(self, query: Select[Any], counted: Select[Any], page: PageRequest) -> Page[Event]:
        items = list(self._session.scalars(query.offset(page.offset).limit(page.size)))
        return Page(items, self._session.scalar(counted) or 0)


def _organised(
    query: Select[Any], organiser_id: str, statuses: tuple[EventStatus, ...]
) -> Select[Any]:
    return query.where(Event.organiser_id == organiser_id, Event.status.in_(statuses))


def _filtered(query: Select[Any], where: EventFilter) -> Select[Any]:
    query = query.where(Event.status.in_(where.statuses))
    query = query.where(Event.ends_at <= where.now if where.past else Event.ends_at > where.now)
    for column, value in (
        (Event.region, where.region),
        (Event.pillar, where.pillar),
        (Event.kind, where.kind),
        (Event.organiser_id, where.organiser_id),
        (Event.series_id, where.series_id),
    ):
        if value is not None:
            query = query.where(column == value)
    if where.topic is not None:
        # Topics are checked slugs, so they hold no LIKE wildcards.
        query = query.where(("," + Event.topics + ",").contains(f",{where.topic},"))
    if where.starts_from is not None:
        query = query.where(Event.starts_at >= where.starts_from)
    if where.starts_before is not None:
        query = query.where(Event.starts_at < where.starts_before)
    return query
