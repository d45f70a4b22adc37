"""The in-memory unit of work keeps only what a use case committed, as the real one does."""

from datetime import UTC, datetime

import pytest

from qplatform.clock import FixedClock
from qplatform.db.memory import InMemoryUnitOfWork
from qplatform.errors import EventContractViolation

EXAMPLE = {"member_id": "m-1", "left_at": datetime(2026, 12, 1, 9, tzinfo=UTC)}


def test_events_published_and_committed_are_kept() -> None:
    uow = InMemoryUnitOfWork(source="membership")
    with uow:
        uow.publish("member-left", subject="m-1", data=EXAMPLE)
        uow.commit()

    assert uow.committed
    assert [e.type for e in uow.published] == ["member-left"]
    assert uow.published[0].source == "membership"


def test_events_of_a_unit_left_without_commit_are_dropped() -> None:
    uow = InMemoryUnitOfWork(source="membership")
    with uow:
        uow.publish("member-left", subject="m-1", data=EXAMPLE)

    assert not uow.committed
    assert uow.published == []


def test_an_event_off_its_contract_is_refused_as_the_real_one_would() -> None:
    uow = InMemoryUnitOfWork(source="membership")
    with uow, pytest.raises(EventContractViolation):
        uow.publish("member-left", subject="m-1", data={"nonsense": True})


def test_an_event_is_handled_once() -> None:
    uow = InMemoryUnitOfWork(source="events")
    with uow:
        envelope = uow.publish("member-left", subject="m-1", data=EXAMPLE)
    assert uow.record_first_handling([envelope, envelope]) == {envelope.id}
    assert uow.record_first_handling([envelope]) == set()
    assert uow.has_handled(envelope.id)


def test_the_use_case_reads_the_clock_it_was_given() -> None:
    clock = FixedClock(datetime(2026, 12, 1, 9, tzinfo=UTC))
    assert InMemoryUnitOfWork(source="events", clock=clock).clock.now() == clock.now()
