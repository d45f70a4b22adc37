"""The consumer runner: handle each event once, park what keeps failing, never block."""

import logging
import threading
from collections import Counter
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
from qplatform.messaging.collector import settle_startup_objects
from qplatform.messaging.dead_letters import DeadLetterPublisher, RawRecord
from qplatform.messaging.early_events import EarlyEvents
from qplatform.messaging.partitions import PartitionProgress
from qplatform.messaging.record_limits import refuse_unreasonable
from qplatform.messaging.security import client_security
from qplatform.messaging.topics import replay_topic
from qplatform.telemetry.metrics import EVENTS_CONSUMED, EVENTS_FAILED
from qplatform.tracing import consuming, tracing_on
from qplatform.tracing.carrier import TRACEPARENT

log = logging.getLogger(__name__)


# How every consumer of the platform reads: offsets committed by the consumer once the
# events are handled, from the start of a topic for a new group, up to 100 records a poll.
CONSUMER_SETTINGS: dict[str, Any] = {
    "enable_auto_commit": False,
    "auto_offset_reset": "earliest",
    "max_poll_records": 100,
    # A crashed worker's partitions move to a live one within seconds, not the 45 s
    # default, at the cost of a heartbeat every 3 s.
    "session_timeout_ms": 10_000,
    "heartbeat_interval_ms": 3_000,
    # Partitions an operator adds are picked up within 30 s, not 5 minutes.
    "metadata_max_age_ms": 30_000,
}


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


# A handler takes its service's own unit of work (a subclass of `UnitOfWork`, owning that
# service's repositories); `Any` lets each service type its handlers with its own.
Handler = Callable[[Any, ReceivedEvent], None]
HandlerKey = tuple[str, int]
# A tombstone on a compacted topic erases its key; its handler gets the key. Erasing is
# idempotent by nature, so tombstones need no inbox record.
TombstoneHandler = Callable[[Any, str], None]


@dataclass(frozen=True)
class PendingEvent:
    """A record that passed every check, with its handler's work still to do."""

    record: RawRecord
    event_type: str
    # The handler, given everything but the unit of work.
    apply: Callable[[UnitOfWork], None]
    # None for a tombstone.
    event: ReceivedEvent | None


