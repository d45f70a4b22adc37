"""Matching's worker: it relays its outbox, keeps its copy of members, and runs rounds."""

from matching.bootstrap import bootstrap
from matching.entrypoints.schedule import scheduled_loops
from matching.service_layer.handlers import EVENT_HANDLERS, TOMBSTONE_HANDLERS
from qplatform.config import Settings
from qplatform.revocations import with_access_endings
from qplatform.worker import Worker


def build_worker(settings: Settings) -> Worker:
    """Return matching's background work."""
    runtime = bootstrap(settings)
    return Worker(
        runtime,
        handlers=with_access_endings(EVENT_HANDLERS),
        tombstone_handlers=TOMBSTONE_HANDLERS,
        loops=[*scheduled_loops(runtime)],
    )
