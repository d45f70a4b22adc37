"""Run scheduled jobs: the month's digest once on its day and hour, and the like."""

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from notifications.adapters.copies import DigestRuns
from notifications.domain.digest import Month
from notifications.domain.model import now
from notifications.service_layer.digests import queue_digests
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.errors import Conflict
from qplatform.tracing import flow

log = logging.getLogger(__name__)

CATCH_UP = timedelta(days=3)


def digest_due(moment: datetime, *, day: int, hour: int) -> Month | None:
    """Return the month whose digest is due at `moment`, or None outside its window.

    The window lasts CATCH_UP from the digest's day and hour, so a worker that was down
    catches up, but a service first started late in a month does not mail everyone at once.
    """
    month = Month.of(moment)
    due = month.starts_at + timedelta(days=day - 1, hours=hour)
    return month if due <= moment < due + CATCH_UP else None


def periodic(
    job: Callable[[datetime], int], *, seconds: float
) -> Callable[[threading.Event], None]:
    """Return a worker loop that runs `job` with the time every `seconds` until stopped."""

    name = getattr(job, "__qualname__", "job")

    def run(stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                # Each run is a flow of its own: its own trace and correlation id.
                with flow(f"scheduled {name}"):
                    job(now())
            except Exception:
                log.exception("a scheduled job failed; will retry", extra={"job": repr(job)})
            stop.wait(seconds)

    run.__qualname__ = f"periodic({name})"
    return run


class DigestSchedule:
    """Queue the month's digest when it is due, once."""

    def __init__(self, *, uow_factory: Callable[[], UnitOfWork], day: int, hour: int) -> None:
        self._uow_factory = uow_factory
        self._day, self._hour = day, hour

    def run_once(self, moment: datetime) -> int:
        """Queue the digest due at `moment` unless it is queued already; return how many."""
        month = digest_due(moment, day=self._day, hour=self._hour)
        if month is None:
            return 0
        with self._uow_factory() as uow:
            run = DigestRuns(uow.session).get(month.name)
            if run is not None and run.messages > 0:
                return 0
            try:
                count = queue_digests(uow=uow, month=month)
            except Conflict:
                return 0
        log.info("digest queued", extra={"month": month.name, "messages": count})
        return count
