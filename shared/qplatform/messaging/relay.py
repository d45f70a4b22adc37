"""The outbox relay: publish committed events to Kafka until the broker takes them."""

import json
import logging
import threading
import time
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext, suppress
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Connection,
    Engine,
    Integer,
    Row,
    any_,
    bindparam,
    delete,
    func,
    select,
    text,
    update,
)

from qplatform.db.outages import is_database_outage
from qplatform.db.outbox_signal import OutboxListener
from qplatform.db.plumbing import PlumbingTables
from qplatform.messaging.backoff import Backoff
from qplatform.messaging.collector import settle_startup_objects
from qplatform.messaging.producer import DeliveryError, EventProducer, Record, Sending
from qplatform.telemetry.metrics import EVENTS_PUBLISHED, OUTBOX_BACKLOG, OUTBOX_OLDEST_AGE
from qplatform.tracing import Carrier, publishing
from qplatform.tracing.spans import Publishing

log = logging.getLogger(__name__)


# Keys are spread over this many slots; only the relay holding a slot's lock publishes the
# rows of its keys, so one key's events leave in order however many relays run.
KEY_SLOTS = 16
# The advisory lock class of the outbox's slots (each service has a database of its own).
SLOT_LOCK_CLASS = 5_137_001
# A pass (one transaction, holding its key slots) reads and sends this many batches at
# most, the next one read and sent while the broker acknowledges the one before.
BATCHES_PER_PASS = 5
# Counting the backlog scans the unpublished rows; a gauge needs it only this often.
BACKLOG_EVERY_SECONDS = 5.0
# What a pass reads of each row: what the record needs, and the id to mark it by.
_SENT_COLUMNS = (
    "id",
    "event_type",
    "topic",
    "key",
    "payload",
    "headers",
    "traceparent",
    "tracestate",
)
# A burst outdates the outbox's statistics until the next analyze, and the planner then
# reads every unpublished row to sort them (2 ms instead of 0.2 for 200 rows among 3,000
# here). Walking the unpublished rows' index in id order stops at a batch.
_READ_IN_ID_ORDER = text("SET LOCAL enable_bitmapscan = off")
_LOCK_SLOTS = text(
    "SELECT slot FROM generate_series(0, :last) AS slot"
    " WHERE pg_try_advisory_xact_lock(CAST(:lock_class AS integer), slot)"
)


