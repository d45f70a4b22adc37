"""An event that arrives before what it refers to holds back its own key, and nothing else."""

from collections.abc import Callable

import pytest
from kafka.partitioner.default import murmur2

from qplatform.config import Settings
from qplatform.events import CATALOG, Envelope
from qplatform.messaging.producer import EventProducer, Record
from qplatform.messaging.security import client_security
from qplatform.messaging.topics import ensure_topics
from qplatform.worker import Worker
from tests.shared.test_plumbing_on_broker import greet_anyone, wire
from tests.shared.toy import application_approved, approved, build_runtime, note_approval
from tests.support.principals import AS_OPERATOR
from tests.support.running import running
from tests.support.waiting import wait_until

APPLICATIONS = "membership.application"


@pytest.fixture
def settings(
    settings_for: Callable[..., Settings],
    fresh_database: Callable[[str, str], str],
    kafka_bootstrap: str,
) -> Settings:
    url = fresh_database("membership", "postgres")
    settings = settings_for("toy", database_url=url, kafka_bootstrap=kafka_bootstrap, **AS_OPERATOR)
    ensure_topics(settings)
    return settings


def partition_of(key: str, partitions: int = 3) -> int:
    return (murmur2(key.encode()) & 0x7FFFFFFF) % partitions


def approval(key: str, member_id: str) -> Record:
    data = CATALOG.spec("application-approved", 1).serialise(application_approved(member_id))
    envelope = Envelope.new(
        type="application-approved",
        version=1,
        source="membership",
        subject=key,
        correlation_id="test",
        data=data,
    )
    return Record("", key, envelope.to_json().encode(), envelope.headers())


def send(settings: Settings, topic: str, *records: Record) -> None:
    producer = EventProducer(
        settings.kafka_bootstrap, client_id="test", security=client_security(settings)
    )
    producer.send_all([Record(settings.topic(topic), r.key, r.value, r.headers) for r in records])
    producer.close()


def test_an_early_event_holds_back_its_own_key_while_the_partition_flows(
    settings: Settings,
) -> None:
    held_key, other_key = "a-2", "a-3"
    assert partition_of(held_key) == partition_of(other_key), "both keys share a partition"
    send(settings, "membership.member", *(Record("", *wire(m)) for m in ("m-known", "m-other")))
    send(
        settings,
        APPLICATIONS,
        approval(held_key, "m-late"),  # refers to a member not greeted yet
        approval(held_key, "m-known"),  # same key: must wait behind the early one
        approval(other_key, "m-other"),  # another key on the same partition: flows
    )
    handlers = {("member-joined", 1): greet_anyone, ("application-approved", 1): note_approval}
    worker = Worker(build_runtime(settings), handlers=handlers)
    with running(worker):
        wait_until(lambda: "m-other" in approved(worker.runtime), message="the other key flowed")
        assert "m-known" not in approved(worker.runtime), "a key's order was broken"
        send(settings, "membership.member", Record("", *wire("m-late")))
        wait_until(
            lambda: {"m-late", "m-known"} <= set(approved(worker.runtime)),
            message="the held key handled in order once m-late arrived",
        )
