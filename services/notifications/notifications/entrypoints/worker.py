"""Notifications' worker: it keeps contacts and events, queues mail and sends it."""

from notifications.bootstrap import bootstrap, build_dispatcher
from notifications.service_layer.handlers import EVENT_HANDLERS
from qplatform.config import Settings
from qplatform.worker import Worker


def build_worker(settings: Settings) -> Worker:
    """Return notifications' background work."""
    runtime = bootstrap(settings)
    return Worker(runtime, handlers=EVENT_HANDLERS, loops=[build_dispatcher(runtime).run])
