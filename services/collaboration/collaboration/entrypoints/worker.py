"""Collaboration's worker: it relays its outbox, keeps its copy of members, seeds the library."""

import threading

from collaboration.bootstrap import bootstrap
from collaboration.service_layer.handlers import EVENT_HANDLERS, TOMBSTONE_HANDLERS
from collaboration.service_layer.seeding import seed_library
from qplatform.config import Settings
from qplatform.revocations import with_access_endings
from qplatform.worker import Worker


def build_worker(settings: Settings) -> Worker:
    """Return collaboration's background work."""
    runtime = bootstrap(settings)

    def seed_the_library(stop: threading.Event) -> None:
        with runtime.unit_of_work() as uow:
            seed_library(uow=uow)

    return Worker(
        runtime,
        handlers=with_access_endings(EVENT_HANDLERS),
        tombstone_handlers=TOMBSTONE_HANDLERS,
        loops=[seed_the_library],
    )
