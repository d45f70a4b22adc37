"""The broker's rules follow from the catalog and the handlers, so they cannot drift."""

import threading

import pytest

from deploy.k8s import render
from notifications.service_layer.handlers import EVENT_HANDLERS, TOMBSTONE_HANDLERS
from qplatform.config import Settings
from qplatform.events import CATALOG
from qplatform.events.spec import Topic
from qplatform.messaging.acls import (
    SERVICES,
    Grant,
    UnsafeGrant,
    check_restricted,
    consumed_topics,
    platform_grants,
)
from qplatform.messaging.consumer import EventConsumer
from qplatform.messaging.dead_letters import DeadLetterPublisher
from qplatform.messaging.producer import EventProducer
from qplatform.messaging.security import client_security
from qplatform.messaging.topics import replay_topic


def allowed(principal: str, operation: str, resource: str = "topic") -> set[str]:
    return {
        g.name
        for g in platform_grants("q.")
        if (g.principal, g.operation, g.resource) == (principal, operation, resource)
    }


@pytest.mark.parametrize(
    "topic", [topic for topic in CATALOG.topics() if topic.restricted], ids=lambda t: t.name
)
def test_a_restricted_topic_is_read_only_by_the_services_its_catalog_entry_names(
    topic: Topic,
) -> None:
    readers = {
        g.principal
        for g in platform_grants("q.")
        if g.operation == "READ" and g.name == f"q.{topic.name}"
    }
    assert readers == set(topic.readers)


def test_only_notifications_may_read_contact_details() -> None:
    contacts = [topic for topic in CATALOG.topics() if topic.name.endswith("-contact")]
    assert contacts and all(topic.readers == ("notifications",) for topic in contacts)


@pytest.mark.parametrize(
    "grant",
    [
        Grant("analysts", "READ", "topic", "q.membership.member-contact"),
        Grant("events", "READ", "topic", "q.membership.", prefixed=True),
        Grant("matching", "READ", "topic", "q.", prefixed=True),
    ],
    ids=["by name", "by a prefix of its service", "by the platform's prefix"],
)
def test_a_rule_that_lets_anyone_else_read_a_restricted_topic_is_refused(grant: Grant) -> None:
    with pytest.raises(UnsafeGrant, match="restricted"):
        check_restricted([grant], "q.")


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_writes_only_the_topics_of_what_it_produces_and_its_dead_letters(
    service: str,
) -> None:
    produced = {f"q.{s.topic.name}" for s in CATALOG.specs() if s.producer == service}
    own = {f"q.dead-letter.{service}", f"q.replay.{service}"}
    assert allowed(service, "WRITE") == produced | own


def test_notifications_reads_every_topic_its_worker_subscribes_to_and_nothing_more() -> None:
    settings = Settings.from_env("notifications", env={}, database_url="sqlite://")
    consumer = EventConsumer(
        settings=settings,
        handlers=EVENT_HANDLERS,
        unit_of_work=lambda: pytest.fail("no event is handled here"),
        dead_letters=DeadLetterPublisher(
            service="notifications",
            topic=settings.dead_letter_topic,
            producer=EventProducer("127.0.0.1:1", client_id="unused"),
            stop=threading.Event(),
        ),
        tombstone_handlers=TOMBSTONE_HANDLERS,
    )
    own = {settings.dead_letter_topic, replay_topic(settings)}
    assert allowed("notifications", "READ") == {*consumer.topics, *own}


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_commits_offsets_only_in_its_own_group(service: str) -> None:
    assert allowed(service, "READ", "group") == {f"q.{service}"}


def test_analysts_read_every_public_topic_and_nothing_else() -> None:
    public = {f"q.{topic.name}" for topic in CATALOG.topics() if not topic.restricted}
    assert allowed("analysts", "READ") == public
    assert not allowed("analysts", "WRITE")


def test_membership_consumes_nothing_so_it_reads_only_its_dead_letters() -> None:
    assert consumed_topics("membership") == set()
    assert allowed("membership", "READ") == {"q.dead-letter.membership", "q.replay.membership"}


@pytest.mark.parametrize(
    ("env", "signed_in"),
    [
        ({}, ("SASL_PLAINTEXT", "SCRAM-SHA-512", "events", "events-dev-kafka-password")),
        (
            {"QP_KAFKA_USERNAME": "events-eu", "QP_KAFKA_PASSWORD": "s3cret"},
            ("SASL_PLAINTEXT", "SCRAM-SHA-512", "events-eu", "s3cret"),
        ),
        (
            {"QP_KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "QP_KAFKA_CA_FILE": "/etc/ca.pem"},
            ("SASL_SSL", "SCRAM-SHA-512", "events", "events-dev-kafka-password"),
        ),
    ],
    ids=["laptop", "own principal", "tls"],
)
def test_every_client_of_a_service_signs_in_as_its_settings_say(
    env: dict[str, str], signed_in: tuple[str, str, str, str]
) -> None:
    security = client_security(Settings.from_env("events", env=env, database_url="sqlite://"))
    assert (
        security["security_protocol"],
        security["sasl_mechanism"],
        security["sasl_plain_username"],
        security["sasl_plain_password"],
    ) == signed_in
    assert security.get("ssl_cafile") == env.get("QP_KAFKA_CA_FILE")


def test_kubernetes_users_carry_the_rules_every_other_broker_gets() -> None:
    users = {user["metadata"]["name"]: user["spec"] for user in render.kafka_users()}
    rendered = {
        (name, acl["operations"][0].upper(), acl["resource"]["type"], acl["resource"]["name"])
        for name, spec in users.items()
        for acl in spec["authorization"]["acls"]
    }
    expected = {(g.principal, g.operation, g.resource, g.name) for g in platform_grants("q.")}
    assert rendered == expected
    assert set(users) == {*SERVICES, "analysts"}
    assert all(spec["authentication"]["type"] == "scram-sha-512" for spec in users.values())
