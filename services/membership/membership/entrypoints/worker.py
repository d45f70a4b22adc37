"""Membership's worker: it relays its outbox and runs its loops; it consumes nothing yet."""

from typing import Any

from membership.bootstrap import bootstrap
from membership.entrypoints.schedule import scheduled_loops
from qplatform.config import Settings
from qplatform.runtime import Runtime
from qplatform.worker import Worker


def build_worker(settings: Settings) -> Worker:
    """Return membership's background work."""
    # The shared Worker takes a Runtime of the base unit of work; Runtime is invariant in it.
    runtime: Runtime[Any] = bootstrap(settings)
    return Worker(runtime, loops=[*scheduled_loops(runtime)])
