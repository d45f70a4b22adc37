"""The events service's worker: it relays its outbox and keeps its copy of members."""

from events.bootstrap import bootstrap
from events.service_layer.handlers import EVENT_HANDLERS, TOMBSTONE_HANDLERS
from qplatform.config import Settings
from qplatform.revocations import with_access_endings
from qplatform.worker import Worker


def build_worker(settings: Settings) -> Worker:
    """Return the events service's background work."""
    return Worker(
        bootstrap(settings),
        handlers=with_access_endings(EVENT_HANDLERS),
        tombstone_handlers=TOMBSTONE_HANDLERS,
    )
