"""The events service's worker: it relays its outbox; it consumes nothing yet."""

from events.bootstrap import bootstrap
from qplatform.config import Settings
from qplatform.worker import Worker


def build_worker(settings: Settings) -> Worker:
    """Return the events service's background work."""
    return Worker(bootstrap(settings))
