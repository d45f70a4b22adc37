"""The dead-letter topic: where a consumer parks an event it cannot handle, with the error."""

import logging
import threading
from dataclasses import dataclass
from typing import Any

from qplatform.messaging.backoff import Backoff
from qplatform.messaging.producer import DeliveryError, EventProducer, Record
from qplatform.telemetry.metrics import EVENTS_DEAD_LETTERED

log = logging.getLogger(__name__)


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


class DeadLetterPublisher:
    """Send failed records to a service's dead-letter topic, unchanged, with why in headers.

    Parking blocks until the broker takes the record (or `stop` is set), because the
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
        """Put `record` on the dead-letter topic with `error` and the attempts made."""
        headers = [
            *record.headers,
            ("dead-letter-error", f"{type(error).__name__}: {error}"[:4000].encode()),
            ("dead-letter-topic", record.topic.encode()),
            ("dead-letter-partition", str(record.partition).encode()),
            ("dead-letter-offset", str(record.offset).encode()),
            ("dead-letter-attempts", str(attempts).encode()),
            ("dead-letter-service", self._service.encode()),
        ]
        key = (record.key or b"").decode(errors="replace")
        dead = Record(topic=self._topic, key=key, value=record.value, headers=headers)
        backoff = Backoff(initial=0.5, maximum=10.0)
        while True:
            try:
                self._producer.send_all([dead])
                break
            except DeliveryError:
                if self._stop.is_set():
                    raise
                log.warning("dead-letter topic unreachable; will retry", exc_info=True)
                self._stop.wait(backoff.next())
        event_type = record.header("event-type") or "unknown"
        EVENTS_DEAD_LETTERED.labels(self._service, event_type).inc()
        log.error(
            "event dead-lettered",
            extra={
                "event_type": event_type,
                "topic": record.topic,
                "offset": record.offset,
                "error": str(error),
            },
        )
