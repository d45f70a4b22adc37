"""The one clock tells aware times, stands still in tests, and drives scheduled loops."""

import threading
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from qplatform.clock import SYSTEM_CLOCK, FixedClock, community_today
from qplatform.schedule import every


def test_the_system_clock_tells_the_current_time_in_utc() -> None:
    before = datetime.now(UTC)
    told = SYSTEM_CLOCK.now()
    assert told.tzinfo is not None
    assert before <= told <= datetime.now(UTC)


def test_a_fixed_clock_stands_still_until_moved() -> None:
    clock = FixedClock(datetime(2026, 12, 1, 9, tzinfo=UTC))
    assert clock.now() == clock.now() == datetime(2026, 12, 1, 9, tzinfo=UTC)

    clock.advance(timedelta(hours=2))
    assert clock.now() == datetime(2026, 12, 1, 11, tzinfo=UTC)

    clock.set(datetime(2027, 1, 1, tzinfo=UTC))
    assert clock.now() == datetime(2027, 1, 1, tzinfo=UTC)


def test_a_fixed_clock_refuses_a_naive_time() -> None:
    with pytest.raises(ValueError, match="aware"):
        FixedClock(datetime(2026, 12, 1, 9))


@pytest.mark.parametrize(
    ("instant", "uk_date"),
    [
        # Midnight in London during summer time is 23:00 UTC the day before.
        (datetime(2026, 6, 30, 23, 30, tzinfo=UTC), date(2026, 7, 1)),
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), date(2026, 12, 31)),
        (datetime(2026, 7, 1, 1, 0, tzinfo=timezone(timedelta(hours=5))), date(2026, 6, 30)),
    ],
)
def test_the_community_calendar_is_the_uk_one(instant: datetime, uk_date: date) -> None:
    assert community_today(FixedClock(instant)) == uk_date


def test_a_scheduled_job_runs_with_the_clocks_time_at_every_tick() -> None:
    clock = FixedClock(datetime(2026, 12, 1, 9, tzinfo=UTC))
    seen: list[datetime] = []
    stop = threading.Event()

    def job(moment: datetime) -> None:
        seen.append(moment)
        clock.advance(timedelta(minutes=1))
        if len(seen) == 3:
            stop.set()

    every(0.0, job, clock=clock)(stop)

    assert seen == [datetime(2026, 12, 1, 9, m, tzinfo=UTC) for m in range(3)]


def test_a_failing_job_is_tried_again_at_the_next_tick() -> None:
    attempts: list[datetime] = []
    stop = threading.Event()

    def flaky(moment: datetime) -> None:
        attempts.append(moment)
        if len(attempts) == 2:
            stop.set()
        raise RuntimeError("the mail server is away")

    every(0.0, flaky, clock=FixedClock(datetime(2026, 12, 1, tzinfo=UTC)))(stop)

    assert len(attempts) == 2