class EventConsumer:
    """Run a service's handlers over the topics they need, in the service's consumer group.

    A handler's effects and the event's id commit in one transaction (the inbox), and the
    offset is committed after it, so a redelivered event finds its id and has no effect.
    The records of one poll share that transaction while every handler succeeds; when
    one fails, they are handled again one at a time, each in its own.
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
            settle_startup_objects()
            progress = PartitionProgress(consumer, self._early, self._settings.service)
            try:
                consumer.subscribe([*self.topics, replay_topic(self._settings)])
                while not stop.is_set():
                    self._poll_once(consumer, progress)
                    backoff.reset()
                progress.settle()
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
        return self._finish(self._prepare(record))

    def _prepare(self, record: RawRecord) -> PendingEvent | str:
        """Check and parse `record`: its handler's work to do, or the outcome already reached."""
        if record.value is None:
            return self._prepare_tombstone(record)
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
        event = ReceivedEvent(envelope, data)
        return PendingEvent(record, envelope.type, lambda uow: handler(uow, event), event)

    def _prepare_tombstone(self, record: RawRecord) -> PendingEvent | str:
        handler = self._tombstone_handlers.get(record.origin[0])
        if handler is None or record.key is None:
            return self._count("tombstone", "ignored")
        key = record.key.decode(errors="replace")
        return PendingEvent(record, "tombstone", lambda uow: handler(uow, key), None)

    def _finish(self, prepared: PendingEvent | str) -> str:
        """Do the work of one prepared record in a transaction of its own; return its outcome."""
        if isinstance(prepared, str):
            return prepared
        if prepared.event is None:
            return self._retrying("tombstone", prepared.record, lambda: self._erase(prepared))
        return self._handle_with_retries(prepared)

    def _erase(self, pending: PendingEvent) -> str:
        # Erasing is idempotent by nature, so a tombstone needs no inbox record.
        with self._unit_of_work() as uow:
            self.handle_event(uow, pending)
            uow.commit()
        return "handled"

    def handle_event(self, uow: UnitOfWork, pending: PendingEvent) -> None:
        """Apply one event's handler (or a tombstone's) inside `uow`, the step every path shares."""
        if pending.event is None:
            pending.apply(uow)
            return
        envelope, record = pending.event.envelope, pending.record
        set_correlation_id(envelope.correlation_id)
        if not tracing_on() and not _carries_trace(record.headers):
            # The span would record nothing and pass no trace on: it is only a cost.
            pending.apply(uow)
            return
        # A span per event, continuing the trace of what staged it, whichever path runs it.
        with consuming(
            record.headers, topic=record.topic, event_type=envelope.type, event_id=envelope.id
        ):
            pending.apply(uow)

    def _connect(self) -> KafkaConsumer:
        consumer = KafkaConsumer(
            bootstrap_servers=self._settings.kafka_bootstrap,
            group_id=self._settings.consumer_group,
            client_id=f"{self._settings.service}-consumer",
            **CONSUMER_SETTINGS,
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
        records = [RawRecord.of(record) for records in batches.values() for record in records]
        for record in records[: self._take_all(records)]:
            progress.passed(record.topic, record.partition, record.offset)
        progress.commit()
        progress.measure_lag()

    def _take_all(self, records: list[RawRecord]) -> int:
        """Take a poll's records, in one transaction if every handler succeeds.

        When one fails, nothing of that transaction stays, and the records are taken one at
        a time: the failing one alone is retried and parked, the others handled once.
        Return how many of the leading records were taken before a stop.
        """
        if self._stop.is_set():
            return 0
        prepared: list[PendingEvent | str | None] = []
        for record in records:
            # A record whose key waits behind an early one waits too, to keep the key's order.
            if self._early.is_holding(record):
                self._early.queue_behind(record)
                prepared.append(None)
            else:
                prepared.append(self._prepare(record))
        pending = [item for item in prepared if isinstance(item, PendingEvent)]
        if len(pending) > 1 and self._handle_together(pending):
            return len(records)
        for taken, item in enumerate(prepared):
            if self._stop.is_set():
                return taken
            if isinstance(item, PendingEvent):
                self._take(item)
        return len(records)

    def _take(self, pending: PendingEvent) -> None:
        if self._early.is_holding(pending.record):
            self._early.queue_behind(pending.record)
        elif self._finish(pending) == "deferred":
            self._early.hold(pending.record)

    def _handle_together(self, batch: list[PendingEvent]) -> bool:
        """Handle `batch` in one transaction; False, with nothing written, when any fails."""
        outcomes: list[str] = []
        try:
            with self._unit_of_work() as uow:
                with uow.pipelined():
                    outcomes = self._apply_all(uow, batch)
                uow.commit()
        except Exception as error:
            # Early, failing, a concurrent duplicate or the database away: each event's own
            # transaction sorts out which, as it always did.
            log.info("batch taken one event at a time", extra={"error": type(error).__name__})
            return False
        finally:
            set_correlation_id(None)
        counts: Counter[tuple[str, str]] = Counter()
        for pending, outcome in zip(batch, outcomes, strict=True):
            self._early.forget(pending.record)
            counts[pending.event_type, outcome] += 1
        for (event_type, outcome), count in counts.items():
            EVENTS_CONSUMED.labels(self._settings.service, event_type, outcome).inc(count)
        return True

    def _apply_all(self, uow: UnitOfWork, batch: list[PendingEvent]) -> list[str]:
        """Record `batch` in the inbox and apply the handlers of its first copies; outcomes."""
        outcomes = []
        first_seen = uow.record_first_handling(
            [p.event.envelope for p in batch if p.event is not None]
        )
        for pending in batch:
            if pending.event is not None:
                if pending.event.id not in first_seen:
                    outcomes.append("duplicate")
                    continue
                # A second copy within the batch is a duplicate too.
                first_seen.discard(pending.event.id)
            self.handle_event(uow, pending)
            outcomes.append("handled")
        return outcomes

    def _retry_held(self, progress: PartitionProgress) -> None:
        for queue in self._early.due():
            while (record := self._early.take_head(queue)) is not None:
                if self.process(record) == "deferred":
                    self._early.hold(record)
                    break
        progress.pause_crowded()

    def _handle_with_retries(self, pending: PendingEvent) -> str:
        assert pending.event is not None
        envelope, record = pending.event.envelope, pending.record
        set_correlation_id(envelope.correlation_id)
        try:
            return self._retrying(envelope.type, record, lambda: self._handle_once(pending))
        except ArrivedEarly as early:
            if not self._early.waited_too_long(record):
                return self._count(envelope.type, "deferred")
            self._dead_letters.park(record, early, attempts=1)
            return self._count(envelope.type, "dead-lettered")
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

    def _handle_once(self, pending: PendingEvent) -> str:
        assert pending.event is not None
        event_id = pending.event.id
        try:
            with self._unit_of_work() as uow:
                if not uow.record_first_handling([pending.event.envelope]):
                    return "duplicate"
                self.handle_event(uow, pending)
                uow.commit()
                return "handled"
        except IntegrityError:
            # Another consumer of the group committed the same event first.
            with self._unit_of_work() as uow:
                if uow.has_handled(event_id):
                    return "duplicate"
            raise

    def _count(self, event_type: str, outcome: str) -> str:
        EVENTS_CONSUMED.labels(self._settings.service, event_type, outcome).inc()
        return outcome


def _carries_trace(headers: list[tuple[str, bytes]]) -> bool:
    """Tell whether a record's headers carry a trace for its handling to continue."""
    return any(name == TRACEPARENT for name, _ in headers)


def _close(consumer: KafkaConsumer) -> None:
    try:
        consumer.close(autocommit=False)
    except Exception:
        log.warning("consumer did not close cleanly", exc_info=True)
