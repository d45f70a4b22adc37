"""Events that arrive before what they refer to: hold back their key, not their partition."""

import time
from collections import deque
from collections.abc import Callable, Iterable

from kafka.structs import TopicPartition

from qplatform.messaging.dead_letters import RawRecord

RecordKey = tuple[str, int, int]
# Records of one aggregate on one partition: the unit whose order the consumer keeps.
KeyQueue = tuple[str, int, bytes]


class EarlyEvents:
    """Hold each early record, and every later record of its key, while the rest flow.

    Topics are ordered only within a partition, so an event can overtake what it refers
    to on another topic (a registration before its event). Only the records of that one
    key wait behind it, in order; the partition's other keys go on. The record is tried
    again with a growing delay and given up on after `wait_seconds`. Held records live in
    memory only: the consumer never commits its offset past the oldest of them, so a
    restart reads them again rather than losing them.
    """

    def __init__(self, wait_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._wait_seconds = wait_seconds
        self._clock = clock
        self._first_seen: dict[RecordKey, float] = {}
        self._tries: dict[RecordKey, int] = {}
        self._queues: dict[KeyQueue, deque[RawRecord]] = {}
        self._next_try: dict[KeyQueue, float] = {}

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

    def is_holding(self, record: RawRecord) -> bool:
        """Tell whether an earlier record of `record`'s key is being held back."""
        return _queue(record) in self._queues

    def hold(self, record: RawRecord) -> None:
        """Hold `record` back, at the head of its key's queue, and try it again later."""
        queue = _queue(record)
        self._queues.setdefault(queue, deque()).appendleft(record)
        self._retry_later(queue)

    def queue_behind(self, record: RawRecord) -> None:
        """Keep `record` until the held records of its key before it are done."""
        records = self._queues[_queue(record)]
        # After a rebalance the client may read a held record again; once is enough.
        if all(held.offset != record.offset for held in records):
            records.append(record)

    def due(self) -> list[KeyQueue]:
        """Return the keys whose head record is due another try."""
        now = self._clock()
        return [queue for queue, at in self._next_try.items() if at <= now]

    def take_head(self, queue: KeyQueue) -> RawRecord | None:
        """Remove and return the oldest held record of `queue`, or None when it is empty."""
        records = self._queues.get(queue)
        if not records:
            self._drop(queue)
            return None
        return records.popleft()

    def oldest_offset(self, partition: TopicPartition) -> int | None:
        """Return the offset of the oldest record held on `partition`, if any."""
        offsets = [
            records[0].offset
            for (topic, number, _), records in self._queues.items()
            if records and (topic, number) == (partition.topic, partition.partition)
        ]
        return min(offsets, default=None)

    def count(self, partition: TopicPartition) -> int:
        """Return how many records are held on `partition`."""
        return sum(
            len(records)
            for (topic, number, _), records in self._queues.items()
            if (topic, number) == (partition.topic, partition.partition)
        )

    def release(self, partitions: Iterable[TopicPartition]) -> None:
        """Forget the records of `partitions`: they will be read again from the last commit."""
        gone = {(p.topic, p.partition) for p in partitions}
        for queue in [q for q in self._queues if (q[0], q[1]) in gone]:
            for record in self._queues[queue]:
                self.forget(record)
            self._drop(queue)

    def clear(self) -> None:
        """Forget every held record: the consumer starts again from the last commit."""
        self._first_seen.clear()
        self._tries.clear()
        self._queues.clear()
        self._next_try.clear()

    def _retry_later(self, queue: KeyQueue) -> None:
        head = self._queues[queue][0]
        tries = self._tries.get(_key(head), 1)
        self._next_try[queue] = self._clock() + min(0.1 * 2 ** (tries - 1), 5.0)

    def _drop(self, queue: KeyQueue) -> None:
        self._queues.pop(queue, None)
        self._next_try.pop(queue, None)


def _key(record: RawRecord) -> RecordKey:
    return (record.topic, record.partition, record.offset)


def _queue(record: RawRecord) -> KeyQueue:
    return (record.topic, record.partition, record.key or b"")
