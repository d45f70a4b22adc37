"""Use cases of series: starting one, showing it with its events, and joining events to it."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from events.adapters.repositories.events import EventFilter
from events.domain import errors
from events.domain.model import Event
from events.domain.series import Series
from events.service_layer.unit_of_work import EventsUnitOfWork
from qplatform.identity import STAFF, Caller
from qplatform.paging import Page, PageRequest

# A series' page and feed list at most this many events, upcoming and past each.
EVENTS_MAX = 200


@dataclass(frozen=True)
class ShownSeries:
    """A series with its published events, upcoming soonest first and past latest first."""

    series: Series
    upcoming: list[Event]
    past: list[Event]
    calendar_url: str = ""

    def __getattr__(self, name: str) -> Any:
        return getattr(self.series, name)


def start_series(
    *, uow: EventsUnitOfWork, title: str, pillar: str, description: str | None, caller: Caller
) -> Series:
    """Start a series the caller organises."""
    series = Series.start(
        title=title,
        pillar=pillar,
        description=description,
        organiser_id=caller.member_id,
        now=uow.clock.now(),
    )
    uow.event_series.add(series)
    data = {
        "series_id": series.id,
        "title": series.title,
        "pillar": series.pillar,
        "organiser_id": series.organiser_id,
        "created_at": series.created_at,
    }
    uow.publish("series-created", subject=series.id, data=data)
    uow.commit()
    return series


def all_series(*, uow: EventsUnitOfWork, page: PageRequest) -> Page[Series]:
    """Return a page of every series, newest first."""
    return uow.event_series.newest_first(page)


def show_series(*, uow: EventsUnitOfWork, series_id: str) -> ShownSeries:
    """Return the series with its published events."""
    series = get_series(uow, series_id)
    now, events = uow.clock.now(), uow.events
    upcoming = events.first(EventFilter(now=now, series_id=series.id), EVENTS_MAX)
    where = EventFilter(now=now, past=True, series_id=series.id)
    return ShownSeries(series, upcoming, events.first(where, EVENTS_MAX))


def calendar_events(*, uow: EventsUnitOfWork, series_id: str) -> tuple[Series, list[Event]]:
    """Return the series and its published events that ended at most 90 days ago."""
    series = get_series(uow, series_id)
    where = EventFilter(now=uow.clock.now() - timedelta(days=90), series_id=series.id)
    return series, uow.events.first(where, EVENTS_MAX)


def check_joinable(uow: EventsUnitOfWork, series_id: str | None, caller: Caller) -> None:
    """Refuse to put an event in a series that does not exist or the caller does not run."""
    if series_id is None:
        return
    series = uow.event_series.get(series_id)
    if series is None:
        raise errors.UnknownSeries("no series with that id", field="series_id")
    if series.organiser_id is None:
        caller.ensure_role(STAFF)
    else:
        caller.ensure_may_act_for(series.organiser_id, "add events to this series")


def get_series(uow: EventsUnitOfWork, series_id: str) -> Series:
    """Return the series with `series_id`."""
    series = uow.event_series.get(series_id)
    if series is None:
        raise errors.SeriesNotFound("no series with that id")
    return series
