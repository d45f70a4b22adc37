"""The dead-letter topic: where a consumer notes an event it cannot handle, and why.

A dead letter points at the record; it is not a copy. Its headers name the record's
topic, partition and offset, its event id and type, and the error's kind and place, with
no value from the record or the row it touched. So erasing a member from the topic the
record came from erases it for the dead letter too, and a dead letter kept 30 days holds
nothing about anyone.
"""

import logging
import threading
from dataclasses import dataclass
from typing import Any

from qplatform.messaging.backoff import Backoff
from qplatform.messaging.failures import error_summary, error_type
from qplatform.messaging.producer import DeliveryError, EventProducer, Record
from qplatform.telemetry.metrics import EVENTS_DEAD_LETTERED

log = logging.getLogger(__name__)

# Headers a replayed record carries: where the record it copies lives.
REPLAY_OF = ("replay-of-topic", "replay-of-partition", "replay-of-offset")
# The event's own headers a dead letter keeps: ids and type, never data.
KEPT_HEADERS = ("event-id", "event-type", "event-version", "correlation-id")


@dataclass(frozen=True)
class RawRecord:
    """A record as it came off a topic, before anyone parsed it."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: list[tuple[str, bytes]]

    @classmethod
    def of(cls, record: Any) -> "RawRecord":
        """Copy the parts of a kafka-python ConsumerRecord that a dead letter keeps."""
        return cls(
            record.topic,
            record.partition,
            record.offset,
            record.key,
            record.value,
            list(record.headers or []),
        )

    def header(self, name: str) -> str | None:
        """Return the header `name` as text, or None."""
        for key, value in self.headers:
            if key == name:
                return value.decode(errors="replace")
        return None

    @property
    def origin(self) -> tuple[str, int, int]:
        """Return where the record first was: its own place, or the one a replay copied."""
        topic, partition, offset = (self.header(name) for name in REPLAY_OF)
        if topic is None or partition is None or offset is None:
            return self.topic, self.partition, self.offset
        return topic, int(partition), int(offset)


class DeadLetterPublisher:
    """Note failed records on a service's dead-letter topic, with why in headers.

    Parking blocks until the broker takes the note (or `stop` is set), because the
    consumer must not commit past a record that is neither handled nor parked.
    """

    def __init__(
        self,
        *,
        service: str,
        topic: str,
        producer: EventProducer,
        stop: threading.Event | None = None,
    ) -> None:
        self._service = service
        self._topic = topic
        self._producer = producer
        self._stop = stop or threading.Event()

    def park(self, record: RawRecord, error: BaseException, *, attempts: int) -> None:
        """Note `record` on the dead-letter topic with `error` and the attempts made."""
        topic, partition, offset = record.origin
        summary = error_summary(error)
        headers = [
            *((name, value) for name, value in record.headers if name in KEPT_HEADERS),
            ("dead-letter-error-type", error_type(error).encode()),
            ("dead-letter-error", summary.encode()),
            ("dead-letter-topic", topic.encode()),
            ("dead-letter-partition", str(partition).encode()),
            ("dead-letter-offset", str(offset).encode()),
            ("dead-letter-attempts", str(attempts).encode()),
            ("dead-letter-service", self._service.encode()),
        ]
        key = (record.key or b"").decode(errors="replace")
        self._send(Record(topic=self._topic, key=key, value=b"", headers=headers))
        event_type = record.header("event-type") or "unknown"
        EVENTS_DEAD_LETTERED.labels(self._service, event_type).inc()
        log.error(
            "event dead-lettered",
            extra={"event_type": event_type, "topic": topic, "offset": offset, "error": summary},
        )

    def _send(self, dead: Record) -> None:
        backoff = Backoff(initial=0.5, maximum=5.0)
        while True:
            try:
                self._producer.send_all([dead])
                return
            except DeliveryError:
                if self._stop.is_set():
                    raise
                log.warning("dead-letter topic unreachable; will retry", exc_info=True)
                self._stop.wait(backoff.next())
