"""The event pipe at speed: a poll's events share a transaction, a commit wakes the relay."""

import time
from collections.abc import Callable
from dataclasses import replace

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from prometheus_client import REGISTRY
from sqlalchemy import event, func, insert, select

from qplatform.config import Settings
from qplatform.messaging.producer import EventProducer, Record
from qplatform.messaging.relay import OutboxRelay
from qplatform.messaging.security import client_security
from qplatform.messaging.topics import ensure_topics
from qplatform.worker import Worker
from tests.shared.toy import (
    GREETINGS,
    PLUMBING,
    build_runtime,
    build_worker,
    greeted,
    joined_envelope,
    member_joined,
)
from tests.support.principals import ADMIN, AS_OPERATOR, signed_in_as
from tests.support.running import running
from tests.support.topics import read_topic
from tests.support.waiting import wait_until

pytestmark = [pytest.mark.kafka]

MEMBERS = "membership.member"
BURST = 40


@pytest.fixture
def settings(
    settings_for: Callable[..., Settings],
    fresh_database: Callable[[str, str], str],
    database_backend: str,
    kafka_bootstrap: str,
) -> Settings:
    url = fresh_database("membership", database_backend)
    settings = settings_for("toy", database_url=url, kafka_bootstrap=kafka_bootstrap, **AS_OPERATOR)
    ensure_topics(settings)
    return settings


def produce_joins(settings: Settings, names: list[str]) -> None:
    """Put one member-joined per name on the member topic in one go, keyed m-0, m-1, ..."""
    records = []
    for n, name in enumerate(names):
        member_id = f"m-{n}"
        envelope = joined_envelope(member_id, name)
        value = envelope.to_json().encode()
        records.append(Record(settings.topic(MEMBERS), member_id, value, envelope.headers()))
    producer = EventProducer(
        settings.kafka_bootstrap, client_id="test", security=client_security(settings)
    )
    producer.send_all(records)
    producer.close()


def consumed(outcome: str) -> float:
    labels = {"service": "toy", "type": "member-joined", "outcome": outcome}
    return REGISTRY.get_sample_value("qp_events_consumed_total", labels) or 0.0


def inbox_commits(worker: Worker) -> int:
    """Return how many transactions recorded handled events (each stamps its rows alike)."""
    with worker.runtime.engine.connect() as connection:
        inbox = PLUMBING.inbox
        return int(
            connection.execute(select(func.count(func.distinct(inbox.c.handled_at)))).scalar_one()
        )


def test_a_polls_events_are_handled_in_a_few_transactions_not_one_each(settings: Settings) -> None:
    produce_joins(settings, [f"Member {n}" for n in range(BURST)])
    worker = build_worker(settings)
    with running(worker):
        wait_until(lambda: len(greeted(worker.runtime)) == BURST, message="every member greeted")
        assert inbox_commits(worker) <= BURST // 4


