"""Matching's worker: it relays its outbox and keeps its copy of Q's members."""

from matching.bootstrap import bootstrap
from matching.service_layer.handlers import EVENT_HANDLERS
from qplatform.config import Settings
from qplatform.worker import Worker


def build_worker(settings: Settings) -> Worker:
    """Return matching's background work."""
    return Worker(bootstrap(settings), handlers=EVENT_HANDLERS)
