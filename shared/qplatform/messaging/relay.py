"""The outbox relay: publish committed events to Kafka until the broker takes them."""

import json
import logging
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, Row, delete, func, select, text, update

from qplatform.db.outages import is_database_outage
from qplatform.db.plumbing import PlumbingTables
from qplatform.messaging.backoff import Backoff
from qplatform.messaging.producer import DeliveryError, EventProducer, Record
from qplatform.telemetry.metrics import EVENTS_PUBLISHED, OUTBOX_BACKLOG, OUTBOX_OLDEST_AGE
from qplatform.tracing import Carrier, publishing
from qplatform.tracing.spans import Publishing

log = logging.getLogger(__name__)


# Keys are spread over this many slots; only the relay holding a slot's lock publishes the
# rows of its keys, so one key's events leave in order however many relays run.
KEY_SLOTS = 16
# The advisory lock class of the outbox's slots (each service has a database of its own).
SLOT_LOCK_CLASS = 5_137_001
_LOCK_SLOTS = text(
    "SELECT slot FROM generate_series(0, :last) AS slot"
    " WHERE pg_try_advisory_xact_lock(CAST(:lock_class AS integer), slot)"
)


class OutboxRelay:
    """Move outbox rows to Kafka in commit order, marking each one once the broker has it.

    Several relays may run against one PostgreSQL database. Each pass takes, for the length
    of its transaction, the locks of whichever key slots no other relay holds, and publishes
    only those slots' rows, oldest first: a key's events are only ever published by one
    relay at a time, in order. A record may reach Kafka twice (a crash after the broker
    took it, before the mark committed); consumers drop the repeat by its event id.
    """

    def __init__(
        self,
        *,
        service: str,
        engine: Engine,
        tables: PlumbingTables,
        producer: EventProducer,
        batch_size: int = 200,
    ) -> None:
        self._service = service
        self._engine = engine
        self._outbox = tables.outbox
        self._producer = producer
        self._batch_size = batch_size

    def publish_pending(self) -> int:
        """Publish one batch of unpublished rows; return how many reached the broker."""
        with self._engine.connect() as connection:
            if self._engine.dialect.name == "postgresql":
                # Hold the slot locks while sending, so no other relay publishes those keys.
                with connection.begin():
                    rows = self._claim(connection)
                    delivered, error = self._send(rows)
                    self._mark(connection, rows, delivered, error)
            else:
                # SQLite has one writer; holding it while the broker is away would stall
                # every HTTP write. One relay per SQLite file needs no claim.
                with connection.begin():
                    rows = self._claim(connection)
                delivered, error = self._send(rows)
                with connection.begin():
                    self._mark(connection, rows, delivered, error)
        for row in rows[:delivered]:
            EVENTS_PUBLISHED.labels(self._service, row.event_type).inc()
        if error is not None:
            raise DeliveryError(error, delivered=delivered)
        return delivered

    def _claim(self, connection: Connection) -> Sequence[Row[Any]]:
        outbox = self._outbox
        pending = (
            select(outbox)
            .where(outbox.c.published_at.is_(None))
            .order_by(outbox.c.id)
            .limit(self._batch_size)
        )
        if connection.dialect.name == "postgresql":
            slots = list(
                connection.execute(
                    _LOCK_SLOTS, {"last": KEY_SLOTS - 1, "lock_class": SLOT_LOCK_CLASS}
                ).scalars()
            )
            if not slots:
                return []
            pending = pending.where(key_slot(outbox.c.key).in_(slots))
        return connection.execute(pending).all()

    def _send(self, rows: Sequence[Row[Any]]) -> tuple[int, str | None]:
        if not rows:
            return 0, None
        try:
            with publishing(len(rows)) as batch:
                return self._producer.send_all([_record(row, batch) for row in rows]), None
        except DeliveryError as failure:
            return failure.delivered, str(failure)

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
        """Publish until `stop` is set, backing off while the broker is away."""
        backoff = Backoff(initial=0.5, maximum=5.0)
        next_purge = time.monotonic()
        while not stop.is_set():
            try:
                published = self.publish_pending()
                backoff.reset()
                self.measure_backlog()
                if time.monotonic() >= next_purge:
                    self.purge_published(retention)
                    next_purge = time.monotonic() + 60
                if published < self._batch_size:
                    stop.wait(idle_seconds)
            except DeliveryError as error:
                log.warning(
                    "broker did not take outbox events; will retry", extra={"error": str(error)}
                )
                self._measure_quietly()
                stop.wait(backoff.next())
            except Exception as error:
                if is_database_outage(error):
                    log.warning("database unavailable; will retry", extra={"error": str(error)})
                else:
                    log.exception("outbox relay pass failed; will retry")
                stop.wait(backoff.next())
        self._producer.close()

    def _measure_quietly(self) -> None:
        try:
            self.measure_backlog()
        except Exception as error:
            # The database may be away as well as the broker; the gauges can wait.
            log.info("outbox backlog not measured", extra={"error": str(error)})

    def _mark(
        self, connection: Connection, rows: Sequence[Row[Any]], delivered: int, error: str | None
    ) -> None:
        now = datetime.now(UTC)
        outbox = self._outbox
        sent = [row.id for row in rows[:delivered]]
        if sent:
            connection.execute(
                update(outbox)
                .where(outbox.c.id.in_(sent))
                .values(published_at=now, attempts=outbox.c.attempts + 1)
            )
        if error is not None and delivered < len(rows):
            connection.execute(
                update(outbox)
                .where(outbox.c.id == rows[delivered].id)
                .values(attempts=outbox.c.attempts + 1, last_error=error[:2000])
            )


def key_slot(key: ColumnElement[str]) -> ColumnElement[int]:
    """Return the slot of an outbox key, as PostgreSQL computes it."""
    return func.mod(func.hashtext(key).op("&")(0x7FFFFFFF), KEY_SLOTS)


def _record(row: Row[Any], batch: Publishing) -> Record:
    headers = [(name, value.encode()) for name, value in json.loads(row.headers)]
    carrier = Carrier(row.traceparent, row.tracestate)
    headers += batch.headers_for(carrier, topic=row.topic, event_type=row.event_type)
    value = row.payload.encode() if row.payload is not None else None
    return Record(topic=row.topic, key=row.key, value=value, headers=headers)


def _aware(moment: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; they were written in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