def test_one_poison_event_in_a_batch_is_parked_and_the_others_are_handled_once(
    settings: Settings,
) -> None:
    names = [f"Member {n}" for n in range(BURST)]
    names[BURST // 2] = "poison"
    before = {outcome: consumed(outcome) for outcome in ("handled", "duplicate", "dead-lettered")}
    produce_joins(settings, names)
    worker = build_worker(settings)
    with running(worker):
        wait_until(lambda: consumed("dead-lettered") > before["dead-lettered"], message="parked")
        wait_until(lambda: len(greeted(worker.runtime)) == BURST - 1, message="others greeted")
        others = [f"m-{n}" for n in range(BURST) if n != BURST // 2]
        assert sorted(greeted(worker.runtime)) == sorted(others)
        with worker.runtime.engine.connect() as connection:
            handled = connection.execute(select(func.count()).select_from(PLUMBING.inbox))
            assert handled.scalar_one() == BURST - 1
    notes = read_topic(settings.kafka_bootstrap, settings.dead_letter_topic, until=lambda s: s)
    assert [note.key for note in notes] == [f"m-{BURST // 2}"]
    assert consumed("handled") - before["handled"] == BURST - 1
    assert consumed("duplicate") == before["duplicate"]


def test_an_insert_the_database_refuses_in_a_batch_parks_that_event_alone(
    settings: Settings,
) -> None:
    # The batch's INSERTs are not waited for one by one: the refusal arrives at the end of
    # the batch, which is then taken one event at a time.
    refused = f"m-{BURST // 2}"
    worker = build_worker(settings)
    with worker.runtime.unit_of_work() as uow:
        uow.session.execute(insert(GREETINGS).values(member_id=refused, name="already here"))
        uow.commit()
    produce_joins(settings, [f"Member {n}" for n in range(BURST)])
    with running(worker):
        wait_until(lambda: len(greeted(worker.runtime)) == BURST, message="others greeted")
        notes = read_topic(settings.kafka_bootstrap, settings.dead_letter_topic, until=lambda s: s)
        with worker.runtime.engine.connect() as connection:
            handled = connection.execute(select(PLUMBING.inbox.c.event_id)).scalars().all()
            names = dict(connection.execute(select(GREETINGS.c.member_id, GREETINGS.c.name)).all())
    assert [note.key for note in notes] == [refused]
    assert len(handled) == BURST - 1
    assert names[refused] == "already here"
    assert names["m-0"] == "Member 0"


def test_a_stopping_consumer_leaves_its_offsets_committed_at_the_end_of_what_it_handled(
    settings: Settings,
) -> None:
    # Offsets are committed without waiting while the consumer runs; the last one is
    # waited for as it stops, so the group's next member starts after what was handled.
    produce_joins(settings, [f"Member {n}" for n in range(BURST)])
    worker = build_worker(settings)
    with running(worker):
        wait_until(lambda: len(greeted(worker.runtime)) == BURST, message="every member greeted")
    reader = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, **signed_in_as(ADMIN))
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, **signed_in_as(ADMIN))
    try:
        topic = settings.topic(MEMBERS)
        partitions = [TopicPartition(topic, p) for p in reader.partitions_for_topic(topic)]
        ends = reader.end_offsets(partitions)
        committed = admin.list_group_offsets(settings.consumer_group)[settings.consumer_group]
    finally:
        reader.close()
        admin.close()
    assert sum(ends.values()) == BURST
    assert {p: committed[p].offset for p in partitions if ends[p]} == {
        p: end for p, end in ends.items() if end
    }


@pytest.mark.parametrize("database_backend", ["postgres"])
def test_a_relay_pass_reads_each_batch_in_one_statement_and_marks_it_in_one(
    settings: Settings,
) -> None:
    runtime = build_runtime(settings)
    with runtime.unit_of_work() as uow:
        for n in range(250):
            uow.publish("member-joined", subject=f"m-{n}", data=member_joined(f"m-{n}"))
        uow.commit()
    statements: list[str] = []
    event.listen(runtime.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    producer = EventProducer(
        settings.kafka_bootstrap, client_id="relay", security=client_security(settings)
    )
    relay = OutboxRelay(
        service="toy", engine=runtime.engine, tables=PLUMBING, producer=producer, batch_size=100
    )
    try:
        assert relay.publish_pending() == 250
    finally:
        producer.close()
        runtime.close()
    on_outbox = [s.split()[0] for s in statements if "outbox" in s]
    # Batches of 100, 100 and 50, each marked once the broker has it, then one read that
    # finds the outbox empty.
    assert on_outbox.count("SELECT") == 4
    assert on_outbox.count("UPDATE") == 3
    assert len(on_outbox) == 7
    seen = read_topic(
        settings.kafka_bootstrap, settings.topic(MEMBERS), until=lambda s: len(s) >= 250
    )
    assert sorted(record.key for record in seen) == sorted(f"m-{n}" for n in range(250))


@pytest.mark.parametrize("database_backend", ["postgres"])
def test_a_commit_wakes_the_relay_long_before_its_idle_poll(
    settings_for: Callable[..., Settings],
    fresh_database: Callable[[str, str], str],
    kafka_bootstrap: str,
    database_backend: str,
) -> None:
    url = fresh_database("membership", database_backend)
    settings = settings_for("toy", database_url=url, kafka_bootstrap=kafka_bootstrap, **AS_OPERATOR)
    ensure_topics(settings)
    # An idle poll far longer than the wait below: only the commit's signal can be in time.
    worker = Worker(build_runtime(replace(settings, idle_poll_seconds=60.0)))
    topic = settings.topic(MEMBERS)

    def stage(member_id: str) -> None:
        with worker.runtime.unit_of_work() as uow:
            uow.publish("member-joined", subject=member_id, data=member_joined(member_id))
            uow.commit()

    with running(worker):
        stage("m-first")
        read_topic(settings.kafka_bootstrap, topic, until=lambda s: len(s) >= 1)
        started = time.monotonic()
        stage("m-second")
        seen = read_topic(settings.kafka_bootstrap, topic, until=lambda s: len(s) >= 2, timeout=10)
        waited = time.monotonic() - started
    assert [record.key for record in seen] == ["m-first", "m-second"]
    assert waited < 5
