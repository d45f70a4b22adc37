"""The outbox relay and the consumer runner against the real broker and databases."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType
from prometheus_client import REGISTRY
from sqlalchemy import func, insert, select

from qplatform.config import Settings
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import CATALOG, Envelope
from qplatform.messaging.handlers import ReceivedEvent
from qplatform.messaging.producer import DeliveryError, EventProducer, Record
from qplatform.messaging.relay import OutboxRelay
from qplatform.messaging.security import client_security
from qplatform.messaging.topics import ensure_topics
from qplatform.runtime import Runtime
from qplatform.worker import Worker
from tests.shared.toy import (
    GREETINGS,
    PLUMBING,
    application_approved,
    approved,
    build_runtime,
    build_worker,
    greeted,
    joined_envelope,
    member_joined,
    note_approval,
)
from tests.support.principals import AS_OPERATOR
from tests.support.running import running
from tests.support.topics import read_topic
from tests.support.waiting import wait_until

MEMBERS = "membership.member"


@pytest.fixture
def settings(
    settings_for: Callable[..., Settings],
    fresh_database: Callable[[str, str], str],
    database_backend: str,
    kafka_bootstrap: str,
) -> Settings:
    # The toy borrows membership's database on PostgreSQL; its tables are created beside it.
    url = fresh_database("membership", database_backend)
    # The toy is no service of the platform: it signs in as the operator.
    settings = settings_for("toy", database_url=url, kafka_bootstrap=kafka_bootstrap, **AS_OPERATOR)
    ensure_topics(settings)
    return settings


def stage(runtime: Runtime, member_id: str, name: str = "Asha Patel") -> Envelope:
    with runtime.unit_of_work() as uow:
        envelope = uow.publish(
            "member-joined", subject=member_id, data=member_joined(member_id, name)
        )
        uow.commit()
    return envelope


def produce(settings: Settings, *values: tuple[str, bytes, list[tuple[str, bytes]]]) -> None:
    producer = EventProducer(
        settings.kafka_bootstrap, client_id="test", security=client_security(settings)
    )
    producer.send_all(
        [Record(settings.topic(MEMBERS), key, value, headers) for key, value, headers in values]
    )
    producer.close()


def wire(member_id: str, name: str = "Asha Patel") -> tuple[str, bytes, list[tuple[str, bytes]]]:
    envelope = joined_envelope(member_id, name)
    return member_id, envelope.to_json().encode(), envelope.headers()


def test_an_event_that_overtakes_what_it_refers_to_is_handled_after_it(settings: Settings) -> None:
    data = CATALOG.spec("application-approved", 1).serialise(application_approved("m-7"))
    approval = Envelope.new(
        type="application-approved",
        version=1,
        source="membership",
        subject="a-m-7",
        correlation_id="test",
        data=data,
    )
    producer = EventProducer(
        settings.kafka_bootstrap, client_id="test", security=client_security(settings)
    )
    producer.send_all(
        [
            Record(
                settings.topic("membership.application"),
                "a-m-7",
                approval.to_json().encode(),
                approval.headers(),
            )
        ]
    )
    producer.close()
    handlers = {("member-joined", 1): greet_anyone, ("application-approved", 1): note_approval}
    worker = Worker(build_runtime(settings), handlers=handlers)
    held, parked = outcomes(settings, "deferred"), outcomes(settings, "dead-lettered")
    with running(worker):
        wait_until(lambda: outcomes(settings, "deferred") > held, message="approval held back")
        produce(settings, wire("m-7"))
        wait_until(lambda: approved(worker.runtime) == ["m-7"], message="approval handled")
    assert outcomes(settings, "dead-lettered") == parked


def test_a_workers_tombstone_handler_erases_the_key_of_a_tombstone(settings: Settings) -> None:
    erased: list[str] = []
    contacts = "membership.member-contact"
    worker = Worker(
        build_runtime(settings),
        tombstone_handlers={contacts: lambda uow, key: erased.append(key)},
    )
    producer = EventProducer(
        settings.kafka_bootstrap, client_id="test", security=client_security(settings)
    )
    producer.send_all([Record(settings.topic(contacts), "m-8", None, [])])
    producer.close()
    with running(worker):
        wait_until(lambda: erased == ["m-8"], message="the tombstone's key erased")


def test_compacted_topics_keep_records_and_tombstones_for_a_lagging_consumer(
    settings: Settings,
) -> None:
    admin = KafkaAdminClient(
        bootstrap_servers=settings.kafka_bootstrap, **client_security(settings)
    )
    topic = settings.topic("membership.member-contact")
    resource = ConfigResource(ConfigResourceType.TOPIC, topic)

    def configs() -> dict[str, str]:
        found = admin.describe_configs([resource])["topic"][topic]
        return {name: entry["value"] for name, entry in found.items()}

    try:
        found = wait_until(configs, message="the topic's configuration")
    finally:
        admin.close()
    week = str(7 * 24 * 3600 * 1000)
    assert found["cleanup.policy"] == "compact"
    assert found["min.compaction.lag.ms"] == week
    assert found["delete.retention.ms"] == week


def outcomes(settings: Settings, outcome: str) -> float:
    labels = {"service": settings.service, "type": "application-approved", "outcome": outcome}
    return REGISTRY.get_sample_value("qp_events_consumed_total", labels) or 0.0


def test_relay_publishes_each_members_events_in_order_on_one_partition(settings: Settings) -> None:
    runtime = build_runtime(settings)
    staged = [stage(runtime, member) for member in ["m-1", "m-2", "m-1", "m-1", "m-2"]]
    relay = OutboxRelay(
        service="toy",
        engine=runtime.engine,
        tables=PLUMBING,
        producer=EventProducer(
            settings.kafka_bootstrap, client_id="relay", security=client_security(settings)
        ),
    )
    assert relay.publish_pending() == 5

    seen = read_topic(
        settings.kafka_bootstrap, settings.topic(MEMBERS), until=lambda s: len(s) >= 5
    )
    mine = [record for record in seen if record.key == "m-1"]
    assert [r.value["id"] for r in mine if r.value] == [e.id for e in staged if e.subject == "m-1"]
    assert len({record.partition for record in mine}) == 1
    assert all(r.headers["event-type"] == "member-joined" for r in seen)
    assert relay.publish_pending() == 0
    runtime.close()


def test_relay_keeps_events_while_the_broker_is_unreachable(settings: Settings) -> None:
    runtime = build_runtime(settings)
    stage(runtime, "m-1")
    unreachable = EventProducer("127.0.0.1:1", client_id="relay", timeout_seconds=1)
    relay = OutboxRelay(service="toy", engine=runtime.engine, tables=PLUMBING, producer=unreachable)
    with pytest.raises(DeliveryError):
        relay.publish_pending()
    with runtime.engine.connect() as connection:
        pending = select(func.count()).where(PLUMBING.outbox.c.published_at.is_(None))
        assert connection.execute(pending).scalar_one() == 1

    relay = OutboxRelay(
        service="toy",
        engine=runtime.engine,
        tables=PLUMBING,
        producer=EventProducer(
            settings.kafka_bootstrap, client_id="relay", security=client_security(settings)
        ),
    )
    assert relay.publish_pending() == 1
    runtime.close()


def test_the_same_event_delivered_twice_has_one_effect(settings: Settings) -> None:
    first = wire("m-1")
    produce(settings, first, first)
    worker = build_worker(settings)
    with running(worker):
        wait_until(lambda: "m-1" in greeted(worker.runtime), message="m-1 greeted")
        produce(settings, first, wire("m-2"))
        wait_until(lambda: "m-2" in greeted(worker.runtime), message="m-2 greeted")
        assert sorted(greeted(worker.runtime)) == ["m-1", "m-2"]
        with worker.runtime.engine.connect() as connection:
            handled = connection.execute(select(func.count()).select_from(PLUMBING.inbox))
            assert handled.scalar_one() == 2


def greet_anyone(uow: UnitOfWork, event: ReceivedEvent) -> None:
    uow.session.execute(
        insert(GREETINGS).values(member_id=event.data["member_id"], name=event.data["display_name"])
    )


def test_published_rows_are_purged_after_the_retention_and_not_before(settings: Settings) -> None:
    runtime = build_runtime(settings)
    stage(runtime, "m-1")
    relay = OutboxRelay(
        service="toy",
        engine=runtime.engine,
        tables=PLUMBING,
        producer=EventProducer(
            settings.kafka_bootstrap, client_id="relay", security=client_security(settings)
        ),
    )
    relay.publish_pending()
    stage(runtime, "m-2")
    assert relay.purge_published(timedelta(hours=1)) == 0
    assert relay.purge_published(timedelta(seconds=-1)) == 1
    with runtime.engine.connect() as connection:
        remaining = connection.execute(select(PLUMBING.outbox.c.key)).scalars().all()
    assert remaining == ["m-2"]
    runtime.close()
