"""Membership's worker: it relays its outbox and runs its loops; it consumes nothing yet."""

from membership.bootstrap import bootstrap
from membership.entrypoints.schedule import scheduled_loops
from qplatform.config import Settings
from qplatform.worker import Worker


def build_worker(settings: Settings) -> Worker:
    """Return membership's background work."""
    runtime = bootstrap(settings)
    return Worker(runtime, loops=[*scheduled_loops(runtime)])
