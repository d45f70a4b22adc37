"""Collaboration's worker: it relays its outbox, keeps its copy of members, runs its schedule."""

import threading

from collaboration.bootstrap import bootstrap
from collaboration.entrypoints.schedule import scheduled_loops
from collaboration.service_layer.handlers import EVENT_HANDLERS, TOMBSTONE_HANDLERS
from collaboration.service_layer.seeding import seed_library
from collaboration.service_layer.unit_of_work import CollaborationUnitOfWork
from qplatform.config import Settings
from qplatform.revocations import with_access_endings
from qplatform.runtime import Runtime
from qplatform.schedule import Loop
from qplatform.worker import Worker


def build_worker(settings: Settings) -> Worker:
    """Return collaboration's background work."""
    runtime = bootstrap(settings)
    return Worker(
        runtime,
        handlers=with_access_endings(EVENT_HANDLERS),
        tombstone_handlers=TOMBSTONE_HANDLERS,
        loops=[seeding(runtime), *scheduled_loops(runtime)],
    )


def seeding(runtime: Runtime[CollaborationUnitOfWork]) -> Loop:
    """Return a loop that seeds the library once when the worker starts, then ends."""

    def seed_the_library(stop: threading.Event) -> None:
        with runtime.unit_of_work() as uow:
            seed_library(uow=uow)

    return seed_the_library
