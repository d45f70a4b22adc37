"""The consumer runner: handle each event once, park what keeps failing, never block."""

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kafka import KafkaConsumer
from kafka.errors import CommitFailedError, KafkaError
from kafka.structs import OffsetAndMetadata, TopicPartition
from sqlalchemy.exc import IntegrityError, OperationalError

from qplatform.config import Settings
from qplatform.correlation import set_correlation_id
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.errors import ArrivedEarly, EventContractViolation
from qplatform.events import CATALOG, Catalog, Envelope, MalformedEvent
from qplatform.messaging.backoff import Backoff
from qplatform.messaging.dead_letters import DeadLetterPublisher, RawRecord
from qplatform.messaging.early_events import EarlyEvents
from qplatform.messaging.security import client_security
from qplatform.telemetry.metrics import CONSUMER_LAG, EVENTS_CONSUMED, EVENTS_FAILED

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReceivedEvent:
    """An event as a handler sees it: the envelope, and `data` loaded by its schema."""

    envelope: Envelope
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return self.envelope.id

    @property
    def subject(self) -> str:
        return self.envelope.subject


Handler = Callable[[UnitOfWork, ReceivedEvent], None]
HandlerKey = tuple[str, int]
# A tombstone on a compacted topic erases its key; its handler gets the key. Erasing is
# idempotent by nature, so tombstones need no inbox record.
TombstoneHandler = Callable[[UnitOfWork, str], None]


