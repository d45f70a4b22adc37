"""Inspect and replay a service's dead-letter topic: `qp-dead-letters SERVICE list|replay`.

Replaying puts a parked record back on the topic it came from, unchanged. Every consumer
remembers the events it handled, so only the consumers that failed on it act on it again.
"""

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from kafka import KafkaConsumer, TopicPartition

from qplatform.config import Settings
from qplatform.messaging.dead_letters import RawRecord
from qplatform.messaging.producer import EventProducer, Record
from qplatform.messaging.security import client_security

DEAD_LETTER_HEADERS = "dead-letter-"


def parked(settings: Settings) -> Iterator[RawRecord]:
    """Yield every record on the service's dead-letter topic, oldest first."""
    consumer = KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        group_id=None,
        enable_auto_commit=False,
        consumer_timeout_ms=2000,
        **client_security(settings),
    )
    try:
        topic = settings.dead_letter_topic
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or []]
        if not partitions:
            return
        consumer.assign(partitions)
        consumer.seek_to_beginning()
        ends = consumer.end_offsets(partitions)
        for record in consumer:
            yield RawRecord.of(record)
            if all(consumer.position(p) >= ends[p] for p in partitions):
                return
    finally:
        consumer.close()


def describe(record: RawRecord) -> dict[str, Any]:
    """Summarise a parked record for an operator."""
    return {
        "offset": record.offset,
        "key": (record.key or b"").decode(errors="replace"),
        "event_type": record.header("event-type"),
        "event_id": record.header("event-id"),
        "error": record.header("dead-letter-error"),
        "from": f"{record.header('dead-letter-topic')}/{record.header('dead-letter-partition')}"
        f"@{record.header('dead-letter-offset')}",
        "attempts": record.header("dead-letter-attempts"),
    }


def replay(settings: Settings, offsets: set[int] | None = None) -> int:
    """Put parked records (all, or those at `offsets`) back on their topics; return how many."""
    records = [
        Record(
            topic=record.header("dead-letter-topic") or "",
            key=(record.key or b"").decode(),
            value=record.value,
            headers=[(k, v) for k, v in record.headers if not k.startswith(DEAD_LETTER_HEADERS)],
        )
        for record in parked(settings)
        if offsets is None or record.offset in offsets
    ]
    producer = EventProducer(
        settings.kafka_bootstrap,
        client_id=f"{settings.service}-replay",
        security=client_security(settings),
    )
    try:
        return producer.send_all(records) if records else 0
    finally:
        producer.close()


def main(argv: Sequence[str] | None = None) -> None:
    """List or replay the dead letters of one service."""
    parser = argparse.ArgumentParser(prog="qp-dead-letters", description=__doc__)
    parser.add_argument("service")
    parser.add_argument("action", choices=["list", "replay"])
    parser.add_argument(
        "--offset",
        type=int,
        action="append",
        help="replay only the record at this offset (repeatable)",
    )
    args = parser.parse_args(argv)
    settings = Settings.from_env(args.service)
    if args.action == "list":
        for record in parked(settings):
            print(json.dumps(describe(record)))
    else:
        count = replay(settings, set(args.offset) if args.offset else None)
        print(f"replayed {count} record(s)", file=sys.stderr)
