"""One clock for the whole platform, injected wherever time is read.

Production code asks a `Clock` for the time instead of calling `datetime.now`, so tests
(and schedules) can run at chosen instants: a `FixedClock` stands still until told to move.
"""

from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

# Q's calendar: a digest due "on the 1st" is due on the 1st in the UK, not in UTC.
COMMUNITY_TIMEZONE = ZoneInfo("Europe/London")


class Clock(Protocol):
    """Tells the time: an aware UTC datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        """Return the current time in UTC."""
        return datetime.now(UTC)


class FixedClock:
    """A clock that stands still at a chosen instant until moved; for tests and replays."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("a clock tells aware times; give `at` a timezone")
        self._at = at.astimezone(UTC)

    def now(self) -> datetime:
        """Return the instant the clock stands at."""
        return self._at

    def set(self, at: datetime) -> None:
        """Move the clock to `at`."""
        self._at = at.astimezone(UTC)

    def advance(self, by: timedelta) -> None:
        """Move the clock forward by `by`."""
        self._at += by


SYSTEM_CLOCK: Clock = SystemClock()


def community_today(clock: Clock) -> date:
    """Return the date it is in the UK, where Q's calendar runs."""
    return clock.now().astimezone(COMMUNITY_TIMEZONE).date()
