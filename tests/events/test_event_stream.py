"""An event created over HTTP reaches the events topic through the worker's relay."""

from collections.abc import Callable

from events.bootstrap import bootstrap
from events.entrypoints.web import create_app
from events.entrypoints.worker import build_worker
from events.service_layer import programme, registering
from qplatform.config import Settings
from qplatform.messaging.producer import EventProducer
from qplatform.messaging.topics import ensure_topics
from qplatform.paging import PageRequest
from tests.events.conftest import STAFF
from tests.events.examples import STAFF_CALLER, details, form, member
from tests.events.member_events import joined, left, record_of, renamed
from tests.support.principals import signed_in_as
from tests.support.running import running
from tests.support.topics import Seen, read_topic
from tests.support.waiting import wait_until


def test_a_created_event_is_announced_on_the_events_topic(
    settings_for: Callable[..., Settings],
    database_url: str,
    kafka_bootstrap: str,
) -> None:
    settings = settings_for("events", database_url=database_url, kafka_bootstrap=kafka_bootstrap)
    app = create_app(
        {
            "database_url": settings.database_url,
            "kafka_bootstrap": settings.kafka_bootstrap,
            "topic_prefix": settings.topic_prefix,
        }
    )
    answer = app.test_client().post(
        "/events",
        json=form(region="scotland"),
        headers={**STAFF, "X-Correlation-ID": "corr-events-1"},
    )
    app.extensions["qplatform"].close()
    event = answer.get_json()

    def announced(seen: list[Seen]) -> bool:
        return any(record.key == event["id"] for record in seen)

    with running(build_worker(settings)):
        seen = read_topic(kafka_bootstrap, settings.topic("events.event"), until=announced)
    record = next(record for record in seen if record.key == event["id"])
    envelope = record.value
    assert envelope is not None
    assert (envelope["type"], envelope["version"], envelope["source"]) == (
        "event-created",
        1,
        "events",
    )
    assert (envelope["subject"], envelope["correlation_id"]) == (event["id"], "corr-events-1")
    assert envelope["data"]["event_id"] == event["id"]
    assert envelope["data"]["region"] == "scotland"
    assert envelope["data"]["starts_at"] == event["starts_at"]
    assert record.headers["event-type"] == "event-created"
    assert record.headers["event-id"] == envelope["id"]


def test_registrations_travel_on_their_own_topic_keyed_by_the_event(
    settings_for: Callable[..., Settings], database_url: str, kafka_bootstrap: str
) -> None:
    settings = settings_for("events", database_url=database_url, kafka_bootstrap=kafka_bootstrap)
    runtime = bootstrap(settings)
    with runtime.unit_of_work() as uow:
        event = programme.create_event(uow=uow, details=details(capacity=1), caller=STAFF_CALLER)
    for member_id in ("ann", "bob"):
        with runtime.unit_of_work() as uow:
            registering.register(uow=uow, event_id=event.id, member_id=member_id)
    with runtime.unit_of_work() as uow:
        registering.cancel_registration(uow=uow, event_id=event.id, member_id="ann")
    runtime.close()
    wanted = ["registration-confirmed", "registration-waitlisted"]
    wanted += ["registration-cancelled", "waitlist-promoted"]

    def all_there(seen: list[Seen]) -> bool:
        return len(seen) >= len(wanted)

    with running(build_worker(settings)):
        seen = read_topic(kafka_bootstrap, settings.topic("events.registration"), until=all_there)
    assert [record.headers["event-type"] for record in seen] == wanted
    assert {record.key for record in seen} == {event.id}


def test_the_worker_follows_members_names_and_their_leaving_from_membership(
    settings_for: Callable[..., Settings], database_url: str, kafka_bootstrap: str
) -> None:
    settings = settings_for("events", database_url=database_url, kafka_bootstrap=kafka_bootstrap)
    runtime = bootstrap(settings)
    with runtime.unit_of_work() as uow:
        event = programme.create_event(uow=uow, details=details(), caller=member("org"))
        programme.publish_event(uow=uow, event_id=event.id)
    with runtime.unit_of_work() as uow:
        registering.register(uow=uow, event_id=event.id, member_id="ann")
    ensure_topics(settings)
    topic = settings.topic("membership.member")
    profiles = settings.topic("membership.member-profile")
    producer = EventProducer(
        kafka_bootstrap, client_id="membership-test", security=signed_in_as("membership")
    )

    def organiser_name() -> str | None:
        with runtime.unit_of_work() as uow:
            shown = programme.show_event(uow=uow, event_id=event.id, caller=STAFF_CALLER)
        return shown.organiser_name

    def places() -> int:
        with runtime.unit_of_work() as uow:
            return len(
                registering.registrants(
                    uow=uow, event_id=event.id, caller=STAFF_CALLER, page=PageRequest()
                ).items
            )

    try:
        with running(build_worker(settings)):
            producer.send_all([record_of(joined("org", "Asha"), profiles)])
            producer.send_all([record_of(renamed("org", "Ash"), profiles)])
            wait_until(lambda: organiser_name() == "Ash", timeout=20, message="the new name")
            producer.send_all([record_of(left("ann"), topic)])
            wait_until(lambda: places() == 0, timeout=20, message="ann's place cancelled")
    finally:
        producer.close()
        runtime.close()
