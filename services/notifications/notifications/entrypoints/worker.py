"""Notifications' worker: it keeps contacts and events, queues mail and sends it."""

from notifications.bootstrap import bootstrap, build_dispatcher, build_schedules
from notifications.service_layer.handlers import TOMBSTONE_HANDLERS, event_handlers
from qplatform.config import Settings
from qplatform.worker import Worker


def build_worker(settings: Settings) -> Worker:
    """Return notifications' background work."""
    runtime = bootstrap(settings)
    return Worker(
        runtime,
        handlers=event_handlers(settings),
        tombstone_handlers=TOMBSTONE_HANDLERS,
        loops=[build_dispatcher(runtime).run, *build_schedules(runtime)],
    )
