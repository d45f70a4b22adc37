"""How the consumer runner treats each record, with the database real and no broker needed."""

from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from qplatform.config import Settings
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.errors import ArrivedEarly
from qplatform.events import CATALOG, Envelope
from qplatform.messaging.consumer import EventConsumer
from qplatform.messaging.dead_letters import RawRecord
from qplatform.messaging.handlers import Handler, ReceivedEvent
from qplatform.runtime import Runtime
from tests.shared.toy import (
    application_approved,
    approved,
    build_runtime,
    greet,
    greeted,
    member_joined,
    note_approval,
)


class ParkedRecords:
    """Stands in for the dead-letter topic, which these tests do not exercise."""

    def __init__(self) -> None:
        self.parked: list[tuple[RawRecord, BaseException, int]] = []

    def park(self, record: RawRecord, error: BaseException, *, attempts: int) -> None:
        self.parked.append((record, error, attempts))


@pytest.fixture
def runtime(tmp_path: Path) -> Runtime:
    settings = Settings.from_env("toy", env={}, database_url=f"sqlite:///{tmp_path}/toy.db")
    return build_runtime(settings)


def consumer(runtime: Runtime, handler: Handler, parked: ParkedRecords) -> EventConsumer:
    return EventConsumer(
        settings=runtime.settings,
        handlers={("member-joined", 1): handler, ("application-approved", 1): note_approval},
        unit_of_work=runtime.unit_of_work,
        dead_letters=parked,
    )  # type: ignore[arg-type]


def record_of(member_id: str, event_type: str = "member-joined", offset: int = 0) -> RawRecord:
    data = CATALOG.spec("member-joined", 1).serialise(member_joined(member_id))
    envelope = Envelope.new(
        type=event_type,
        version=1,
        source="membership",
        subject=member_id,
        correlation_id="c",
        data=data,
    )
    return RawRecord(
        "q.membership.member",
        0,
        offset,
        member_id.encode(),
        envelope.to_json().encode(),
        envelope.headers(),
    )


def test_a_handled_event_redelivered_is_a_duplicate(runtime: Runtime) -> None:
    parked = ParkedRecords()
    runner = consumer(runtime, greet, parked)
    record = record_of("m-1")
    assert [runner.process(record), runner.process(record)] == ["handled", "duplicate"]
    assert greeted(runtime) == ["m-1"]


def test_events_nobody_here_handles_are_passed_over(runtime: Runtime) -> None:
    runner = consumer(runtime, greet, ParkedRecords())
    assert runner.process(record_of("m-1", "application-submitted")) == "ignored"
    assert greeted(runtime) == []


def test_a_database_outage_delays_an_event_but_never_parks_it(runtime: Runtime) -> None:
    outages = iter(range(3))

    def greet_after_outage(uow: UnitOfWork, event: ReceivedEvent) -> None:
        if next(outages, None) is not None:
            raise OperationalError("SELECT 1", {}, ConnectionError("server closed the connection"))
        greet(uow, event)

    parked = ParkedRecords()
    runner = consumer(runtime, greet_after_outage, parked)
    assert runner.process(record_of("m-1")) == "handled"
    assert parked.parked == []


def test_a_failing_handler_leaves_no_half_written_effect(runtime: Runtime) -> None:
    def greet_then_fail(uow: UnitOfWork, event: ReceivedEvent) -> None:
        greet(uow, event)
        raise ValueError("bug after the write")

    parked = ParkedRecords()
    runner = consumer(runtime, greet_then_fail, parked)
    assert runner.process(record_of("m-1")) == "dead-lettered"
    assert greeted(runtime) == []
    assert parked.parked[0][2] == runtime.settings.max_handler_attempts


def test_a_tombstone_erases_its_key_through_the_topics_handler(runtime: Runtime) -> None:
    erased: list[str] = []
    runner = EventConsumer(
        settings=runtime.settings,
        handlers={},
        unit_of_work=runtime.unit_of_work,
        dead_letters=ParkedRecords(),  # type: ignore[arg-type]
        tombstone_handlers={"membership.member-contact": lambda uow, key: erased.append(key)},
    )
    contact_topic = runtime.settings.topic("membership.member-contact")
    assert runner.topics == [contact_topic]
    assert runner.process(RawRecord(contact_topic, 0, 5, b"m-1", None, [])) == "handled"
    assert runner.process(RawRecord("elsewhere", 0, 5, b"m-1", None, [])) == "ignored"
    assert erased == ["m-1"]


def approval_of(member_id: str) -> RawRecord:
    data = CATALOG.spec("application-approved", 1).serialise(application_approved(member_id))
    envelope = Envelope.new(
        type="application-approved",
        version=1,
        source="membership",
        subject="a-1",
        correlation_id="c",
        data=data,
    )
    return RawRecord(
        "q.membership.application", 1, 7, b"a-1", envelope.to_json().encode(), envelope.headers()
    )


def test_an_event_that_arrives_before_what_it_refers_to_waits_for_it(runtime: Runtime) -> None:
    parked = ParkedRecords()
    runner = consumer(runtime, greet, parked)
    early = approval_of("m-1")
    assert runner.process(early) == "deferred"
    assert runner.process(record_of("m-1")) == "handled"
    assert runner.process(early) == "handled"
    assert approved(runtime) == ["m-1"]
    assert parked.parked == []


def test_an_early_event_whose_prerequisite_never_comes_is_parked(tmp_path: Path) -> None:
    settings = Settings.from_env(
        "toy", env={"QP_EARLY_EVENT_WAIT_SECONDS": "0"}, database_url=f"sqlite:///{tmp_path}/t.db"
    )
    runtime = build_runtime(settings)
    parked = ParkedRecords()
    assert consumer(runtime, greet, parked).process(approval_of("m-9")) == "dead-lettered"
    assert isinstance(parked.parked[0][1], ArrivedEarly)
    assert approved(runtime) == []


def test_a_tombstone_met_by_a_database_outage_erases_once_the_database_is_back(
    runtime: Runtime,
) -> None:
    outages = iter(range(2))
    erased: list[str] = []

    def erase_after_outage(uow: UnitOfWork, key: str) -> None:
        if next(outages, None) is not None:
            raise OperationalError("DELETE", {}, ConnectionError("server closed the connection"))
        erased.append(key)

    parked = ParkedRecords()
    runner = EventConsumer(
        settings=runtime.settings,
        handlers={},
        unit_of_work=runtime.unit_of_work,
        dead_letters=parked,  # type: ignore[arg-type]
        tombstone_handlers={"membership.member-contact": erase_after_outage},
    )
    contact_topic = runtime.settings.topic("membership.member-contact")
    assert runner.process(RawRecord(contact_topic, 0, 5, b"m-1", None, [])) == "handled"
    assert erased == ["m-1"] and parked.parked == []


@pytest.mark.parametrize(
    "value", [b"[" * 100_000, b'{"id": ' * 5_000, b"\x00\xff", b"null", b"[]", b""]
)
def test_a_record_of_any_shape_is_parked_not_raised(runtime: Runtime, value: bytes) -> None:
    parked = ParkedRecords()
    runner = consumer(runtime, greet, parked)
    record = RawRecord("q.membership.member", 0, 1, b"m-1", value, [])
    assert runner.process(record) == "dead-lettered"
    assert len(parked.parked) == 1
