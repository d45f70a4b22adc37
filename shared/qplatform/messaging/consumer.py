"""The consumer runner: handle each event once, park what keeps failing, never block."""

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kafka import KafkaConsumer
from kafka.errors import KafkaError
from sqlalchemy.exc import IntegrityError

from qplatform.config import Settings
from qplatform.correlation import set_correlation_id
from qplatform.db.outages import is_database_outage
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.errors import ArrivedEarly
from qplatform.events import CATALOG, Catalog, Envelope
from qplatform.messaging.backoff import Backoff
from qplatform.messaging.dead_letters import DeadLetterPublisher, RawRecord
from qplatform.messaging.early_events import EarlyEvents
from qplatform.messaging.partitions import PartitionProgress
from qplatform.messaging.record_limits import refuse_unreasonable
from qplatform.messaging.security import client_security
from qplatform.messaging.topics import replay_topic
from qplatform.telemetry.metrics import EVENTS_CONSUMED, EVENTS_FAILED
from qplatform.tracing import consuming

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
    that raises ArrivedEarly holds back its key (see EarlyEvents), not its partition. A
    broker or database outage is waited out, never taken as the event's fault.
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
        """Consume until `stop` is set, waiting out and reconnecting after any outage."""
        self._stop = stop
        backoff = Backoff(initial=0.5, maximum=5.0)
        while not stop.is_set():
            try:
                consumer = self._connect()
            except KafkaError as error:
                log.warning("cannot reach the broker; will retry", extra={"error": str(error)})
                stop.wait(backoff.next())
                continue
            progress = PartitionProgress(consumer, self._early, self._settings.service)
            try:
                consumer.subscribe([*self.topics, replay_topic(self._settings)])
                while not stop.is_set():
                    self._poll_once(consumer, progress)
                    backoff.reset()
            except KafkaError as error:
                log.warning("lost the broker; reconnecting", extra={"error": str(error)})
                stop.wait(backoff.next())
            except Exception as error:
                if not is_database_outage(error):
                    raise
                log.warning("database unavailable; reconnecting", extra={"error": str(error)})
                stop.wait(backoff.next())
            finally:
                # What was held is read again from the last committed offset.
                self._early.clear()
                _close(consumer)

    def process(self, record: RawRecord) -> str:
        """Handle one record and return its outcome; a bad event never raises."""
        if record.value is None:
            return self._erase(record)
        try:
            refuse_unreasonable(record.value)
            envelope = Envelope.from_json(record.value)
        except Exception as error:
            # Parsing touches nothing outside the record: whatever it raises, the record
            # is at fault (MalformedEvent, or a parser's own RecursionError or MemoryError).
            self._dead_letters.park(record, error, attempts=0)
            return self._count("unknown", "dead-lettered")
        handler = self._handlers.get((envelope.type, envelope.version))
        if handler is None:
            return self._count(envelope.type, "ignored")
        try:
            data = self._catalog.spec(envelope.type, envelope.version).deserialise(envelope.data)
        except Exception as error:  # EventContractViolation, or a validator's own failure
            self._dead_letters.park(record, error, attempts=0)
            return self._count(envelope.type, "dead-lettered")
        return self._handle_with_retries(handler, ReceivedEvent(envelope, data), record)

    def _erase(self, record: RawRecord) -> str:
        handler = self._tombstone_handlers.get(record.origin[0])
        if handler is None or record.key is None:
            return self._count("tombstone", "ignored")
        key = record.key.decode(errors="replace")

        def erase() -> str:
            with self._unit_of_work() as uow:
                handler(uow, key)
                uow.commit()
            return "handled"

        return self._retrying("tombstone", record, erase)

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
            _close(consumer)
            raise
        return consumer

    def _await_partitions(self, consumer: KafkaConsumer) -> None:
        # Joining the group before the broker's metadata shows a just-declared topic would
        # leave this member with nothing assigned until the next metadata refresh.
        backoff = Backoff(initial=0.1, maximum=2.0)
        missing = [*self.topics, replay_topic(self._settings)]
        while missing and not self._stop.is_set():
            missing = [topic for topic in missing if not consumer.partitions_for_topic(topic)]
            if missing:
                self._stop.wait(backoff.next())

    def _poll_once(self, consumer: KafkaConsumer, progress: PartitionProgress) -> None:
        self._retry_held(progress)
        batches = consumer.poll(timeout_ms=int(self._settings.idle_poll_seconds * 1000) or 100)
        progress.follow_assignment()
        for records in batches.values():
            for record in records:
                if self._stop.is_set():
                    break
                self._take(RawRecord.of(record))
                progress.passed(record.topic, record.partition, record.offset)
        progress.commit()
        progress.measure_lag()

    def _take(self, record: RawRecord) -> None:
        # A record whose key waits behind an early one waits too, to keep the key's order.
        if self._early.is_holding(record):
            self._early.queue_behind(record)
        elif self.process(record) == "deferred":
            self._early.hold(record)

    def _retry_held(self, progress: PartitionProgress) -> None:
        for queue in self._early.due():
            while (record := self._early.take_head(queue)) is not None:
                if self.process(record) == "deferred":
                    self._early.hold(record)
                    break
        progress.pause_crowded()

    def _handle_with_retries(
        self, handler: Handler, event: ReceivedEvent, record: RawRecord
    ) -> str:
        set_correlation_id(event.envelope.correlation_id)
        envelope = event.envelope
        try:
            with consuming(
                record.headers, topic=record.topic, event_type=envelope.type, event_id=envelope.id
            ):
                return self._retrying(
                    envelope.type, record, lambda: self._handle_once(handler, event)
                )
        except ArrivedEarly as early:
            if not self._early.waited_too_long(record):
                return self._count(event.envelope.type, "deferred")
            self._dead_letters.park(record, early, attempts=1)
            return self._count(event.envelope.type, "dead-lettered")
        finally:
            set_correlation_id(None)

    def _retrying(self, event_type: str, record: RawRecord, work: Callable[[], str]) -> str:
        """Run `work` until it succeeds, waiting out database outages; park what keeps failing."""
        failures = 0
        database_backoff = Backoff(initial=0.2, maximum=5.0)
        while True:
            try:
                outcome = work()
                self._early.forget(record)
                return self._count(event_type, outcome)
            except ArrivedEarly:
                raise
            except Exception as error:
                if is_database_outage(error):
                    # The database is away, not the event at fault: wait for it, however
                    # long, rather than park a good event.
                    if self._stop.is_set():
                        raise
                    log.warning("database unavailable; will retry", extra={"error": str(error)})
                    self._stop.wait(database_backoff.next())
                    continue
                failures += 1
                EVENTS_FAILED.labels(self._settings.service, event_type).inc()
                log.warning(
                    "handler failed",
                    exc_info=True,
                    extra={"event_type": event_type, "attempt": failures},
                )
                if failures >= self._settings.max_handler_attempts:
                    self._dead_letters.park(record, error, attempts=failures)
                    return self._count(event_type, "dead-lettered")
                self._stop.wait(self._retry_delay * 2 ** (failures - 1))

    def _handle_once(self, handler: Handler, event: ReceivedEvent) -> str:
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

    def _count(self, event_type: str, outcome: str) -> str:
        EVENTS_CONSUMED.labels(self._settings.service, event_type, outcome).inc()
        return outcome


def _close(consumer: KafkaConsumer) -> None:
    try:
        consumer.close(autocommit=False)
    except Exception:
        log.warning("consumer did not close cleanly", exc_info=True)
