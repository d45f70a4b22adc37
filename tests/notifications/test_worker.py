"""The worker on the real broker: events in, one welcome mail out, however often they arrive."""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from prometheus_client import REGISTRY
from sqlalchemy import select

from membership.adapters.storage import PLUMBING as MEMBERSHIP_PLUMBING
from membership.bootstrap import bootstrap as bootstrap_membership
from membership.service_layer import recruitment
from notifications.domain.copies import KnownMember
from notifications.domain.digest import Month
from notifications.domain.model import Contact, Message
from notifications.entrypoints.worker import build_worker
from notifications.service_layer.digests import queue_digests
from qplatform.config import Settings
from qplatform.events import CATALOG, Envelope
from qplatform.messaging.producer import EventProducer, Record
from qplatform.messaging.relay import OutboxRelay
from qplatform.messaging.security import client_security
from qplatform.messaging.topics import ensure_topics
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    event_created,
    joining,
    member_joined,
    messages_of,
    new_member_id,
)
from tests.notifications.smtp_server import SmtpServer
from tests.notifications.their_events import application_decided, registration
from tests.support.principals import ADMIN, signed_in_as
from tests.support.running import running
from tests.support.waiting import wait_until


def publish(producer: EventProducer, settings: Settings, event: Envelope) -> None:
    topic = CATALOG.spec(event.type, event.version).topic
    producer.send_all(
        [
            Record(
                topic=settings.topic(topic.name),
                key=event.subject,
                value=event.to_json().encode(),
                headers=event.headers(),
            )
        ]
    )


def test_a_new_member_gets_one_welcome_mail_even_when_member_joined_comes_twice(
    database_backend: str,
    fresh_database: Callable[[str, str], str],
    settings_for: Callable[..., Settings],
    kafka_bootstrap: str,
    smtp_server: SmtpServer,
) -> None:
    # One partition per topic, so a later member-joined is consumed after the repeat.
    settings = settings_for(
        "notifications",
        database_url=fresh_database("notifications", database_backend),
        kafka_bootstrap=kafka_bootstrap,
        smtp_port=smtp_server.port,
        topic_partitions=1,
    )
    ensure_topics(settings)
    producer = EventProducer(
        kafka_bootstrap, client_id="notifications-test", security=signed_in_as(ADMIN)
    )
    asha, other = new_member_id(), new_member_id()
    joined = member_joined(asha)
    worker = build_worker(settings)
    try:
        with running(worker):
            publish(producer, settings, joined)
            wait_until(lambda: messages_of(worker.runtime, asha), message="a queued welcome")
            assert smtp_server.messages == []
            publish(producer, settings, contact_recorded(asha, "asha@example.org", "Asha Patel"))
            wait_until(lambda: smtp_server.to("asha@example.org"), message="the welcome mail")
            publish(producer, settings, joined)
            publish(producer, settings, member_joined(other))
            wait_until(lambda: messages_of(worker.runtime, other), message="the later event")
            assert len(smtp_server.to("asha@example.org")) == 1
            assert len(messages_of(worker.runtime, asha)) == 1
    finally:
        producer.close()
    [mail] = smtp_server.messages
    assert mail.message["Subject"] == "Welcome to Q"
    assert mail.text.startswith("Dear Asha Patel,")


def test_mail_survives_the_smtp_server_stopping_mid_run_with_none_lost_or_doubled(
    fresh_database: Callable[[str, str], str],
    settings_for: Callable[..., Settings],
    kafka_bootstrap: str,
    smtp_server: SmtpServer,
) -> None:
    quick = {"mail_rate_per_second": 40, "mail_retry_initial_seconds": 0.05}
    settings = settings_for(
        "notifications",
        database_url=fresh_database("notifications", "sqlite"),
        kafka_bootstrap=kafka_bootstrap,
        smtp_port=smtp_server.port,
        extra={**quick, "mail_retry_max_seconds": 0.2},
    )
    ensure_topics(settings)
    producer = EventProducer(
        kafka_bootstrap, client_id="notifications-test", security=signed_in_as(ADMIN)
    )
    members = {new_member_id(): f"member{n}@example.org" for n in range(30)}
    worker = build_worker(settings)
    try:
        with running(worker):
            for member_id, email in members.items():
                publish(producer, settings, contact_recorded(member_id, email))
                publish(producer, settings, member_joined(member_id))
            wait_until(lambda: len(smtp_server.messages) >= 5, message="the first mails")
            smtp_server.stop()
            wait_until(
                lambda: any(m.last_error for m in all_messages(worker.runtime)),
                message="a mail deferred while the server is down",
            )
            smtp_server.start()
            wait_until(
                lambda: (
                    all(m.state.value == "sent" for m in all_messages(worker.runtime))
                    and len(all_messages(worker.runtime)) == len(members)
                ),
                timeout=30,
                message="every welcome sent",
            )
    finally:
        producer.close()
    assert sorted(mail.rcpt_tos[0] for mail in smtp_server.messages) == sorted(members.values())


