"""Read a topic's events in order: a bounded replay, or a tail that follows new ones."""

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kafka import KafkaConsumer, TopicPartition
from kafka.structs import OffsetAndMetadata

from qplatform.streams.access import Stream


@dataclass(frozen=True)
class EventFilter:
    """Which events to keep: by type (from the header), subject, and time."""

    types: frozenset[str] = frozenset()
    subject: str | None = None
    since: datetime | None = None

    def wants_type(self, headers: dict[str, str]) -> bool:
        """Decide from the headers alone whether the event's type is wanted."""
        return not self.types or headers.get("event-type") in self.types

    def wants(self, event: dict[str, Any]) -> bool:
        """Decide whether a parsed event passes the subject and time filters."""
        if self.subject is not None and event.get("subject") != self.subject:
            return False
        return self.since is None or datetime.fromisoformat(event["time"]) >= self.since


@dataclass
class Reader:
    """A consumer of one stream, in the tool's own group or in none."""

    stream: Stream
    bootstrap: str
    group: str | None = None
    security: Mapping[str, Any] = field(default_factory=dict)
    _consumer: KafkaConsumer | None = field(default=None, init=False)

    def replay(
        self, event_filter: EventFilter, on_progress: Callable[[int], None] = lambda n: None
    ) -> Iterator[dict[str, Any]]:
        """Yield every wanted event from the start (or `since`) to the end as it is now."""
        consumer, partitions = self._assign()
        self._seek(consumer, partitions, event_filter.since, from_beginning=True)
        ends = consumer.end_offsets(partitions)
        remaining = {p for p in partitions if consumer.position(p) < ends[p]}
        while remaining:
            for tp, batch in consumer.poll(timeout_ms=500).items():
                for record in batch:
                    if record.offset < ends[tp]:
                        on_progress(1)
                        yield from self._wanted(record, event_filter)
            done = {p for p in remaining if consumer.position(p) >= ends[p]}
            consumer.pause(*done)  # events newer than the replay's end wait for next time
            remaining -= done

    def tail(
        self, event_filter: EventFilter, *, from_beginning: bool = False
    ) -> Iterator[dict[str, Any]]:
        """Yield wanted events as they arrive, starting at the end unless told otherwise."""
        consumer, partitions = self._assign()
        self._seek(
            consumer,
            partitions,
            event_filter.since,
            from_beginning=from_beginning,
            resume=self.group is not None,
        )
        while True:
            for tp, batch in consumer.poll(timeout_ms=500).items():
                for record in batch:
                    if self.group:
                        # Before showing it, so a stopped tail resumes after what it showed.
                        consumer.commit({tp: OffsetAndMetadata(record.offset + 1, "", -1)})
                    yield from self._wanted(record, event_filter)

    def total(self, since: datetime | None) -> int:
        """Return how many records a replay from `since` (or the beginning) will read."""
        consumer, partitions = self._assign()
        self._seek(consumer, partitions, since, from_beginning=True)
        ends = consumer.end_offsets(partitions)
        return sum(max(0, ends[p] - consumer.position(p)) for p in partitions)

    def close(self) -> None:
        """Leave the broker."""
        if self._consumer is not None:
            self._consumer.close()
            self._consumer = None

    def _assign(self) -> tuple[KafkaConsumer, list[TopicPartition]]:
        if self._consumer is None:
            self._consumer = KafkaConsumer(
                bootstrap_servers=self.bootstrap,
                group_id=self.group,
                enable_auto_commit=False,
                client_id="qp-streams",
                **self.security,
            )
        consumer = self._consumer
        address = self.stream.address
        numbers = consumer.partitions_for_topic(address)
        if not numbers:
            raise LookupError(f"topic {address} does not exist on {self.bootstrap}")
        partitions = [TopicPartition(address, n) for n in sorted(numbers)]
        consumer.assign(partitions)
        return consumer, partitions

    def _seek(
        self,
        consumer: KafkaConsumer,
        partitions: list[TopicPartition],
        since: datetime | None,
        *,
        from_beginning: bool,
        resume: bool = False,
    ) -> None:
        committed = {p: consumer.committed(p) for p in partitions} if resume else {}
        found = (
            consumer.offsets_for_times({p: int(since.timestamp() * 1000) for p in partitions})
            if since
            else {}
        )
        ends = consumer.end_offsets(partitions)
        for partition in partitions:
            if committed.get(partition) is not None:
                consumer.seek(partition, committed[partition])
            elif since is not None:
                hit = found.get(partition)
                consumer.seek(partition, hit.offset if hit else ends[partition])
            elif from_beginning:
                consumer.seek_to_beginning(partition)
            else:
                consumer.seek(partition, ends[partition])

    def _wanted(self, record: Any, event_filter: EventFilter) -> Iterator[dict[str, Any]]:
        headers = {k: v.decode(errors="replace") for k, v in record.headers or []}
        if record.value is None or not event_filter.wants_type(headers):
            return
        try:
            event = json.loads(record.value)
        except ValueError:
            return  # not an event; a replay keeps to what the catalog describes
        if isinstance(event, dict) and "time" in event and event_filter.wants(event):
            yield {"_partition": record.partition, "_offset": record.offset, **event}
