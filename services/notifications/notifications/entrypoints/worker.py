"""Notifications' worker: it keeps contacts and events, queues mail and sends it."""

from notifications.bootstrap import bootstrap, build_dispatcher
from notifications.entrypoints.schedule import scheduled_loops
from notifications.service_layer.handlers import TOMBSTONE_HANDLERS, event_handlers
from qplatform.config import Settings
from qplatform.worker import Worker


def build_worker(settings: Settings) -> Worker:
    """Return notifications' background work: events, the mail dispatcher and the schedule."""
    runtime = bootstrap(settings)
    dispatcher = build_dispatcher(runtime)
    return Worker(
        runtime,
        handlers=event_handlers(settings),
        tombstone_handlers=TOMBSTONE_HANDLERS,
        loops=[dispatcher.run, *scheduled_loops(runtime)],
    )
