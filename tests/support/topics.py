"""Read what is on a topic, as an analyst or a test would: from the beginning, no group."""

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kafka import KafkaConsumer, TopicPartition

from tests.support.principals import ADMIN, signed_in_as


@dataclass(frozen=True)
class Seen:
    """A record read back from a topic."""

    key: str | None
    value: dict[str, Any] | None
    raw: bytes | None
    headers: dict[str, str]
    partition: int


def read_topic(
    bootstrap: str, topic: str, *, until: Callable[[list[Seen]], bool], timeout: float = 30.0
) -> list[Seen]:
    """Read `topic` from its start until `until(records)` holds; fail after `timeout`.

    The test reads as the operator, who may read every topic.
    """
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap,
        enable_auto_commit=False,
        group_id=None,
        consumer_timeout_ms=500,
        **signed_in_as(ADMIN),
    )
    try:
        deadline = time.monotonic() + timeout
        partitions: set[int] = set()
        while not partitions:
            partitions = consumer.partitions_for_topic(topic) or set()
            if time.monotonic() > deadline:
                raise AssertionError(f"topic {topic} does not exist")
        consumer.assign([TopicPartition(topic, p) for p in partitions])
        consumer.seek_to_beginning()
        seen: list[Seen] = []
        while not until(seen):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out reading {topic}; saw {len(seen)} records")
            for batch in consumer.poll(timeout_ms=200).values():
                seen.extend(_seen(record) for record in batch)
        return seen
    finally:
        consumer.close()


def _seen(record: Any) -> Seen:
    return Seen(
        key=record.key.decode() if record.key is not None else None,
        value=_json(record.value),
        raw=record.value,
        headers={k: v.decode() for k, v in record.headers or []},
        partition=record.partition,
    )


def _json(raw: bytes | None) -> dict[str, Any] | None:
    try:
        return json.loads(raw) if raw is not None else None
    except ValueError:
        return None  # not an event: the raw bytes are still there


def read_every_topic(bootstrap: str, prefix: str) -> dict[str, list[Seen]]:
    """Read every topic named with `prefix`, restricted and dead-letter ones too, to its end."""
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap,
        enable_auto_commit=False,
        group_id=None,
        **signed_in_as(ADMIN),
    )
    try:
        names = sorted(name for name in consumer.topics() if name.startswith(prefix))
        return {name: _read_to_end(consumer, name) for name in names}
    finally:
        consumer.close()


def _read_to_end(consumer: KafkaConsumer, topic: str) -> list[Seen]:
    partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
    consumer.assign(partitions)
    consumer.seek_to_beginning()
    ends = consumer.end_offsets(partitions)
    seen: list[Seen] = []
    while any(consumer.position(p) < end for p, end in ends.items()):
        for batch in consumer.poll(timeout_ms=200).values():
            seen.extend(_seen(record) for record in batch)
    return seen