class OutboxRelay:
    """Move outbox rows to Kafka in commit order, marking each one once the broker has it.

    Several relays may run against one PostgreSQL database. Each pass takes, for the length
    of its transaction, the locks of whichever key slots no other relay holds, and publishes
    only those slots' rows, oldest first: a key's events are only ever published by one
    relay at a time, in order. A pass reads a batch in one statement and hands it to the
    producer, then reads and hands over the next while the broker acknowledges the one
    before, and marks each batch in one statement once its acknowledgements are in. A
    record may reach Kafka twice (a crash after the broker took it, before the mark
    committed); consumers drop the repeat by its event id.
    """

    def __init__(
        self,
        *,
        service: str,
        engine: Engine,
        tables: PlumbingTables,
        producer: EventProducer,
        batch_size: int = 1000,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"QP_RELAY_BATCH_SIZE must be at least 1, not {batch_size}")
        self._service = service
        self._engine = engine
        self._outbox = tables.outbox
        self._producer = producer
        self._batch_size = batch_size
        self._listener = OutboxListener(engine)

    @property
    def rows_per_pass(self) -> int:
        """Return the most rows one pass publishes (and one transaction holds locks for)."""
        return self._batch_size * BATCHES_PER_PASS

    def publish_pending(self) -> int:
        """Publish the unpublished rows, a pass's worth at most; return how many reached Kafka."""
        with self._engine.connect() as connection:
            pass_ = _Pass(self, connection)
            if self._engine.dialect.name == "postgresql":
                # Hold the slot locks while sending, so no other relay publishes those keys.
                with connection.begin():
                    connection.execute(_READ_IN_ID_ORDER)
                    pass_.run()
            else:
                # SQLite has one writer; holding it while the broker is away would stall
                # every HTTP write. One relay per SQLite file needs no claim.
                pass_.run()
        for row in pass_.published:
            EVENTS_PUBLISHED.labels(self._service, row.event_type).inc()
        if pass_.error is not None:
            raise DeliveryError(pass_.error, delivered=len(pass_.published))
        return len(pass_.published)

    def _slots(self, connection: Connection) -> list[int] | None:
        """Lock the free key slots for this transaction; None when this relay holds them all."""
        if connection.dialect.name != "postgresql":
            return None
        slots = list(
            connection.execute(
                _LOCK_SLOTS, {"last": KEY_SLOTS - 1, "lock_class": SLOT_LOCK_CLASS}
            ).scalars()
        )
        return None if len(slots) == KEY_SLOTS else slots

    def _claim(
        self, connection: Connection, slots: list[int] | None, after: int
    ) -> Sequence[Row[Any]]:
        outbox = self._outbox
        pending = (
            select(*(outbox.c[name] for name in _SENT_COLUMNS))
            .where(outbox.c.published_at.is_(None), outbox.c.id > after)
            .order_by(outbox.c.id)
            .limit(self._batch_size)
        )
        if slots is not None:
            pending = pending.where(key_slot(outbox.c.key).in_(slots))
        return connection.execute(pending).all()

    def measure_backlog(self) -> None:
        """Update the backlog gauges from the outbox."""
        outbox = self._outbox
        with self._engine.connect() as connection:
            count, oldest = connection.execute(
                select(func.count(), func.min(outbox.c.created_at)).where(
                    outbox.c.published_at.is_(None)
                )
            ).one()
        OUTBOX_BACKLOG.labels(self._service).set(count)
        age = (datetime.now(UTC) - _aware(oldest)).total_seconds() if oldest else 0.0
        OUTBOX_OLDEST_AGE.labels(self._service).set(age)

    def purge_published(self, older_than: timedelta) -> int:
        """Delete rows published more than `older_than` ago; return how many."""
        cutoff = datetime.now(UTC) - older_than
        with self._engine.begin() as connection:
            result = connection.execute(
                delete(self._outbox).where(self._outbox.c.published_at < cutoff)
            )
        return int(result.rowcount or 0)

    def run(
        self,
        stop: threading.Event,
        idle_seconds: float = 0.2,
        retention: timedelta = timedelta(days=7),
    ) -> None:
        """Publish until `stop` is set, woken by commits, backing off while the broker is away."""
        backoff = Backoff(initial=0.5, maximum=5.0)
        next_purge = next_measure = time.monotonic()
        self._listener.listen()
        settle_startup_objects()
        try:
            while not stop.is_set():
                try:
                    published = self.publish_pending()
                    backoff.reset()
                    if time.monotonic() >= next_measure:
                        self.measure_backlog()
                        next_measure = time.monotonic() + BACKLOG_EVERY_SECONDS
                    if time.monotonic() >= next_purge:
                        self.purge_published(retention)
                        next_purge = time.monotonic() + 60
                    if published < self.rows_per_pass:
                        self._listener.wait(stop, idle_seconds)
                except DeliveryError as error:
                    log.warning(
                        "broker did not take outbox events; will retry",
                        extra={"error": str(error)},
                    )
                    self._measure_quietly()
                    stop.wait(backoff.next())
                except Exception as error:
                    if is_database_outage(error):
                        log.warning("database unavailable; will retry", extra={"error": str(error)})
                    else:
                        log.exception("outbox relay pass failed; will retry")
                    stop.wait(backoff.next())
        finally:
            self._listener.close()
            self._producer.close()

    def _measure_quietly(self) -> None:
        try:
            self.measure_backlog()
        except Exception as error:
            # The database may be away as well as the broker; the gauges can wait.
            log.info("outbox backlog not measured", extra={"error": str(error)})

    def _mark(
        self, connection: Connection, sent: list[int], failed: int | None, error: str | None
    ) -> None:
        """Mark the rows with ids `sent` as published, and note `error` on row `failed`."""
        now = datetime.now(UTC)
        outbox = self._outbox
        if sent:
            connection.execute(
                update(outbox)
                .where(_one_of(outbox.c.id, sent, connection.dialect.name))
                .values(published_at=now, attempts=outbox.c.attempts + 1)
            )
        if failed is not None and error is not None:
            connection.execute(
                update(outbox)
                .where(outbox.c.id == failed)
                .values(attempts=outbox.c.attempts + 1, last_error=error[:2000])
            )


