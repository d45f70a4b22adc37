"""Which records wait behind an early one, and how far the consumer may commit meanwhile."""

from kafka.structs import TopicPartition

from qplatform.messaging.dead_letters import RawRecord
from qplatform.messaging.early_events import EarlyEvents

TOPIC = "q.events.registration"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def record(key: str, offset: int, partition: int = 0) -> RawRecord:
    return RawRecord(TOPIC, partition, offset, key.encode(), b"{}", [])


def test_only_the_early_records_key_waits_and_its_order_is_kept() -> None:
    early = EarlyEvents(wait_seconds=600, clock=Clock())
    early.hold(record("r-1", 4))
    assert early.is_holding(record("r-1", 6))
    assert not early.is_holding(record("r-2", 5))
    early.queue_behind(record("r-1", 6))
    early.queue_behind(record("r-1", 6))  # read again after a rebalance
    queue = (TOPIC, 0, b"r-1")
    taken = [early.take_head(queue), early.take_head(queue), early.take_head(queue)]
    assert [r.offset if r else None for r in taken] == [4, 6, None]
    assert not early.is_holding(record("r-1", 7))


def test_the_commit_stops_at_the_oldest_held_record_of_its_partition() -> None:
    early = EarlyEvents(wait_seconds=600, clock=Clock())
    early.hold(record("r-1", 9))
    early.hold(record("r-2", 4))
    early.hold(record("r-3", 2, partition=1))
    assert early.oldest_offset(TopicPartition(TOPIC, 0)) == 4
    early.release([TopicPartition(TOPIC, 0)])
    assert early.oldest_offset(TopicPartition(TOPIC, 0)) is None
    assert early.oldest_offset(TopicPartition(TOPIC, 1)) == 2


def test_a_held_key_is_due_again_after_a_growing_delay_and_given_up_after_the_wait() -> None:
    clock = Clock()
    early = EarlyEvents(wait_seconds=10, clock=clock)
    first = record("r-1", 4)
    assert not early.waited_too_long(first)
    early.hold(first)
    assert early.due() == []
    clock.now = 0.2
    assert early.due() == [(TOPIC, 0, b"r-1")]
    clock.now = 10.0
    assert early.waited_too_long(first)
