"""Events as notifications receives them, built through the platform's own contracts."""

import json
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from notifications.adapters.links import UnsubscribeLinks
from notifications.adapters.mailer import SmtpMailer
from notifications.config import MailConfig
from notifications.domain.model import Message
from notifications.service_layer.delivery import Delivery
from notifications.service_layer.handlers import TOMBSTONE_HANDLERS, event_handlers
from qplatform.config import Settings
from qplatform.events import CATALOG, Envelope
from qplatform.messaging.consumer import EventConsumer
from qplatform.messaging.dead_letters import DeadLetterPublisher, RawRecord
from qplatform.messaging.handlers import ReceivedEvent
from qplatform.messaging.producer import EventProducer
from qplatform.runtime import Runtime
from tests.notifications.smtp_server import SmtpServer

SENDER = "Q Community <hello@q.health.org.uk>"


def new_member_id() -> str:
    return str(uuid.uuid4())


def envelope(
    type: str, *, subject: str, data: dict[str, Any], source: str = "membership", version: int = 1
) -> Envelope:
    """Stamp `data` into a new envelope, as the producing service would."""
    spec = CATALOG.spec(type, version)
    return Envelope.new(
        type=type,
        version=version,
        source=source,
        subject=subject,
        correlation_id=uuid.uuid4().hex,
        data=spec.serialise(data),
    )


def received(event: Envelope) -> ReceivedEvent:
    """Return `event` as the consumer hands it to a handler."""
    return ReceivedEvent(event, CATALOG.spec(event.type, event.version).deserialise(event.data))


def member_joined(
    member_id: str, *, region: str = "north-west-coast", joined_at: datetime | None = None
) -> Envelope:
    """Return member-joined v2, which names nobody: the welcome mail's cause."""
    data = {"member_id": member_id, "region": region, "joined_at": joined_at or datetime.now(UTC)}
    return envelope("member-joined", subject=member_id, data=data, version=2)


def profile_recorded(
    member_id: str,
    display_name: str | None = "Asha Patel",
    *,
    region: str = "north-west-coast",
    joined_at: datetime | None = None,
    **fields: object,
) -> Envelope:
    """Return what a member shows, as membership records it on the restricted profile topic."""
    data = {
        "member_id": member_id,
        "display_name": display_name,
        "region": region,
        "joined_at": joined_at or datetime.now(UTC),
        "organisation": "Lancashire NHS Trust",
        "job_title": "Improvement Lead",
        "bio": None,
        "expertise": [],
        "tags": [],
        "interests": [],
        "links": None,
        **fields,
    }
    return envelope("member-profile-recorded", subject=member_id, data=data)


def joining(
    member_id: str,
    display_name: str = "Asha Patel",
    *,
    region: str = "north-west-coast",
    joined_at: datetime | None = None,
) -> tuple[Envelope, Envelope]:
    """Return the two events of a member joining: the public one and their profile."""
    return (
        member_joined(member_id, region=region, joined_at=joined_at),
        profile_recorded(member_id, display_name, region=region, joined_at=joined_at),
    )


def contact_recorded(
    member_id: str, email: str, display_name: str = "Asha Patel", consents: list[str] | None = None
) -> Envelope:
    return envelope(
        "member-contact-recorded",
        subject=member_id,
        data={
            "member_id": member_id,
            "email": email,
            "display_name": display_name,
            "consents": ["digest"] if consents is None else consents,
        },
    )


def event_created(event_id: str, **changes: Any) -> Envelope:
    data = {
        "event_id": event_id,
        "title": "Improvement in mental health services",
        "kind": "webinar",
        "pillar": "learn",
        "region": None,
        "starts_at": datetime(2026, 12, 10, 13, tzinfo=UTC),
        "ends_at": datetime(2026, 12, 10, 14, tzinfo=UTC),
        "timezone": "Europe/London",
        "capacity": 100,
        **changes,
    }
    return envelope("event-created", subject=event_id, data=data, source="events")


def handle(runtime: Runtime, *events: Envelope) -> None:
    """Run each event's handler in its own unit of work, as the consumer would."""
    for event in events:
        with runtime.unit_of_work() as uow:
            event_handlers(runtime.settings)[(event.type, event.version)](uow, received(event))
            uow.commit()


def tombstone(settings: Settings, runtime: Runtime, topic: str, key: str) -> str:
    """Hand a tombstone for `key` on `topic` to notifications' consumer; return the outcome."""
    producer = EventProducer(settings.kafka_bootstrap, client_id="unused")
    consumer = EventConsumer(
        settings=settings,
        handlers=event_handlers(settings),
        unit_of_work=runtime.unit_of_work,
        dead_letters=DeadLetterPublisher(
            service="notifications", topic=settings.dead_letter_topic, producer=producer
        ),
        tombstone_handlers=TOMBSTONE_HANDLERS,
    )
    return consumer.process(RawRecord(settings.topic(topic), 0, 0, key.encode(), None, []))


def messages_of(runtime: Runtime, member_id: str) -> list[Message]:
    """Return every mail of a member."""
    with runtime.unit_of_work() as uow:
        query = select(Message).where(Message.member_id == member_id)
        return list(uow.session.scalars(query.order_by(Message.created_at)))


def delivery_for(server: SmtpServer, **changes: Any) -> Delivery:
    """Return a delivery through `server` with quick retries, and `changes` to its config."""
    quick = {"mail_rate_per_second": 0, "mail_retry_initial_seconds": 0, "smtp_timeout_seconds": 5}
    config = replace(MailConfig(), **{**quick, "mail_retry_max_seconds": 0, **changes})
    mailer = SmtpMailer(
        server.host,
        server.port,
        SENDER,
        timeout=config.smtp_timeout_seconds,
        username=config.smtp_username,
        password=config.smtp_password,
    )
    links = UnsubscribeLinks(config.unsubscribe_secret, config.public_base_url)
    return Delivery(mailer=mailer, links=links, config=config)


def staged_events(runtime: Runtime, event_type: str) -> list[dict[str, Any]]:
    """Return the events of `event_type` waiting in the outbox, as JSON envelopes."""
    outbox = runtime.tables.outbox
    with runtime.unit_of_work() as uow:
        query = select(outbox.c.payload).where(outbox.c.event_type == event_type)
        return [json.loads(payload) for payload in uow.session.scalars(query.order_by(outbox.c.id))]