class _Pass:
    """One pass of a relay: read batches, keep the producer busy, mark what the broker took.

    The next batch is read and handed to the producer while the broker acknowledges the
    one before, so the producer's pipeline never empties between batches; the only round
    trips made while it works are one read and one mark per batch.
    """

    def __init__(self, relay: OutboxRelay, connection: Connection) -> None:
        self._relay = relay
        self._connection = connection
        self.published: list[Row[Any]] = []
        self.error: str | None = None
        self._unsent: str | None = None  # why the client would not take a batch, if it did not

    def run(self) -> None:
        """Publish up to the pass's batches, or to the first record the broker refuses."""
        with self._step():
            slots = self._relay._slots(self._connection)
        if slots == []:
            return
        rows = self._read(slots, after=0)
        waiting: tuple[Sequence[Row[Any]], Sending] | None = None
        for batch in range(1, BATCHES_PER_PASS + 1):
            if not rows:
                break
            sending = self._send(rows)
            if sending is None:
                break
            after, sent = rows[-1].id, rows
            rows = self._read(slots, after) if batch < BATCHES_PER_PASS else []
            if waiting is not None:
                self._settle(*waiting)
            waiting = (sent, sending)
        if waiting is not None:
            with suppress(DeliveryError):
                # Nothing more is coming this pass: the client need not linger to fill its
                # batches. Each record's own answer says which were taken.
                self._relay._producer.flush()
            self._settle(*waiting)
        self.error = self.error or self._unsent

    def _read(self, slots: list[int] | None, after: int) -> Sequence[Row[Any]]:
        with self._step():
            return self._relay._claim(self._connection, slots, after)

    def _send(self, rows: Sequence[Row[Any]]) -> Sending | None:
        try:
            with publishing(len(rows)) as batch:
                return self._relay._producer.send(_records(rows, batch))
        except DeliveryError as failure:
            self._unsent = str(failure)
            return None  # nothing of it was handed over; it waits for the next pass

    def _settle(self, rows: Sequence[Row[Any]], sending: Sending) -> None:
        """Wait for the broker's answers to `rows`, then mark what it took and what it refused.

        Marked now, while the broker takes the next batch: the database's work on them
        overlaps the producer's instead of following it.
        """
        if self.error is not None:
            return  # after a refusal, later rows wait for the next pass, in order
        refused = None
        try:
            delivered = sending.confirmed()
        except DeliveryError as failure:
            delivered, self.error = failure.delivered, str(failure)
            refused = rows[delivered].id
        taken = rows[:delivered]
        self.published.extend(taken)
        with self._step():
            self._relay._mark(self._connection, [row.id for row in taken], refused, self.error)

    def _step(self) -> AbstractContextManager[Any]:
        # On PostgreSQL the whole pass is one transaction; on SQLite each step is its own.
        if self._connection.in_transaction():
            return nullcontext()
        return self._connection.begin()


def key_slot(key: ColumnElement[str]) -> ColumnElement[int]:
    """Return the slot of an outbox key, as PostgreSQL computes it."""
    return func.mod(func.hashtext(key).op("&")(0x7FFFFFFF), KEY_SLOTS)


def _one_of(column: ColumnElement[int], ids: list[int], dialect: str) -> ColumnElement[bool]:
    """Return `column IN ids`; on PostgreSQL as one array, so the statement is the same text."""
    if dialect == "postgresql":
        return column == any_(bindparam("ids", ids, type_=ARRAY(Integer)))
    return column.in_(ids)


def _records(rows: Sequence[Row[Any]], batch: Publishing) -> list[Record]:
    return [_record(row, batch) for row in rows]


def _record(row: Row[Any], batch: Publishing) -> Record:
    """Build the Kafka record of one outbox row, headers (trace context included) and all."""
    headers = [(name, value.encode()) for name, value in json.loads(row.headers)]
    carrier = Carrier(row.traceparent, row.tracestate)
    headers += batch.headers_for(carrier, topic=row.topic, event_type=row.event_type)
    value = row.payload.encode() if row.payload is not None else None
    return Record(topic=row.topic, key=row.key, value=value, headers=headers)


def _aware(moment: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; they were written in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
