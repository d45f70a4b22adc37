"""The broker itself refuses a principal what the catalog does not give it."""

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from kafka.errors import GroupAuthorizationFailedError, KafkaError, TopicAuthorizationFailedError

from qplatform.config import Settings
from qplatform.messaging.producer import DeliveryError, EventProducer, Record
from qplatform.messaging.topics import ensure_topics
from qplatform.services import SERVICES
from tests.support.principals import ADMIN, signed_in_as
from tests.support.servers import Broker
from tests.support.waiting import wait_until

SECRET = b"the one record on this topic"


@pytest.fixture(scope="module")
def prefix(broker: Broker) -> Iterator[str]:
    """Declare one platform's topics, with one record on each, for every test here."""
    prefix = f"t{uuid.uuid4().hex[:10]}."
    broker.open_prefix(prefix)
    for service in SERVICES:  # each declares the catalog's topics and its dead letters
        ensure_topics(
            Settings.from_env(
                service,
                env={},
                database_url="sqlite://",
                kafka_bootstrap=broker.bootstrap,
                topic_prefix=prefix,
            )
        )
    topics = [name for name in broker.admin().list_topics() if name.startswith(prefix)]
    producer = EventProducer(broker.bootstrap, client_id="seed", security=signed_in_as(ADMIN))
    producer.send_all([Record(topic, "k-1", SECRET, []) for topic in topics])
    producer.close()
    yield prefix
    broker.delete_topics(prefix)


def write(broker: Broker, principal: str, topic: str) -> None:
    """Send one record to `topic` as `principal`, the way a service's relay does."""
    producer = EventProducer(
        broker.bootstrap, client_id="probe", timeout_seconds=5, security=signed_in_as(principal)
    )
    try:
        producer.send_all([Record(topic, "k-2", b"written", [])])
    finally:
        producer.close()


def read(broker: Broker, principal: str, topic: str) -> list[bytes]:
    """Read `topic` from its start as `principal`, under no group, until its record arrives."""
    consumer = KafkaConsumer(
        bootstrap_servers=broker.bootstrap, group_id=None, **signed_in_as(principal)
    )
    try:
        # The broker hides a topic its reader may not see; asking for its offsets is refused.
        numbers = consumer.partitions_for_topic(topic) or {0}
        partitions = [TopicPartition(topic, n) for n in numbers]
        consumer.beginning_offsets(partitions)
        consumer.assign(partitions)
        consumer.seek_to_beginning()
        seen: list[bytes] = []

        def arrived() -> bool:
            for batch in consumer.poll(timeout_ms=200).values():
                seen.extend(record.value for record in batch)
            return SECRET in seen

        wait_until(arrived, timeout=30, message=f"{principal} reads {topic}")
        return seen
    finally:
        consumer.close()


WRITES = [
    ("membership", "membership.member", True),
    ("membership", "membership.member-contact", True),
    ("events", "events.registration", True),
    ("matching", "matching.coffee-round", True),
    ("notifications", "notifications.message", True),
    ("notifications", "dead-letter.notifications", True),
    ("events", "membership.member", False),
    ("matching", "events.event", False),
    ("notifications", "membership.member-contact", False),
    ("events", "dead-letter.matching", False),
    ("analysts", "membership.member", False),
]


@pytest.mark.parametrize(("principal", "topic", "allowed"), WRITES)
def test_a_principal_writes_only_its_own_topics_and_dead_letters(
    broker: Broker, prefix: str, principal: str, topic: str, allowed: bool
) -> None:
    if allowed:
        write(broker, principal, prefix + topic)
    else:
        with pytest.raises(DeliveryError, match="AuthorizationFailed"):
            write(broker, principal, prefix + topic)


READS = [
    ("notifications", "membership.member-contact", True),
    ("notifications", "membership.applicant-contact", True),
    ("events", "membership.member", True),
    ("matching", "events.event", True),
    ("events", "dead-letter.events", True),
    ("analysts", "membership.member", True),
    ("analysts", "matching.coffee-round", True),
    ("events", "membership.member-contact", False),
    ("matching", "membership.applicant-contact", False),
    ("membership", "membership.member-contact", False),
    ("analysts", "membership.member-contact", False),
    ("analysts", "membership.applicant-contact", False),
    ("events", "membership.member-profile", True),
    ("matching", "membership.member-profile", True),
    ("notifications", "membership.member-profile", True),
    ("membership", "membership.member-profile", False),
    ("analysts", "membership.member-profile", False),
    ("analysts", "dead-letter.notifications", False),
    ("matching", "dead-letter.events", False),
    ("membership", "events.registration", False),
]


@pytest.mark.parametrize(("principal", "topic", "allowed"), READS)
def test_a_principal_reads_only_what_it_consumes_and_only_notifications_reads_contacts(
    broker: Broker, prefix: str, principal: str, topic: str, allowed: bool
) -> None:
    if allowed:
        assert SECRET in read(broker, principal, prefix + topic)
    else:
        with pytest.raises(TopicAuthorizationFailedError):
            read(broker, principal, prefix + topic)


GROUPS = [
    ("events", "events", True),
    ("notifications", "notifications", True),
    ("events", "matching", False),
    ("matching", "notifications", False),
    ("analysts", "events", False),
]


@pytest.mark.parametrize(("principal", "group", "allowed"), GROUPS)
def test_a_consumer_joins_only_its_own_services_group(
    broker: Broker, prefix: str, principal: str, group: str, allowed: bool
) -> None:
    consumer = KafkaConsumer(
        bootstrap_servers=broker.bootstrap,
        group_id=prefix + group,
        auto_offset_reset="earliest",
        **signed_in_as(principal),
    )
    seen: list[bytes] = []

    def joined_and_read() -> bool:
        for batch in consumer.poll(timeout_ms=200).values():
            seen.extend(record.value for record in batch)
        return SECRET in seen

    consumer.subscribe([prefix + "membership.member"])  # a topic every one of them may read
    try:
        if allowed:
            wait_until(joined_and_read, timeout=20, message=f"{principal} in {group}")
        else:
            with pytest.raises(GroupAuthorizationFailedError):
                wait_until(joined_and_read, timeout=20, message=f"{principal} in {group}")
    finally:
        consumer.close()


@pytest.mark.parametrize(
    "security",
    [
        {"security_protocol": "PLAINTEXT"},
        signed_in_as("events") | {"sasl_plain_password": "not-its-password"},
        signed_in_as("nobody"),
    ],
    ids=["no sign-in", "wrong password", "unknown principal"],
)
def test_a_client_that_cannot_sign_in_gets_nothing(
    broker: Broker, security: dict[str, Any]
) -> None:
    with pytest.raises(KafkaError):
        admin = KafkaAdminClient(
            bootstrap_servers=broker.bootstrap, bootstrap_timeout_ms=3000, **security
        )
        admin.close()
