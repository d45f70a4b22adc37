"""The outbox, inbox and revocations tables that every service's database carries."""

from dataclasses import dataclass

from sqlalchemy import (
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from qplatform.db.types import UtcDateTime


@dataclass(frozen=True)
class PlumbingTables:
    """The outbox (events for the broker), inbox (events handled), revocations (access ended)."""

    outbox: Table
    inbox: Table
    revocations: Table


def add_plumbing_tables(metadata: MetaData) -> PlumbingTables:
    """Add the outbox, inbox and revocations tables to a service's metadata."""
    outbox = Table(
        "outbox",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("event_type", String(100), nullable=False),
        Column("topic", String(200), nullable=False),
        Column("key", String(200), nullable=False),
        Column("payload", Text, nullable=True),
        Column("headers", Text, nullable=False),
        Column("created_at", UtcDateTime(), nullable=False),
        Column("published_at", UtcDateTime(), nullable=True),
        Column("attempts", Integer, nullable=False, default=0),
        Column("last_error", Text, nullable=True),
        # The trace of what staged the event, which the relay's record continues.
        Column("traceparent", String(55), nullable=True),
        Column("tracestate", String(512), nullable=True),
    )
    Index(
        "ix_outbox_unpublished",
        outbox.c.id,
        postgresql_where=outbox.c.published_at.is_(None),
        sqlite_where=outbox.c.published_at.is_(None),
    )
    # The relay purges published rows by age; without this it scans the whole outbox.
    Index("ix_outbox_published_at", outbox.c.published_at)
    inbox = Table(
        "inbox",
        metadata,
        Column("event_id", String(36), primary_key=True),
        Column("event_type", String(100), nullable=False),
        Column("handled_at", UtcDateTime(), nullable=False),
    )
    revocations = Table(
        "revocations",
        metadata,
        # A digest of "member:<id>" or "session:<id>", so the table names nobody.
        Column("key", String(64), primary_key=True),
        Column("revoked_before", UtcDateTime(), nullable=False),
    )
    return PlumbingTables(outbox=outbox, inbox=inbox, revocations=revocations)
