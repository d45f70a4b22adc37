"""Scheduled work as worker loops: a job run at every tick of the clock until stopped.

Each service lists its scheduled jobs in `entrypoints/schedule.py` (`scheduled_loops`) and
its worker runs them; the jobs themselves are service-layer use cases that take the time
they run at, so tests call them at chosen instants.
"""

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from qplatform.clock import SYSTEM_CLOCK, Clock
from qplatform.tracing import flow

log = logging.getLogger(__name__)

Loop = Callable[[threading.Event], None]
Job = Callable[[datetime], object]


def every(seconds: float, job: Job, *, clock: Clock = SYSTEM_CLOCK, name: str = "") -> Loop:
    """Return a worker loop that runs `job` with the time every `seconds` until stopped.

    A job that fails is logged and tried again at the next tick: a schedule never stops
    the worker, and the next tick finds whatever is still due.
    """
    label = name or getattr(job, "__qualname__", "job")

    def run(stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                # Each run is a flow of its own: its own trace and correlation id.
                with flow(f"scheduled {label}"):
                    job(clock.now())
            except Exception:
                log.exception("a scheduled job failed; will retry", extra={"job": label})
            stop.wait(seconds)

    run.__qualname__ = f"every({label})"
    return run