class EventConsumer:
    """Run a service's handlers over the topics they need, in the service's consumer group.

    A handler's effects and the event's id commit in one transaction (the inbox), and the
    offset is committed after it, so a redelivered event finds its id and has no effect.
    A handler that raises is tried `max_attempts` times; then the record goes to the
    dead-letter topic with the error, and the consumer moves on to the next one. A handler
    that raises ArrivedEarly holds its partition back until what it waits for is handled.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        handlers: Mapping[HandlerKey, Handler],
        unit_of_work: Callable[[], UnitOfWork],
        dead_letters: DeadLetterPublisher,
        catalog: Catalog = CATALOG,
        tombstone_handlers: Mapping[str, TombstoneHandler] | None = None,
    ) -> None:
        self._settings = settings
        self._handlers = dict(handlers)
        self._tombstone_handlers = {
            settings.topic(name): handler for name, handler in (tombstone_handlers or {}).items()
        }
        self._unit_of_work = unit_of_work
        self._dead_letters = dead_letters
        self._catalog = catalog
        self._retry_delay = 0.1
        self._early = EarlyEvents(settings.early_event_wait_seconds)
        self._stop = threading.Event()

    @property
    def topics(self) -> list[str]:
        """Return the topics that carry the event types this consumer handles."""
        names = {self._catalog.spec(type, version).topic.name for type, version in self._handlers}
        return sorted(
            {self._settings.topic(name) for name in names} | set(self._tombstone_handlers)
        )

    def run(self, stop: threading.Event) -> None:
        """Consume until `stop` is set, reconnecting whenever the broker goes away."""
        self._stop = stop
        backoff = Backoff(initial=0.5, maximum=10.0)
        while not stop.is_set():
            try:
                consumer = self._connect()
            except KafkaError as error:
                log.warning("cannot reach the broker; will retry", extra={"error": str(error)})
                stop.wait(backoff.next())
                continue
            backoff.reset()
            try:
                while not stop.is_set():
                    self._poll_once(consumer, stop)
            finally:
                consumer.close(autocommit=False)

    def process(self, record: RawRecord) -> str:
        """Handle one record and return its outcome; a bad event never raises."""
        if record.value is None:
            return self._erase(record)
        try:
            envelope = Envelope.from_json(record.value)
        except MalformedEvent as error:
            self._dead_letters.park(record, error, attempts=0)
            return self._count("unknown", "dead-lettered")
        handler = self._handlers.get((envelope.type, envelope.version))
        if handler is None:
            return self._count(envelope.type, "ignored")
        try:
            data = self._catalog.spec(envelope.type, envelope.version).deserialise(envelope.data)
        except EventContractViolation as error:
            self._dead_letters.park(record, error, attempts=0)
            return self._count(envelope.type, "dead-lettered")
        return self._handle_with_retries(handler, ReceivedEvent(envelope, data), record)

    def _erase(self, record: RawRecord) -> str:
        handler = self._tombstone_handlers.get(record.topic)
        if handler is None or record.key is None:
            return self._count("tombstone", "ignored")
        with self._unit_of_work() as uow:
            handler(uow, record.key.decode())
            uow.commit()
        return self._count("tombstone", "handled")

    def _connect(self) -> KafkaConsumer:
        consumer = KafkaConsumer(
            bootstrap_servers=self._settings.kafka_bootstrap,
            group_id=self._settings.consumer_group,
            client_id=f"{self._settings.service}-consumer",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_poll_records=100,
            # A crashed worker's partitions move to a live one within seconds, not the
            # 45 s default, at the cost of a heartbeat every 3 s.
            session_timeout_ms=10_000,
            heartbeat_interval_ms=3_000,
            # Partitions an operator adds are picked up within 30 s, not 5 minutes.
            metadata_max_age_ms=30_000,
            **client_security(self._settings),
        )
        try:
            self._await_partitions(consumer)
        except BaseException:
            consumer.close(autocommit=False)
            raise
        consumer.subscribe(self.topics)
        return consumer

    def _await_partitions(self, consumer: KafkaConsumer) -> None:
        # Joining the group before the broker's metadata shows a just-declared topic would
        # leave this member with nothing assigned until the next metadata refresh.
        backoff = Backoff(initial=0.1, maximum=2.0)
        missing = list(self.topics)
        while missing and not self._stop.is_set():
            missing = [topic for topic in missing if not consumer.partitions_for_topic(topic)]
            if missing:
                self._stop.wait(backoff.next())

    def _poll_once(self, consumer: KafkaConsumer, stop: threading.Event) -> None:
        self._early.release_due(consumer)
        batches = consumer.poll(timeout_ms=int(self._settings.idle_poll_seconds * 1000) or 100)
        offsets: dict[TopicPartition, OffsetAndMetadata] = {}
        for partition, records in batches.items():
            for record in records:
                if stop.is_set():
                    break
                raw = RawRecord.of(record)
                if self.process(raw) == "deferred":
                    self._early.hold(consumer, raw)
                    break
                offsets[partition] = OffsetAndMetadata(record.offset + 1, "", -1)
        if offsets:
            try:
                consumer.commit(offsets)
            except (CommitFailedError, KafkaError):
                # The partitions moved to another member; it will redeliver, and the inbox
                # turns the repeats into no-ops.
                log.warning("offset commit failed; events will be redelivered", exc_info=True)
        self._measure_lag(consumer)

    def _handle_with_retries(
        self, handler: Handler, event: ReceivedEvent, record: RawRecord
    ) -> str:
        failures = 0
        database_backoff = Backoff(initial=0.2, maximum=5.0)
        while True:
            try:
                outcome = self._handle_once(handler, event)
                self._early.forget(record)
                return self._count(event.envelope.type, outcome)
            except ArrivedEarly as early:
                if not self._early.waited_too_long(record):
                    return self._count(event.envelope.type, "deferred")
                self._dead_letters.park(record, early, attempts=failures + 1)
                return self._count(event.envelope.type, "dead-lettered")
            except OperationalError:
                # The database is away, not the event at fault: wait for it, however long,
                # rather than park a good event.
                if self._stop.is_set():
                    raise
                log.warning(
                    "database unavailable; will retry", exc_info=True, extra={"event_id": event.id}
                )
                self._stop.wait(database_backoff.next())
            except Exception as error:
                failures += 1
                EVENTS_FAILED.labels(self._settings.service, event.envelope.type).inc()
                log.warning(
                    "handler failed",
                    exc_info=True,
                    extra={
                        "event_id": event.id,
                        "event_type": event.envelope.type,
                        "attempt": failures,
                    },
                )
                if failures >= self._settings.max_handler_attempts:
                    self._dead_letters.park(record, error, attempts=failures)
                    return self._count(event.envelope.type, "dead-lettered")
                self._stop.wait(self._retry_delay * 2 ** (failures - 1))

    def _handle_once(self, handler: Handler, event: ReceivedEvent) -> str:
        set_correlation_id(event.envelope.correlation_id)
        try:
            with self._unit_of_work() as uow:
                if uow.has_handled(event.id):
                    return "duplicate"
                handler(uow, event)
                uow.record_handled(event.envelope)
                uow.commit()
                return "handled"
        except IntegrityError:
            # Another consumer of the group committed the same event first.
            with self._unit_of_work() as uow:
                if uow.has_handled(event.id):
                    return "duplicate"
            raise
        finally:
            set_correlation_id(None)

    def _count(self, event_type: str, outcome: str) -> str:
        EVENTS_CONSUMED.labels(self._settings.service, event_type, outcome).inc()
        return outcome

    def _measure_lag(self, consumer: KafkaConsumer) -> None:
        for partition in consumer.assignment():
            highwater = consumer.highwater(partition)
            if highwater is None:
                continue
            lag = max(highwater - consumer.position(partition), 0)
            CONSUMER_LAG.labels(
                self._settings.service, partition.topic, str(partition.partition)
            ).set(lag)
