"""Listing Q's upcoming events and reading one of them."""

from datetime import UTC, datetime, timedelta

import pytest

from events.adapters.repositories.events import EventFilter
from events.domain import errors
from events.domain.model import EventStatus
from events.service_layer import programme
from qplatform.paging import PageRequest
from qplatform.runtime import Runtime
from tests.events.examples import STAFF_CALLER, details, member

NOW = datetime(2031, 3, 1, 12, 0, tzinfo=UTC)


def _create(runtime: Runtime, title: str, starts_in: timedelta, lasts: timedelta) -> str:
    with runtime.unit_of_work() as uow:
        starts = NOW + starts_in
        event = programme.create_event(
            uow=uow,
            caller=STAFF_CALLER,
            details=details(title=title, starts_at=starts, ends_at=starts + lasts),
        )
    return event.id


def page_of(offset: int, size: int) -> PageRequest:
    """Return the page that starts at `offset`, `size` items long."""
    return PageRequest(number=offset // size + 1, size=size)


def _titles(runtime: Runtime, offset: int = 0, limit: int = 10) -> tuple[list[str], int]:
    with runtime.unit_of_work() as uow:
        page = programme.upcoming_events(uow=uow, page=page_of(offset, limit), now=NOW)
    return [event.title for event in page.items], page.total


def test_upcoming_events_come_soonest_first(runtime: Runtime) -> None:
    for title, days in [("later", 9), ("soonest", 1), ("between", 4)]:
        _create(runtime, title, timedelta(days=days), timedelta(hours=1))
    assert _titles(runtime) == (["soonest", "between", "later"], 3)


def test_events_that_are_over_are_left_out_but_one_under_way_is_listed(runtime: Runtime) -> None:
    _create(runtime, "last week", timedelta(days=-7), timedelta(hours=2))
    _create(runtime, "just ended", timedelta(hours=-1), timedelta(hours=1))
    _create(runtime, "under way", timedelta(hours=-1), timedelta(hours=3))
    _create(runtime, "tomorrow", timedelta(days=1), timedelta(hours=1))
    assert _titles(runtime) == (["under way", "tomorrow"], 2)


def test_upcoming_events_come_a_page_at_a_time(runtime: Runtime) -> None:
    for day in range(1, 6):
        _create(runtime, f"day {day}", timedelta(days=day), timedelta(hours=1))
    assert _titles(runtime, offset=0, limit=2) == (["day 1", "day 2"], 5)
    assert _titles(runtime, offset=4, limit=2) == (["day 5"], 5)
    assert _titles(runtime, offset=6, limit=2) == ([], 5)


def test_no_upcoming_events_give_an_empty_page(runtime: Runtime) -> None:
    assert _titles(runtime) == ([], 0)


def test_an_event_is_read_by_its_id(runtime: Runtime) -> None:
    event_id = _create(runtime, "site visit", timedelta(days=2), timedelta(hours=4))
    with runtime.unit_of_work() as uow:
        event = programme.get_event(uow=uow, event_id=event_id)
    assert (event.id, event.title) == (event_id, "site visit")


def test_reading_an_unknown_event_is_not_found(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow, pytest.raises(errors.EventNotFound):
        programme.get_event(uow=uow, event_id="no-such-event")


def _add(runtime: Runtime, title: str, days: int, **changes: object) -> None:
    starts = NOW + timedelta(days=days)
    with runtime.unit_of_work() as uow:
        programme.create_event(
            uow=uow,
            caller=changes.pop("caller", STAFF_CALLER),  # type: ignore[arg-type]
            details=details(
                title=title, starts_at=starts, ends_at=starts + timedelta(hours=2), **changes
            ),
        )


def _found(runtime: Runtime, **criteria: object) -> list[str]:
    where = EventFilter(now=NOW, **criteria)  # type: ignore[arg-type]
    with runtime.unit_of_work() as uow:
        page = programme.find_events(uow=uow, where=where, page=PageRequest(1, 50))
    return [event.title for event in page.items]


@pytest.fixture
def season(runtime: Runtime) -> Runtime:
    """Hold a season of Q events: past and upcoming, in regions, pillars, kinds and topics."""
    _add(runtime, "past visit", -10, kind="site-visit", region="scotland")
    _add(runtime, "older webinar", -20, topics=("mental-health",))
    _add(runtime, "scottish visit", 3, kind="site-visit", region="scotland")
    _add(runtime, "webinar", 5, topics=("mental-health", "data"))
    _add(runtime, "twitter chat", 7, kind="twitter-chat", pillar="exchange", topics=("data",))
    _add(runtime, "members meetup", 9, kind="community", pillar="connect", caller=member("org"))
    return runtime


@pytest.mark.parametrize(
    ("criteria", "titles"),
    [
        ({}, ["scottish visit", "webinar", "twitter chat"]),
        ({"region": "scotland"}, ["scottish visit"]),
        ({"pillar": "exchange"}, ["twitter chat"]),
        ({"kind": "site-visit"}, ["scottish visit"]),
        ({"topic": "data"}, ["webinar", "twitter chat"]),
        ({"topic": "mental"}, []),
        ({"starts_from": NOW + timedelta(days=4)}, ["webinar", "twitter chat"]),
        ({"starts_before": NOW + timedelta(days=6)}, ["scottish visit", "webinar"]),
        ({"past": True}, ["past visit", "older webinar"]),
        ({"past": True, "topic": "mental-health"}, ["older webinar"]),
        ({"organiser_id": "org"}, []),
    ],
    ids=lambda value: str(value) if isinstance(value, dict) else None,
)
def test_events_are_found_by_region_pillar_kind_topic_and_dates(
    season: Runtime, criteria: dict[str, object], titles: list[str]
) -> None:
    assert _found(season, **criteria) == titles


def test_an_organisers_pending_events_are_found_only_when_asked_for(season: Runtime) -> None:
    statuses = (EventStatus.PENDING, EventStatus.PUBLISHED)
    assert _found(season, organiser_id="org", statuses=statuses) == ["members meetup"]


def test_events_at_the_same_time_keep_one_order_across_pages(runtime: Runtime) -> None:
    for n in range(5):
        _add(runtime, f"same time {n}", 2)
    where = EventFilter(now=NOW)
    pages = []
    for offset in range(0, 5, 2):
        with runtime.unit_of_work() as uow:
            page = programme.find_events(uow=uow, where=where, page=page_of(offset, 2))
        pages += [event.id for event in page.items]
    assert len(set(pages)) == 5
    assert pages == sorted(pages)
