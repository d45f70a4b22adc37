"""Dead letters on the real broker: what parks, what its note says, and where a replay goes."""

from collections.abc import Callable

import pytest
from sqlalchemy import insert

from qplatform.config import Settings
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.messaging.dead_letter_tool import describe, parked, replay
from qplatform.messaging.handlers import ReceivedEvent
from qplatform.messaging.producer import EventProducer, Record
from qplatform.messaging.security import client_security
from qplatform.messaging.topics import ensure_topics, replay_topic
from qplatform.worker import Worker
from tests.shared.toy import GREETINGS, build_runtime, build_worker, greeted, joined_envelope
from tests.support.principals import AS_OPERATOR
from tests.support.running import running
from tests.support.topics import read_topic
from tests.support.waiting import wait_until

MEMBERS = "membership.member"
CONTACTS = "membership.member-contact"


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


def produce(settings: Settings, topic: str, *records: tuple[str, bytes | None]) -> None:
    producer = EventProducer(
        settings.kafka_bootstrap, client_id="test", security=client_security(settings)
    )
    producer.send_all([Record(settings.topic(topic), key, value, []) for key, value in records])
    producer.close()


def joined(member_id: str, name: str = "Asha Patel") -> bytes:
    return joined_envelope(member_id, name).to_json().encode()


def dead_letters(settings: Settings, count: int) -> dict[str, dict[str, str]]:
    notes = read_topic(
        settings.kafka_bootstrap, settings.dead_letter_topic, until=lambda s: len(s) >= count
    )
    assert all(not note.raw for note in notes), "a dead letter copies no record"
    return {note.key or "": note.headers for note in notes}


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        (b"[" * 100_000, "qplatform.messaging.record_limits.RecordRefused"),
        (b'{"a":' * 40 + b"1" + b"}" * 40, "qplatform.messaging.record_limits.RecordRefused"),
        (b"{not json", "qplatform.events.envelope.MalformedEvent"),
        (b"\xff\xfe", "qplatform.events.envelope.MalformedEvent"),
    ],
    ids=["100000-brackets", "deep-object", "not-json", "not-utf8"],
)
def test_a_record_nobody_can_parse_is_dead_lettered_and_its_key_flows_on(
    settings: Settings, value: bytes, error_type: str
) -> None:
    produce(settings, MEMBERS, ("m-5", value), ("m-5", joined("m-5")))
    worker = build_worker(settings)
    with running(worker):
        wait_until(lambda: greeted(worker.runtime) == ["m-5"], message="m-5 greeted")
    note = dead_letters(settings, 1)["m-5"]
    assert note["dead-letter-error-type"] == error_type
    assert note["dead-letter-topic"] == settings.topic(MEMBERS)


def greet_twice(uow: UnitOfWork, event: ReceivedEvent) -> None:
    for _ in range(2):
        uow.session.execute(
            insert(GREETINGS).values(
                member_id=event.data["member_id"], name=event.data["display_name"]
            )
        )


def test_a_dead_letter_names_the_error_without_the_row_it_touched(settings: Settings) -> None:
    produce(settings, MEMBERS, ("m-6", joined("m-6", "Confidential Name")))
    worker = Worker(build_runtime(settings), handlers={("member-joined", 1): greet_twice})
    with running(worker):
        note = dead_letters(settings, 1)["m-6"]
    assert note["dead-letter-error-type"] == "sqlalchemy.exc.IntegrityError"
    assert "IntegrityError" in note["dead-letter-error"]
    assert "greet_twice" in note["dead-letter-error"]
    assert note["dead-letter-attempts"] == str(settings.max_handler_attempts)
    everything = " ".join(note.values())
    assert "Confidential" not in everything and "INSERT" not in everything


def greet_anyone(uow: UnitOfWork, event: ReceivedEvent) -> None:
    uow.session.execute(
        insert(GREETINGS).values(member_id=event.data["member_id"], name=event.data["display_name"])
    )


def test_a_replay_reaches_only_the_service_that_parked_the_record(settings: Settings) -> None:
    produce(settings, MEMBERS, ("m-poison", joined("m-poison", "poison")), ("m-4", joined("m-4")))
    worker = build_worker(settings)
    with running(worker):
        wait_until(lambda: "m-4" in greeted(worker.runtime), message="m-4 greeted")
    listed = wait_until(lambda: [describe(r) for r in parked(settings)], message="a dead letter")
    assert listed[0]["key"] == "m-poison" and "PoisonError" in listed[0]["error"]

    assert replay(settings, {listed[0]["offset"]}) == 1
    copies = read_topic(settings.kafka_bootstrap, replay_topic(settings), until=lambda s: s)
    assert [copy.key for copy in copies] == ["m-poison"]
    shared = read_topic(
        settings.kafka_bootstrap, settings.topic(MEMBERS), until=lambda s: len(s) >= 2
    )
    assert len(shared) == 2, "nothing goes back on the topic other services read"
    fixed = Worker(build_runtime(settings), handlers={("member-joined", 1): greet_anyone})
    with running(fixed):
        wait_until(lambda: "m-poison" in greeted(fixed.runtime), message="m-poison greeted")
        assert sorted(greeted(fixed.runtime)) == ["m-4", "m-poison"]


def test_a_replay_skips_a_parked_record_whose_key_was_erased_since(settings: Settings) -> None:
    erased: list[str] = []
    worker = Worker(
        build_runtime(settings), tombstone_handlers={CONTACTS: lambda uow, key: erased.append(key)}
    )
    produce(settings, CONTACTS, ("m-gone", b"{not json"), ("m-kept", b"{not json"))
    with running(worker):
        dead_letters(settings, 2)
        produce(settings, CONTACTS, ("m-gone", None))
        wait_until(lambda: erased == ["m-gone"], message="m-gone erased")

    assert replay(settings) == 1
    copies = read_topic(settings.kafka_bootstrap, replay_topic(settings), until=lambda s: s)
    assert [copy.key for copy in copies] == ["m-kept"]
