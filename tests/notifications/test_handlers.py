"""Keeping contacts and events, and queueing welcomes, as the consumer hands events over."""

import uuid

from sqlalchemy import func, select

from notifications.domain.copies import KnownEvent
from notifications.domain.model import Contact, MessageState
from notifications.service_layer.handlers import event_handlers
from qplatform.config import Settings
from qplatform.events import CATALOG, Envelope
from qplatform.messaging.consumer import EventConsumer
from qplatform.messaging.dead_letters import DeadLetterPublisher, RawRecord
from qplatform.messaging.producer import EventProducer
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    event_created,
    handle,
    member_joined,
    messages_of,
    new_member_id,
)


def consumer_of(settings: Settings, runtime: Runtime) -> EventConsumer:
    # The broker is not under test; the dead-letter producer connects only if it is used.
    producer = EventProducer(settings.kafka_bootstrap, client_id="unused")
    dead_letters = DeadLetterPublisher(
        service=settings.service, topic=settings.dead_letter_topic, producer=producer
    )
    return EventConsumer(
        settings=settings,
        handlers=event_handlers(settings),
        unit_of_work=runtime.unit_of_work,
        dead_letters=dead_letters,
    )


def record_of(event: Envelope) -> RawRecord:
    return RawRecord(
        "membership.member", 0, 0, event.subject.encode(), event.to_json().encode(), event.headers()
    )


def test_every_handled_event_type_is_in_the_catalog() -> None:
    for event_type, version in event_handlers(Settings.from_env("notifications", env={})):
        assert CATALOG.spec(event_type, version)


def test_a_contact_is_recorded_and_newer_details_replace_it(runtime: Runtime) -> None:
    member_id = new_member_id()
    handle(runtime, contact_recorded(member_id, "asha@example.org", consents=["digest"]))
    newer = contact_recorded(member_id, "asha.patel@example.org", "Asha P.", consents=[])
    handle(runtime, newer)
    with runtime.unit_of_work() as uow:
        contact = uow.session.get(Contact, member_id)
        assert contact is not None
        assert (contact.email, contact.display_name, contact.consents) == (
            "asha.patel@example.org",
            "Asha P.",
            [],
        )
        assert contact.updated_at == newer.time


def test_a_new_member_gets_a_queued_welcome_that_keeps_no_name_of_its_own(
    runtime: Runtime,
) -> None:
    member_id = new_member_id()
    joined = member_joined(member_id)
    handle(runtime, joined)
    [message] = messages_of(runtime, member_id)
    assert message.template == "welcome"
    assert message.state == MessageState.QUEUED
    assert message.attempts == 0
    assert message.subject == "Welcome to Q"
    assert message.context == {}  # the mail greets them by their contact record's name
    assert message.idempotency_key == f"{joined.id}:{member_id}:welcome"


def test_the_same_member_joined_handled_twice_by_the_consumer_queues_one_welcome(
    settings: Settings, runtime: Runtime
) -> None:
    member_id = new_member_id()
    record = record_of(member_joined(member_id))
    consumer = consumer_of(settings, runtime)
    assert consumer.process(record) == "handled"
    assert consumer.process(record) == "duplicate"
    assert len(messages_of(runtime, member_id)) == 1


def test_a_welcome_already_queued_for_an_event_is_not_queued_again(runtime: Runtime) -> None:
    member_id = new_member_id()
    joined = member_joined(member_id)
    handle(runtime, joined)
    handle(runtime, joined)
    assert len(messages_of(runtime, member_id)) == 1


def test_a_created_event_is_remembered_and_its_newer_details_kept(runtime: Runtime) -> None:
    event_id = str(uuid.uuid4())
    handle(runtime, event_created(event_id))
    handle(
        runtime,
        event_created(
            event_id,
            title="Site visit to Salford",
            kind="site-visit",
            region="north-west-coast",
            capacity=12,
        ),
    )
    with runtime.unit_of_work() as uow:
        assert uow.session.scalar(select(func.count()).select_from(KnownEvent)) == 1
        known = uow.session.get(KnownEvent, event_id)
        assert known is not None
        assert (known.title, known.kind, known.region, known.capacity) == (
            "Site visit to Salford",
            "site-visit",
            "north-west-coast",
            12,
        )
        assert known.starts_at.isoformat() == "2026-12-10T13:00:00+00:00"
