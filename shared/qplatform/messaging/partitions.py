"""How far the consumer may commit on each partition, and what it does when partitions move."""

import logging

from kafka import KafkaConsumer
from kafka.errors import KafkaError
from kafka.structs import OffsetAndMetadata, TopicPartition

from qplatform.messaging.early_events import EarlyEvents
from qplatform.telemetry.metrics import CONSUMER_LAG

log = logging.getLogger(__name__)

# Records held back on one partition before the partition itself is paused: memory stays
# bounded however long what they wait for takes.
MAX_HELD_PER_PARTITION = 1000
# How long a stopping consumer waits for its last commit to be taken.
SETTLE_TIMEOUT_MS = 5_000


class PartitionProgress:
    """Commit each partition up to its oldest held record, never past it.

    A record is done when it was handled, ignored or parked. Records held back (early, or
    behind an early one of their key) are not done, so the committed offset stops at the
    oldest of them: a crash or a rebalance reads them again, and what was done after them
    is read again too, where the inbox makes it a no-op.
    """

    def __init__(self, consumer: KafkaConsumer, early: EarlyEvents, service: str) -> None:
        self._consumer = consumer
        self._early = early
        self._service = service
        self._next: dict[TopicPartition, int] = {}
        self._committed: dict[TopicPartition, int] = {}
        self._paused: set[TopicPartition] = set()
        self._owned: set[TopicPartition] = set()
        # Set from the client's thread when a commit was not taken.
        self._resend = False

    def passed(self, topic: str, partition: int, offset: int) -> None:
        """Note that the consumer went past the record at `offset`."""
        self._next[TopicPartition(topic, partition)] = offset + 1

    def commit(self) -> None:
        """Commit, on each partition, the offset before which every record is done.

        The commit is sent without waiting for the broker's answer, so the next poll's
        records are read meanwhile; one that fails is sent again with the next. A commit
        lost with the worker only means events read again, which the inbox makes no-ops.
        """
        if self._resend:
            self._resend = False
            self._committed.clear()
        offsets = self._uncommitted()
        if not offsets:
            return
        try:
            self._consumer.commit_async(offsets, callback=self._answered)
        except KafkaError:
            log.warning("offset commit failed; will try again", exc_info=True)
            return
        self._committed.update({p: o.offset for p, o in offsets.items()})

    def settle(self) -> None:
        """Commit what is done and wait for the broker's answer, as the consumer stops."""
        # Every partition, whatever was sent before: the last commits may still be on the way.
        offsets = self._uncommitted(since={})
        if not offsets:
            return
        try:
            self._consumer.commit(offsets, timeout_ms=SETTLE_TIMEOUT_MS)
        except KafkaError:
            # The partitions moved to another member, or the broker is away; the records
            # are read again, and the inbox turns the repeats into no-ops.
            log.warning("offset commit failed; events will be redelivered", exc_info=True)

    def _uncommitted(
        self, since: dict[TopicPartition, int] | None = None
    ) -> dict[TopicPartition, OffsetAndMetadata]:
        committed = self._committed if since is None else since
        offsets: dict[TopicPartition, OffsetAndMetadata] = {}
        for partition in self._next:
            safe = self._safe_offset(partition)
            if committed.get(partition) != safe:
                offsets[partition] = OffsetAndMetadata(safe, "", -1)
        return offsets

    def _answered(self, _offsets: object, response: object) -> None:
        # Called by the client with the broker's answer, or the error in its place.
        if isinstance(response, Exception):
            log.info("offset commit not taken; sending it again", extra={"error": str(response)})
            self._resend = True

    def pause_crowded(self) -> None:
        """Pause partitions holding too many records back; resume those that emptied."""
        for partition in self._consumer.assignment():
            crowded = self._early.count(partition) >= MAX_HELD_PER_PARTITION
            if crowded and partition not in self._paused:
                self._consumer.pause(partition)
                self._paused.add(partition)
            elif not crowded and partition in self._paused:
                self._consumer.resume(partition)
                self._paused.discard(partition)

    def measure_lag(self) -> None:
        """Update the lag gauges; skip a round when the broker cannot say."""
        try:
            for partition in self._consumer.assignment():
                highwater = self._consumer.highwater(partition)
                if highwater is None:
                    continue
                lag = max(highwater - self._consumer.position(partition), 0)
                CONSUMER_LAG.labels(self._service, partition.topic, str(partition.partition)).set(
                    lag
                )
        except KafkaError as error:
            log.info("consumer lag not measured this round", extra={"error": str(error)})

    def follow_assignment(self) -> None:
        """Forget what was held on partitions that moved to another member of the group.

        Their next owner reads them from the last commit, which is never past the oldest
        record held here. A partition that moved away and back between two polls keeps its
        held records: whatever the client reads again is an inbox duplicate.
        """
        # Checked after each poll rather than in a rebalance listener: kafka-python runs
        # listeners on its network thread, and with one the group's rebalances stalled.
        assigned = set(self._consumer.assignment())
        lost = self._owned - assigned
        self._owned = assigned
        if not lost:
            return
        self._early.release(lost)
        for partition in lost:
            self._next.pop(partition, None)
            self._committed.pop(partition, None)
            self._paused.discard(partition)

    def _safe_offset(self, partition: TopicPartition) -> int:
        oldest = self._early.oldest_offset(partition)
        next_offset = self._next[partition]
        return next_offset if oldest is None else min(oldest, next_offset)
