"""The unit of work: one transaction for a state change and the events it causes."""

import functools
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Insert, Table, TextClause, delete, func, insert, select, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from qplatform.clock import SYSTEM_CLOCK, Clock
from qplatform.correlation import current_correlation_id
from qplatform.db.bulk import insert_rows
from qplatform.db.outbox_signal import announce_staged
from qplatform.db.pipeline import pipelined
from qplatform.db.plumbing import PlumbingTables
from qplatform.events import CATALOG, Catalog, Envelope, EventSpec, Topic
from qplatform.tracing import committing, current_carrier

# Up to this many staged events go in one INSERT statement (one round trip); more go
# through COPY, whose extra round trips pay off from there on (a coffee round stages
# tens of thousands).
_INSERTED_AT_MOST = 50


def new_event(
    catalog: Catalog, source: str, type: str, version: int, subject: str, data: dict[str, Any]
) -> tuple[Envelope, EventSpec]:
    """Return a new event checked against its contract, and that contract."""
    spec = catalog.spec(type, version)
    envelope = Envelope.new(
        type=type,
        version=version,
        source=source,
        subject=subject,
        correlation_id=current_correlation_id(),
        data=spec.serialise(data),
    )
    return envelope, spec


class UnitOfWork:
    """Own one transaction: what a use case changes and the events it stages commit together.

    Each service subclasses it to own its repositories, opened on the transaction's session
    in `_open_repositories` (`uow.members.get(...)`), so the service layer never touches the
    session. Repositories never commit; the use case calls `commit()`. Leaving the block
    without committing rolls everything back, events included.
    """

    def __init__(
        self,
        session_factory: Callable[[], Session],
        *,
        tables: PlumbingTables,
        source: str,
        topic_prefix: str,
        catalog: Catalog = CATALOG,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self.clock = clock
        self._session_factory = session_factory
        self._tables = tables
        self._source = source
        self._topic_prefix = topic_prefix
        self._catalog = catalog
        self.session: Session
        self._staged: list[dict[str, Any]] = []

    def __enter__(self) -> Self:
        self._staged = []
        self.session = self._session_factory()
        self._open_repositories(self.session)
        return self

    def _open_repositories(self, session: Session) -> None:
        """Attach this service's repositories, opened on `session`; subclasses name theirs."""

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Closing rolls back whatever was not committed, and leaves loaded objects readable.
        self._staged = []
        self.session.close()

    @property
    def tables(self) -> PlumbingTables:
        """Return the plumbing tables of this service's database."""
        return self._tables

    def commit(self) -> None:
        """Commit the change and its staged events in one transaction."""
        with committing(len(self._staged)):
            if self._staged:
                connection = self.session.connection()
                if len(self._staged) <= _INSERTED_AT_MOST:
                    connection.execute(insert(self._tables.outbox).values(self._staged))
                else:
                    insert_rows(connection, self._tables.outbox, self._staged)
                # Delivered by PostgreSQL at commit, and only if the commit succeeds.
                announce_staged(connection)
                self._staged = []
            self.session.commit()

    def flush(self) -> None:
        """Send pending changes to the database (ids, constraints) without committing."""
        self.session.flush()

    @contextmanager
    def pipelined(self) -> Iterator[None]:
        """Send this transaction's plain INSERTs without waiting for each one's answer.

        Only for work that is done again, without the pipeline, when anything in it
        fails: an INSERT's error surfaces later, at a statement that waits or at commit
        (see `qplatform.db.pipeline`), at the latest when the block ends. Commit after it.
        """
        with pipelined(self.session.connection()):
            yield

    def hold(self, key: str) -> None:
        """Hold `key` until the transaction ends, so changes about it go one at a time.

        For what has no row to lock yet (an email applying, a name being taken). SQLite
        already writes one transaction at a time; PostgreSQL takes an advisory lock.
        """
        if self.session.get_bind().dialect.name == "postgresql":
            lock = func.pg_advisory_xact_lock(func.hashtext(f"{self._source}:{key}"))
            self.session.execute(select(lock))

    def rollback(self) -> None:
        """Drop the change and every event staged with it."""
        self._staged = []
        self.session.rollback()

    def publish(
        self, type: str, *, subject: str, data: dict[str, Any], version: int = 1
    ) -> Envelope:
        """Stage an event for the relay; it reaches Kafka only if this unit commits."""
        envelope, spec = new_event(self._catalog, self._source, type, version, subject, data)
        self._stage(envelope.id, type, spec.topic, subject, envelope.to_json(), envelope.headers())
        return envelope

    def publish_tombstone(self, topic: Topic, *, subject: str) -> None:
        """Stage a tombstone that erases `subject` from a compacted topic."""
        self._stage(str(uuid.uuid4()), "tombstone", topic, subject, None, [])

    def forget_events_about(self, subjects: list[str], topics: list[Topic]) -> None:
        """Delete what the outbox still holds about `subjects` on `topics`, sent or not.

        For erasure: a tombstone staged after this erases the rest from the topics, and
        nothing personal must wait in the outbox for the relay's retention to run out.
        """
        outbox = self._tables.outbox
        names = [self._topic_prefix + topic.name for topic in topics]
        self.session.execute(
            delete(outbox).where(outbox.c.key.in_(subjects), outbox.c.topic.in_(names))
        )

    def has_handled(self, event_id: str) -> bool:
        """Tell whether this service already handled the event with `event_id`."""
        inbox = self._tables.inbox
        found = self.session.execute(select(inbox.c.event_id).where(inbox.c.event_id == event_id))
        return found.first() is not None

    def record_handled(self, envelope: Envelope) -> None:
        """Record that `envelope` was handled, in the same transaction as its effects."""
        self.session.execute(
            insert(self._tables.inbox).values(
                event_id=envelope.id, event_type=envelope.type, handled_at=SYSTEM_CLOCK.now()
            )
        )

    def record_first_handling(self, envelopes: list[Envelope]) -> set[str]:
        """Record `envelopes` as handled in this transaction; return the ids not recorded before.

        One statement both looks up and records: an event already in the inbox (or twice
        in `envelopes`) is left out, and a concurrent transaction recording the same event
        is waited for.
        """
        if not envelopes:
            return set()
        moment = SYSTEM_CLOCK.now()
        inbox = self._tables.inbox
        if self.session.get_bind().dialect.name == "postgresql":
            # The ids travel as two arrays: one short statement, the same whatever their
            # number, which the driver prepares once.
            found = self.session.execute(
                _first_handling_unnested(inbox),
                {
                    "ids": [e.id for e in envelopes],
                    "types": [e.type for e in envelopes],
                    "moment": moment,
                },
            )
            return set(found.scalars())
        rows = [{"event_id": e.id, "event_type": e.type, "handled_at": moment} for e in envelopes]
        return set(self.session.execute(_first_handling(inbox), rows).scalars())

    def _stage(
        self,
        event_id: str,
        event_type: str,
        topic: Topic,
        key: str,
        payload: str | None,
        headers: list[tuple[str, bytes]],
    ) -> None:
        carrier = current_carrier()
        self._staged.append(
            {
                "event_id": event_id,
                "event_type": event_type,
                "topic": self._topic_prefix + topic.name,
                "key": key,
                "payload": payload,
                "headers": json.dumps([[k, v.decode()] for k, v in headers]),
                # Plumbing keeps the real time, whatever clock the use case runs on.
                "created_at": SYSTEM_CLOCK.now(),
                "attempts": 0,
                "traceparent": carrier.traceparent,
                "tracestate": carrier.tracestate,
            }
        )


@functools.cache
def _first_handling(inbox: Table) -> Insert:
    """Return the statement that records events in `inbox`, leaving out those already there."""
    return (
        sqlite.insert(inbox)
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(inbox.c.event_id)
    )


@functools.cache
def _first_handling_unnested(inbox: Table) -> TextClause:
    """Return `_first_handling` for PostgreSQL, taking the ids and types as two arrays."""
    return text(
        f"INSERT INTO {inbox.name} (event_id, event_type, handled_at) "
        "SELECT e.id, e.type, :moment FROM unnest(CAST(:ids AS text[]), CAST(:types AS text[]))"
        " AS e(id, type) ON CONFLICT (event_id) DO NOTHING RETURNING event_id"
    )
