"""Capacity holds when many members register for the last place at the same moment."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from events.adapters.storage import PLUMBING
from events.bootstrap import bootstrap
from events.domain.registrations import RegistrationStatus
from events.service_layer import programme, registering
from events.service_layer.unit_of_work import EventsUnitOfWork
from qplatform.config import Settings
from qplatform.db.engine import make_session_factory
from tests.events.examples import STAFF_CALLER, details, staged_types

RACERS = 50


def test_fifty_members_racing_for_the_last_place_give_one_confirmation(
    settings_for: Callable[..., Settings], fresh_database: Callable[[str, str], str]
) -> None:
    settings = settings_for("events", database_url=fresh_database("events", "postgres"))
    runtime = bootstrap(settings)
    with runtime.unit_of_work() as uow:
        event = programme.create_event(uow=uow, details=details(capacity=2), caller=STAFF_CALLER)
    with runtime.unit_of_work() as uow:
        registering.register(uow=uow, event_id=event.id, member_id="early-bird")
    start = Barrier(RACERS)

    # One connection per racer, all open before anyone registers, so they truly overlap.
    engine = create_engine(settings.database_url, poolclass=NullPool)
    sessions = make_session_factory(engine)

    def race(n: int) -> RegistrationStatus:
        uow = EventsUnitOfWork(
            sessions, tables=PLUMBING, source="events", topic_prefix=settings.topic_prefix
        )
        with uow:
            uow.session.connection()
            start.wait()
            return registering.register(uow=uow, event_id=event.id, member_id=f"m{n}").status

    with ThreadPoolExecutor(max_workers=RACERS) as pool:
        outcomes = list(pool.map(race, range(RACERS)))
    types = staged_types(runtime.engine)
    engine.dispose()
    runtime.close()
    assert outcomes.count(RegistrationStatus.CONFIRMED) == 1
    assert outcomes.count(RegistrationStatus.WAITLISTED) == RACERS - 1
    assert types.count("registration-confirmed") == 2
    assert types.count("registration-waitlisted") == RACERS - 1