def test_a_decision_and_its_tombstone_on_the_broker_send_the_mail_and_keep_no_address(
    fresh_database: Callable[[str, str], str],
    settings_for: Callable[..., Settings],
    kafka_bootstrap: str,
    smtp_server: SmtpServer,
) -> None:
    settings = settings_for(
        "notifications",
        database_url=fresh_database("notifications", "sqlite"),
        kafka_bootstrap=kafka_bootstrap,
        smtp_port=smtp_server.port,
    )
    ensure_topics(settings)
    producer = EventProducer(
        kafka_bootstrap, client_id="notifications-test", security=signed_in_as(ADMIN)
    )
    decided = application_decided(new_member_id(), "robin@example.org", reason="Not yet.")
    topic = settings.topic("membership.applicant-contact")
    worker = build_worker(settings)
    try:
        with running(worker):
            publish(producer, settings, decided)
            producer.send_all([Record(topic=topic, key=decided.subject, value=None, headers=[])])
            wait_until(lambda: smtp_server.to("robin@example.org"), message="the decision mail")
            wait_until(lambda: not contacts(worker.runtime), message="the address forgotten")
    finally:
        producer.close()
    [mail] = smtp_server.messages
    assert "Not yet." in mail.text


def contacts(runtime: Runtime) -> list[Contact]:
    with runtime.unit_of_work() as uow:
        return list(uow.session.scalars(select(Contact)))


def all_messages(runtime: Runtime) -> list[Message]:
    with runtime.unit_of_work() as uow:
        return list(uow.session.scalars(select(Message)))


def test_a_registration_that_overtakes_its_event_is_mailed_once_the_event_arrives(
    fresh_database: Callable[[str, str], str],
    settings_for: Callable[..., Settings],
    kafka_bootstrap: str,
    smtp_server: SmtpServer,
) -> None:
    settings = settings_for(
        "notifications",
        database_url=fresh_database("notifications", "sqlite"),
        kafka_bootstrap=kafka_bootstrap,
        smtp_port=smtp_server.port,
    )
    ensure_topics(settings)
    producer = EventProducer(
        kafka_bootstrap, client_id="notifications-test", security=signed_in_as(ADMIN)
    )
    asha, event_id = new_member_id(), str(uuid.uuid4())
    held_before, parked_before = held_back(settings), dead_lettered(settings)
    worker = build_worker(settings)
    try:
        with running(worker):
            publish(producer, settings, contact_recorded(asha, "asha@example.org"))
            publish(producer, settings, registration("registration-confirmed", event_id, asha))
            wait_until(
                lambda: held_back(settings) >= held_before + 2,
                message="the registration held back twice",
            )
            publish(producer, settings, event_created(event_id))
            wait_until(lambda: smtp_server.to("asha@example.org"), message="the place mail")
    finally:
        producer.close()
    [mail] = smtp_server.to("asha@example.org")
    assert mail.part("text/calendar") is not None
    assert dead_lettered(settings) == parked_before


def held_back(settings: Settings) -> float:
    return _outcomes(settings, "deferred")


def dead_lettered(settings: Settings) -> float:
    return _outcomes(settings, "dead-lettered")


def _outcomes(settings: Settings, outcome: str) -> float:
    labels = {"service": settings.service, "type": "registration-confirmed", "outcome": outcome}
    return REGISTRY.get_sample_value("qp_events_consumed_total", labels) or 0.0


def test_a_region_staff_rename_reaches_notifications_over_the_broker_and_the_next_digest(
    fresh_database: Callable[[str, str], str],
    settings_for: Callable[..., Settings],
    kafka_bootstrap: str,
    smtp_server: SmtpServer,
) -> None:
    settings = settings_for(
        "notifications",
        database_url=fresh_database("notifications", "sqlite"),
        kafka_bootstrap=kafka_bootstrap,
        smtp_port=smtp_server.port,
    )
    ensure_topics(settings)
    membership = bootstrap_membership(
        settings_for(
            "membership",
            database_url=fresh_database("membership", "sqlite"),
            kafka_bootstrap=kafka_bootstrap,
        )
    )
    # Membership's own relay, signed in as membership, carries the change to the broker.
    relay = OutboxRelay(
        service="membership",
        engine=membership.engine,
        tables=MEMBERSHIP_PLUMBING,
        producer=EventProducer(
            kafka_bootstrap, client_id="relay", security=client_security(membership.settings)
        ),
    )
    producer = EventProducer(
        kafka_bootstrap, client_id="notifications-test", security=signed_in_as(ADMIN)
    )
    asha = new_member_id()
    joined_at = datetime(2026, 11, 15, tzinfo=UTC)
    worker = build_worker(settings)
    try:
        with running(worker):
            for event in joining(asha, region="yorkshire-and-humber", joined_at=joined_at):
                publish(producer, settings, event)
            publish(producer, settings, contact_recorded(asha, "asha@example.org"))
            with membership.unit_of_work() as uow:
                recruitment.change_region(
                    uow=uow,
                    slug="yorkshire-and-humber",
                    name="Yorkshire and the Humber",
                    active=None,
                )
            assert relay.publish_pending() == 1
            wait_until(lambda: region_names(worker.runtime), message="the region's new name")
            wait_until(lambda: profile_known(worker.runtime, asha), message="asha's profile")
            wait_until(lambda: smtp_server.to("asha@example.org"), message="the welcome mail")
            with worker.runtime.unit_of_work() as uow:
                queue_digests(uow=uow, month=Month(2026, 12))
            wait_until(lambda: len(smtp_server.to("asha@example.org")) == 2, message="the digest")
    finally:
        producer.close()
        membership.close()
    digest = smtp_server.to("asha@example.org")[-1]
    assert "New members in Yorkshire and the Humber: 1" in digest.text


def profile_known(runtime: Runtime, member_id: str) -> bool:
    with runtime.unit_of_work() as uow:
        member = uow.session.get(KnownMember, member_id)
        return member is not None and bool(member.display_name)


def region_names(runtime: Runtime) -> dict[str, str]:
    with runtime.unit_of_work() as uow:
        return uow.known_regions.names()
