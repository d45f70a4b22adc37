"""Inspect and replay a service's dead-letter topic: `qp-dead-letters SERVICE list|replay`.

Replaying reads each parked record again from the topic it came from and puts a copy on
the service's own replay topic, which no other service reads: only the service that
parked it handles it again. A record its topic no longer holds (compacted away), or whose
key a later tombstone erased, is not replayed: erasure wins over a replay.
"""

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from kafka import KafkaConsumer, TopicPartition

from qplatform.config import Settings
from qplatform.events import CATALOG, Catalog
from qplatform.messaging.dead_letters import REPLAY_OF, RawRecord
from qplatform.messaging.producer import EventProducer, Record
from qplatform.messaging.security import client_security
from qplatform.messaging.topics import replay_topic

READ_TIMEOUT_MS = 2000


def _reader(settings: Settings) -> KafkaConsumer:
    return KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        group_id=None,
        enable_auto_commit=False,
        consumer_timeout_ms=READ_TIMEOUT_MS,
        **client_security(settings),
    )


def parked(settings: Settings) -> Iterator[RawRecord]:
    """Yield every record on the service's dead-letter topic, oldest first."""
    consumer = _reader(settings)
    try:
        topic = settings.dead_letter_topic
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or []]
        if not partitions:
            return
        yield from _read_to_end(consumer, partitions)
    finally:
        consumer.close()


def describe(record: RawRecord) -> dict[str, Any]:
    """Summarise a parked record for an operator."""
    return {
        "offset": record.offset,
        "key": (record.key or b"").decode(errors="replace"),
        "event_type": record.header("event-type"),
        "event_id": record.header("event-id"),
        "error_type": record.header("dead-letter-error-type"),
        "error": record.header("dead-letter-error"),
        "from": f"{record.header('dead-letter-topic')}/{record.header('dead-letter-partition')}"
        f"@{record.header('dead-letter-offset')}",
        "attempts": record.header("dead-letter-attempts"),
    }


def replay(settings: Settings, offsets: set[int] | None = None) -> int:
    """Copy parked records (all, or those at `offsets`) to the replay topic; return how many."""
    chosen = [r for r in parked(settings) if offsets is None or r.offset in offsets]
    originals = [original for note in chosen if (original := _original(settings, note))]
    records = [_replayed(settings, original) for original in originals]
    skipped = len(chosen) - len(records)
    if skipped:
        print(f"{skipped} record(s) erased or compacted away; not replayed", file=sys.stderr)
    producer = EventProducer(
        settings.kafka_bootstrap,
        client_id=f"{settings.service}-replay",
        security=client_security(settings),
    )
    try:
        return producer.send_all(records) if records else 0
    finally:
        producer.close()


def _original(settings: Settings, note: RawRecord, catalog: Catalog = CATALOG) -> RawRecord | None:
    """Read the record a dead letter points at, or None if it is gone or its key erased."""
    topic = note.header("dead-letter-topic") or ""
    partition = TopicPartition(topic, int(note.header("dead-letter-partition") or 0))
    offset = int(note.header("dead-letter-offset") or 0)
    compacted = {settings.topic(t.name) for t in catalog.topics() if t.compacted}
    consumer = _reader(settings)
    try:
        consumer.assign([partition])
        consumer.seek(partition, offset)
        found: RawRecord | None = None
        for record in _read_to_end(consumer, [partition], rewind=False):
            if found is None:
                if record.offset != offset:
                    return None
                found = record
                if topic not in compacted:
                    break
            elif record.key == found.key and record.value is None:
                return None
        return found
    finally:
        consumer.close()


def _replayed(settings: Settings, original: RawRecord) -> Record:
    where = (original.topic, str(original.partition), str(original.offset))
    return Record(
        topic=replay_topic(settings),
        key=(original.key or b"").decode(errors="replace"),
        value=original.value,
        headers=[
            *((k, v) for k, v in original.headers if k not in REPLAY_OF),
            *((name, value.encode()) for name, value in zip(REPLAY_OF, where, strict=True)),
        ],
    )


def _read_to_end(
    consumer: KafkaConsumer, partitions: list[TopicPartition], *, rewind: bool = True
) -> Iterator[RawRecord]:
    if rewind:
        consumer.assign(partitions)
        consumer.seek_to_beginning()
    ends = consumer.end_offsets(partitions)
    if all(consumer.position(p) >= ends[p] for p in partitions):
        return
    for record in consumer:
        yield RawRecord.of(record)
        if all(consumer.position(p) >= ends[p] for p in partitions):
            return


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
