"""What both sides of the pipe benchmark share: its place, its events, its clocks."""

import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg
from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from sqlalchemy import Column, Float, String, Table, insert

from qplatform.config import Settings
from qplatform.db.engine import new_metadata
from qplatform.db.plumbing import add_plumbing_tables
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import CATALOG, Envelope
from qplatform.messaging.handlers import ReceivedEvent
from qplatform.messaging.security import client_security
from qplatform.runtime import Runtime

PG_PORT = int(os.environ.get("QP_TEST_POSTGRES_PORT", "15433"))
KAFKA_PORT = int(os.environ.get("QP_TEST_KAFKA_PORT", "19092"))
MEMBERS = "membership.member"
# The producing side owns a membership-shaped database, the handling side an events one.
DATABASES = {"producer": "membership", "consumer": "events"}
METADATA = new_metadata()
PLUMBING = add_plumbing_tables(METADATA)
DELIVERIES = Table(
    "deliveries",
    METADATA,
    Column("member_id", String(64), primary_key=True),
    Column("created_at", Float, nullable=False),
    Column("handled_at", Float, nullable=False),
)


@dataclass(frozen=True)
class Bench:
    """Where the bench works: its settings per side and its own topic prefix."""

    producer: Settings
    consumer: Settings

    def runtime(self, settings: Settings) -> Runtime:
        """Connect to a side's database, as a web process does."""
        return Runtime.build(settings, PLUMBING)


def note_delivery(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Note when the event was created and when it was handled: the one insert a handler makes."""
    uow.session.execute(
        insert(DELIVERIES).values(
            member_id=event.subject,
            created_at=event.envelope.time.timestamp(),
            handled_at=time.time(),
        )
    )


def joined(member_id: str) -> dict[str, Any]:
    """Return a member-joined's data, as membership publishes it (a 624-byte envelope)."""
    return {
        "member_id": member_id,
        "display_name": "Asha Patel",
        "organisation": "NHS Tayside",
        "job_title": "Improvement Lead",
        "region": "scotland",
        "joined_at": datetime(2026, 12, 1, 9, tzinfo=UTC),
    }


def envelope_of(member_id: str) -> Envelope:
    """Return the envelope membership would publish for `member_id` joining now."""
    data = CATALOG.spec("member-joined", 1).serialise(joined(member_id))
    return Envelope.new(
        type="member-joined",
        version=1,
        source="membership",
        subject=member_id,
        correlation_id=str(uuid.uuid4()),
        data=data,
    )


@dataclass
class Clock:
    """First and last moments something was seen, and how many times."""

    count: int = 0
    first: float = 0.0
    last: float = 0.0

    def tick(self) -> None:
        now = time.perf_counter()
        self.first = self.first or now
        self.last, self.count = now, self.count + 1

    def rate(self) -> float:
        """Return events/s from the first to the last, the first excluded."""
        return (self.count - 1) / (self.last - self.first) if self.last > self.first else 0.0


def paced(rate: int, seconds: float, send: Callable[[int], None]) -> float:
    """Call `send(n)` `rate` times a second for `seconds`; return when the last was sent."""
    started = time.perf_counter()
    for n in range(int(rate * seconds)):
        delay = started + n / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        send(n)
    return time.time()


def load() -> str:
    """Return the load average over 1, 5 and 15 minutes."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def percentile(values: list[float], share: float) -> float:
    """Return the `share` percentile of sorted `values`, in milliseconds."""
    if not values:
        return float("nan")
    return 1000 * values[min(len(values) - 1, int(share * len(values)))]


def fresh_databases() -> dict[str, str]:
    """Create the bench's two databases, owned by their services' roles; return their URLs."""
    urls = {}
    with psycopg.connect(_ADMIN, autocommit=True) as connection:
        for side, owner in DATABASES.items():
            name = f"pipeline_{side}"
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {name} OWNER {owner}")
            urls[side] = f"postgresql+psycopg://{owner}:{owner}@127.0.0.1:{PG_PORT}/{name}"
    return urls


def drop_databases() -> None:
    """Drop the bench's databases."""
    with psycopg.connect(_ADMIN, autocommit=True) as connection:
        for side in DATABASES:
            connection.execute(f"DROP DATABASE IF EXISTS pipeline_{side} WITH (FORCE)")


def create_topic(settings: Settings, name: str) -> None:
    """Create a raw topic shaped like the platform's (its partitions and replication)."""
    admin = KafkaAdminClient(
        bootstrap_servers=settings.kafka_bootstrap, **client_security(settings)
    )
    try:
        admin.create_topics([NewTopic(name, settings.topic_partitions, settings.topic_replication)])
    finally:
        admin.close()


_ADMIN = f"host=127.0.0.1 port={PG_PORT} user=postgres dbname=postgres"
