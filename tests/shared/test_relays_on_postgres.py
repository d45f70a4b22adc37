"""Several relays on one PostgreSQL outbox publish each key's events in order, each once."""

import threading
from collections import defaultdict
from collections.abc import Callable

import pytest
from sqlalchemy import create_engine

from qplatform.config import Settings
from qplatform.messaging.producer import DeliveryError, EventProducer
from qplatform.messaging.relay import OutboxRelay
from qplatform.messaging.security import client_security
from qplatform.messaging.topics import ensure_topics
from qplatform.runtime import Runtime
from tests.shared.toy import PLUMBING, build_runtime, member_joined
from tests.support.principals import AS_OPERATOR
from tests.support.topics import read_topic

RELAYS = 4
KEYS = 6
EVENTS_PER_KEY = 40


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


def stage_in_turns(runtime: Runtime) -> None:
    # One event per key per transaction, keys interleaved, so every batch mixes keys.
    for sequence in range(EVENTS_PER_KEY):
        for key in range(KEYS):
            with runtime.unit_of_work() as uow:
                member = f"m-{key}"
                uow.publish(
                    "member-joined", subject=member, data=member_joined(member, str(sequence))
                )
                uow.commit()


def relay_until(runtime: Runtime, settings: Settings, done: threading.Event) -> None:
    relay = OutboxRelay(
        service="toy",
        engine=runtime.engine,
        tables=PLUMBING,
        producer=EventProducer(
            settings.kafka_bootstrap, client_id="relay", security=client_security(settings)
        ),
        batch_size=4,
    )
    idle_after_done = 0
    while idle_after_done < 3:
        try:
            published = relay.publish_pending()
        except DeliveryError:
            published = 0
        if published == 0:
            idle_after_done += done.is_set()
            done.wait(0.05)


def test_several_relays_under_load_keep_each_keys_order(settings: Settings) -> None:
    runtime = build_runtime(settings)
    staged = threading.Event()
    relays = [
        threading.Thread(target=relay_until, args=(runtime, settings, staged))
        for _ in range(RELAYS)
    ]
    for relay in relays:
        relay.start()
    stage_in_turns(runtime)
    staged.set()
    for relay in relays:
        relay.join(timeout=120)
    runtime.close()

    total = KEYS * EVENTS_PER_KEY
    seen = read_topic(
        settings.kafka_bootstrap,
        settings.topic("membership.member"),
        until=lambda records: len(records) >= total,
        timeout=60,
    )
    sequences: dict[str, list[int]] = defaultdict(list)
    for record in seen:
        assert record.key is not None and record.value is not None
        sequences[record.key].append(int(record.value["data"]["display_name"]))
    out_of_order = [key for key, got in sequences.items() if got != sorted(got)]
    assert out_of_order == []
    assert {key: len(got) for key, got in sequences.items()} == {
        f"m-{key}": EVENTS_PER_KEY for key in range(KEYS)
    }


@pytest.mark.parametrize("size", [0, -5])
def test_a_relay_refuses_a_batch_size_that_would_publish_nothing(size: int) -> None:
    with pytest.raises(ValueError, match="QP_RELAY_BATCH_SIZE must be at least 1"):
        OutboxRelay(
            service="toy",
            engine=create_engine("sqlite://"),
            tables=PLUMBING,
            producer=EventProducer("127.0.0.1:1", client_id="relay"),
            batch_size=size,
        )
