"""Events that arrive before what they refer to: hold their partition back, then retry."""

import time
from collections.abc import Callable

from kafka import KafkaConsumer
from kafka.structs import TopicPartition

from qplatform.messaging.dead_letters import RawRecord

RecordKey = tuple[str, int, int]


class EarlyEvents:
    """Remember how long each early record has waited, and which partitions are held.

    Topics are ordered only within a partition, so an event can overtake what it refers
    to on another topic (a registration before its event). Its partition is paused and
    rewound to it, with a growing delay, while the other partitions flow; after
    `wait_seconds` it is given up on.
    """

    def __init__(self, wait_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._wait_seconds = wait_seconds
        self._clock = clock
        self._first_seen: dict[RecordKey, float] = {}
        self._tries: dict[RecordKey, int] = {}
        self._held: dict[TopicPartition, float] = {}

    def waited_too_long(self, record: RawRecord) -> bool:
        """Note that `record` arrived early; say whether it has now waited long enough."""
        key = _key(record)
        first_seen = self._first_seen.setdefault(key, self._clock())
        self._tries[key] = self._tries.get(key, 0) + 1
        if self._clock() - first_seen >= self._wait_seconds:
            self.forget(record)
            return True
        return False

    def forget(self, record: RawRecord) -> None:
        """Drop what is known about `record`: it was handled or given up on."""
        self._first_seen.pop(_key(record), None)
        self._tries.pop(_key(record), None)

    def hold(self, consumer: KafkaConsumer, record: RawRecord) -> None:
        """Rewind `record`'s partition to it and pause the partition for a while."""
        partition = TopicPartition(record.topic, record.partition)
        tries = self._tries.get(_key(record), 1)
        consumer.seek(partition, record.offset)
        consumer.pause(partition)
        self._held[partition] = self._clock() + min(0.1 * 2 ** (tries - 1), 5.0)

    def release_due(self, consumer: KafkaConsumer) -> None:
        """Resume the held partitions whose delay is over and that are still ours."""
        now = self._clock()
        assigned = consumer.assignment()
        for partition, until in list(self._held.items()):
            if until <= now:
                del self._held[partition]
                if partition in assigned:
                    consumer.resume(partition)


def _key(record: RawRecord) -> RecordKey:
    return (record.topic, record.partition, record.offset)
