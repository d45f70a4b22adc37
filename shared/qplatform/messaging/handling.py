"""Taking a consumer's records: a poll's batch in one transaction, one at a time when any fails.

Each record is checked and parsed first (a malformed one is parked at once). The records
that pass share one transaction, pipelined on PostgreSQL: one inbox statement, every
handler's effects, one commit. When anything in it fails, nothing of it stays and the
records are taken again one at a time, each in a transaction of its own: a handler that
raises is tried `max_handler_attempts` times and its record then parked on the dead-letter
topic; one that raises ArrivedEarly holds back its key (see EarlyEvents); a database
outage is waited out, never taken as the event's fault.
"""

import logging
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from qplatform.config import Settings
from qplatform.correlation import set_correlation_id
from qplatform.db.outages import is_database_outage
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.errors import ArrivedEarly
from qplatform.events import Catalog, Envelope
from qplatform.messaging.backoff import Backoff
from qplatform.messaging.dead_letters import DeadLetterPublisher, RawRecord
from qplatform.messaging.early_events import EarlyEvents
from qplatform.messaging.handlers import Handler, HandlerKey, ReceivedEvent, TombstoneHandler
from qplatform.messaging.record_limits import refuse_unreasonable
from qplatform.telemetry.metrics import EVENTS_CONSUMED, EVENTS_FAILED
from qplatform.tracing import consuming, tracing_on
from qplatform.tracing.carrier import TRACEPARENT

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PendingEvent:
    """A record that passed every check, with its handler's work still to do."""

    record: RawRecord
    event_type: str
    # The handler, given everything but the unit of work.
    apply: Callable[[UnitOfWork], None]
    # None for a tombstone.
    event: ReceivedEvent | None


class EventHandling:
    """Take records for a service's handlers and say what became of each.

    `stop` is the consumer's: retries and waits for the database end when it is set.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        handlers: Mapping[HandlerKey, Handler],
        tombstone_handlers: Mapping[str, TombstoneHandler],
        unit_of_work: Callable[[], UnitOfWork],
        dead_letters: DeadLetterPublisher,
        catalog: Catalog,
        early: EarlyEvents,
    ) -> None:
        self._settings = settings
        self._handlers = handlers
        self._tombstone_handlers = tombstone_handlers
        self._unit_of_work = unit_of_work
        self._dead_letters = dead_letters
        self._catalog = catalog
        self._early = early
        self._retry_delay = 0.1
        self.stop = threading.Event()

    def process(self, record: RawRecord) -> str:
        """Handle one record and return its outcome; a bad event never raises."""
        return self._finish(self._prepare(record))

    def take_all(self, records: list[RawRecord]) -> int:
        """Take a poll's records, in one transaction if every handler succeeds.

        When one fails, nothing of that transaction stays, and the records are taken one at
        a time: the failing one alone is retried and parked, the others handled once.
        Return how many of the leading records were taken before a stop.
        """
        if self.stop.is_set():
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
            if self.stop.is_set():
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
                    if self.stop.is_set():
                        raise
                    log.warning("database unavailable; will retry", extra={"error": str(error)})
                    self.stop.wait(database_backoff.next())
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
                self.stop.wait(self._retry_delay * 2 ** (failures - 1))

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
