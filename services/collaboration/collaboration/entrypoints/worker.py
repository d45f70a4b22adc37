"""Collaboration's worker: it relays its outbox, keeps its copy of members, runs its schedule."""

from collaboration.bootstrap import bootstrap
from collaboration.config import ScheduleConfig
from collaboration.service_layer.handlers import EVENT_HANDLERS, TOMBSTONE_HANDLERS
from collaboration.service_layer.schedule import Schedule
from qplatform.config import Settings
from qplatform.revocations import with_access_endings
from qplatform.worker import Worker


def build_worker(settings: Settings) -> Worker:
    """Return collaboration's background work."""
    runtime = bootstrap(settings)
    schedule = Schedule(runtime.unit_of_work, ScheduleConfig.of(settings))
    return Worker(
        runtime,
        handlers=with_access_endings(EVENT_HANDLERS),
        tombstone_handlers=TOMBSTONE_HANDLERS,
        loops=[schedule.run],
    )
