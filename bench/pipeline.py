"""Measure the event pipe against the raw kafka-python client, on the same broker and messages.

In one run, on the test broker and PostgreSQL (QP_TEST_KAFKA_PORT, QP_TEST_POSTGRES_PORT,
started if need be), with the platform's client settings and member-joined envelopes:

- the relay (outbox rows to Kafka) against a raw producer loop;
- the consumer (with a one-insert handler, inbox and all) against a raw consumer loop
  that commits its offsets after each poll;
- end to end at 20, 100 and 500 events/s: a producing process commits one event per
  transaction, its service's worker relays them, another service's worker handles them;
  against a raw producer and a raw consumer in two processes. Latency runs from the event's
  creation in its transaction to its handler.

Each figure is printed with its raw baseline, the ratio and the load average (the machine
may be shared), for `--repeats` repetitions. It works in databases and a topic prefix of
its own, drops them at the end, and stops by itself within a few minutes.

Run: `.venv/bin/python bench/pipeline.py [--events 3000] [--seconds 5] [--repeats 3]
[--rates 20 100 500]`.
"""

import argparse
import multiprocessing
import os
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic
from sqlalchemy import Column, Float, String, Table, insert, select, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qplatform.config import Settings, development_kafka_password  # noqa: E402
from qplatform.db.engine import new_metadata  # noqa: E402
from qplatform.db.plumbing import add_plumbing_tables  # noqa: E402
from qplatform.db.unit_of_work import UnitOfWork  # noqa: E402
from qplatform.events import CATALOG, Envelope  # noqa: E402
from qplatform.messaging.consumer import ReceivedEvent  # noqa: E402
from qplatform.messaging.producer import EventProducer  # noqa: E402
from qplatform.messaging.relay import OutboxRelay  # noqa: E402
from qplatform.messaging.security import client_security  # noqa: E402
from qplatform.messaging.topics import ensure_topics  # noqa: E402
from qplatform.runtime import Runtime  # noqa: E402
from qplatform.worker import Worker  # noqa: E402
from tests.support.servers import Broker, Postgres, port_open  # noqa: E402

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


@dataclass(frozen=True)
class Bench:
    """Where the bench works: its settings per side and its own topic prefix."""

    producer: Settings
    consumer: Settings

    def runtime(self, settings: Settings) -> Runtime:
        """Connect to a side's database, as a web process does."""
        return Runtime.build(settings, PLUMBING)


# Throughput -----------------------------------------------------------------------------


def raw_producer_rate(bench: Bench, topic: str, count: int) -> float:
    """Send `count` envelopes with a raw producer on the platform's settings; return events/s."""
    producer = KafkaProducer(
        bootstrap_servers=bench.producer.kafka_bootstrap,
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        **client_security(bench.producer),
    )
    envelopes = [envelope_of(f"raw-{uuid.uuid4()}") for _ in range(count)]
    producer.send(topic, key=b"warm", value=envelopes[0].to_json().encode()).get(timeout=30)
    started = time.perf_counter()
    for envelope in envelopes:
        producer.send(
            topic,
            key=envelope.subject.encode(),
            value=envelope.to_json().encode(),
            headers=envelope.headers(),
        )
    producer.flush()
    seconds = time.perf_counter() - started
    producer.close()
    return count / seconds


def relay_rate(bench: Bench, count: int) -> float:
    """Stage `count` events in the outbox, then time the relay publishing them; events/s."""
    runtime = bench.runtime(bench.producer)
    streaming = runtime.without_pre_ping()
    producer = EventProducer(
        bench.producer.kafka_bootstrap,
        client_id="bench-relay",
        security=client_security(bench.producer),
    )
    relay = OutboxRelay(
        service="membership", engine=streaming.engine, tables=PLUMBING, producer=producer
    )
    # Connected and warm, as a running relay is, before the clock starts.
    stage(runtime, 1)
    relay.publish_pending()
    stage(runtime, count)
    started = time.perf_counter()
    published = 0
    while published < count:
        published += relay.publish_pending()
    seconds = time.perf_counter() - started
    producer.close()
    streaming.close()
    runtime.close()
    return count / seconds


def stage(runtime: Runtime, count: int) -> None:
    """Stage `count` member-joined events in one transaction."""
    with runtime.unit_of_work() as uow:
        for _ in range(count):
            member_id = str(uuid.uuid4())
            uow.publish("member-joined", subject=member_id, data=joined(member_id))
        uow.commit()


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


def raw_consumer_rate(bench: Bench, topic: str, count: int) -> float:
    """Read `count` records with a raw consumer loop committing after each poll; events/s."""
    consumer = KafkaConsumer(
        bootstrap_servers=bench.consumer.kafka_bootstrap,
        group_id=f"{bench.consumer.topic_prefix}raw-{uuid.uuid4().hex[:6]}",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_poll_records=100,
        **client_security(bench.consumer),
    )
    consumer.subscribe([topic])
    clock, deadline = Clock(), time.monotonic() + 120
    while clock.count < count and time.monotonic() < deadline:
        batches = consumer.poll(timeout_ms=100)
        for records in batches.values():
            for _ in records:
                clock.tick()
        if batches:
            consumer.commit()
    consumer.close(autocommit=False)
    return clock.rate()


def consumer_rate(bench: Bench, count: int) -> float:
    """Read the `count` relayed events with the platform's consumer and handler; events/s."""
    runtime = bench.runtime(bench.consumer)
    with runtime.engine.begin() as connection:
        connection.execute(text("TRUNCATE deliveries, inbox"))
    clock = Clock()

    def handle(uow: UnitOfWork, event: ReceivedEvent) -> None:
        note_delivery(uow, event)
        clock.tick()

    # A group of its own reads the topic from its start.
    grouped = Runtime.build(replace(bench.consumer, service=f"b{uuid.uuid4().hex[:6]}"), PLUMBING)
    ensure_topics(grouped.settings)  # its replay topic, as its worker would
    worker = Worker(grouped, handlers={("member-joined", 1): handle})
    streaming = grouped.without_pre_ping()
    stop = threading.Event()
    consumer = worker.consumer(stop, streaming)
    thread = threading.Thread(target=consumer.run, args=(stop,), daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while clock.count < count and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(timeout=30)
    streaming.close()
    grouped.close()
    runtime.close()
    return clock.rate()


# End to end -----------------------------------------------------------------------------


def run_worker(settings: Settings, handles: bool, stop: Any, ready: Any) -> None:
    """Run a side's worker in its own process until `stop` is set (multiprocessing target)."""
    runtime = Runtime.build(settings, PLUMBING)
    handlers = {("member-joined", 1): note_delivery} if handles else {}
    worker = Worker(runtime, handlers=handlers)
    thread_stop = threading.Event()
    thread = threading.Thread(target=worker.run, args=(thread_stop,), daemon=True)
    thread.start()
    ready.set()
    stop.wait()
    thread_stop.set()
    thread.join(timeout=30)
    runtime.close()


def run_raw_consumer(settings: Settings, topic: str, stop: Any, ready: Any, out: Any) -> None:
    """Read `topic` with a raw consumer loop; put each record's latency on `out` at the end."""
    consumer = KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        group_id=f"{settings.topic_prefix}raw-e2e",
        enable_auto_commit=False,
        auto_offset_reset="latest",
        max_poll_records=100,
        **client_security(settings),
    )
    consumer.subscribe([topic])
    latencies: dict[str, list[float]] = {}
    while not stop.is_set():
        batches = consumer.poll(timeout_ms=100)
        if consumer.assignment():
            ready.set()
        now = time.time()
        for records in batches.values():
            for record in records:
                sent = float(dict(record.headers)["sent"])
                latencies.setdefault(record.key.decode().split("/")[0], []).append(now - sent)
        if batches:
            consumer.commit()
    consumer.close(autocommit=False)
    out.put(latencies)


def paced(rate: int, seconds: float, send: Callable[[int], None]) -> float:
    """Call `send(n)` `rate` times a second for `seconds`; return when the last was sent."""
    started = time.perf_counter()
    for n in range(int(rate * seconds)):
        delay = started + n / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        send(n)
    return time.time()


def platform_latencies(bench: Bench, runtime: Runtime, rate: int, seconds: float) -> list[float]:
    """Commit one event per transaction at `rate`; return each one's latency to its handler."""
    run = uuid.uuid4().hex[:8]

    def commit_one(n: int) -> None:
        with runtime.unit_of_work() as uow:
            uow.publish("member-joined", subject=f"{run}-{n}", data=joined(f"{run}-{n}"))
            uow.commit()

    paced(rate, seconds, commit_one)
    expected, deadline = int(rate * seconds), time.monotonic() + 60
    consumer = bench.runtime(bench.consumer)
    rows: list[Any] = []
    while time.monotonic() < deadline:
        with consumer.engine.connect() as connection:
            rows = connection.execute(
                select(DELIVERIES.c.created_at, DELIVERIES.c.handled_at).where(
                    DELIVERIES.c.member_id.like(f"{run}-%")
                )
            ).all()
        if len(rows) >= expected:
            break
        time.sleep(0.2)
    consumer.close()
    return sorted(handled - created for created, handled in rows)


def raw_run(bench: Bench, topic: str, rate: int, seconds: float) -> str:
    """Send one envelope at a time at `rate` with a raw producer; return the run's name.

    Each record carries the moment it was sent in a header; the raw consumer's process
    reports the latencies of every run when it stops.
    """
    producer = KafkaProducer(
        bootstrap_servers=bench.producer.kafka_bootstrap,
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        **client_security(bench.producer),
    )
    run = uuid.uuid4().hex[:8]

    def send_one(n: int) -> None:
        envelope = envelope_of(f"{run}-{n}")
        headers = [*envelope.headers(), ("sent", f"{time.time():.6f}".encode())]
        producer.send(
            topic, key=f"{run}/{n}".encode(), value=envelope.to_json().encode(), headers=headers
        )

    paced(rate, seconds, send_one)
    producer.flush()
    producer.close()
    return run


# Reporting ------------------------------------------------------------------------------


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
    admin = f"host=127.0.0.1 port={PG_PORT} user=postgres dbname=postgres"
    urls = {}
    with psycopg.connect(admin, autocommit=True) as connection:
        for side, owner in DATABASES.items():
            name = f"pipeline_{side}"
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {name} OWNER {owner}")
            urls[side] = f"postgresql+psycopg://{owner}:{owner}@127.0.0.1:{PG_PORT}/{name}"
    return urls


def drop_databases() -> None:
    """Drop the bench's databases."""
    admin = f"host=127.0.0.1 port={PG_PORT} user=postgres dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
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


def throughput(bench: Bench, args: argparse.Namespace, on_topic: int) -> None:
    """Print the relay and the consumer against their raw loops, `--repeats` times."""
    raw_topic = f"{bench.producer.topic_prefix}bench.raw"
    create_topic(bench.producer, raw_topic)
    for repeat in range(1, args.repeats + 1):
        producing = raw_producer_rate(bench, raw_topic, args.events)
        relaying = relay_rate(bench, args.events)
        on_topic += args.events + 1
        print(
            f"[{repeat}] relay {relaying:,.0f}/s, raw producer {producing:,.0f}/s: "
            f"{relaying / producing:.2f}x (goal 0.9x)   load {load()}",
            flush=True,
        )
        reading = raw_consumer_rate(bench, raw_topic, args.events * repeat)
        handling = consumer_rate(bench, on_topic)
        print(
            f"[{repeat}] consumer {handling:,.0f}/s, raw consumer {reading:,.0f}/s: "
            f"{handling / reading:.2f}x (goal 0.5x)   load {load()}",
            flush=True,
        )


def end_to_end(bench: Bench, args: argparse.Namespace) -> int:
    """Print end-to-end latencies at each rate against the raw client's; return events sent."""
    context = multiprocessing.get_context("spawn")
    stop, out = context.Event(), context.Queue()
    raw_topic = f"{bench.producer.topic_prefix}bench.raw-e2e"
    create_topic(bench.producer, raw_topic)
    readies = [context.Event() for _ in range(3)]
    processes = [
        context.Process(target=run_worker, args=(bench.producer, False, stop, readies[0])),
        context.Process(target=run_worker, args=(bench.consumer, True, stop, readies[1])),
        context.Process(
            target=run_raw_consumer, args=(bench.consumer, raw_topic, stop, readies[2], out)
        ),
    ]
    for process in processes:
        process.daemon = True  # gone with the bench, whatever happens to it
        process.start()
    try:
        return _measure_end_to_end(bench, args, raw_topic, stop, out, readies)
    finally:
        stop.set()
        for process in processes:
            process.join(timeout=60)


def _measure_end_to_end(
    bench: Bench, args: argparse.Namespace, raw_topic: str, stop: Any, out: Any, readies: list[Any]
) -> int:
    for ready in readies:
        ready.wait(60)
    time.sleep(5)  # the consumers join their groups
    runtime = bench.runtime(bench.producer)
    sent, results = 0, []
    for repeat in range(1, args.repeats + 1):
        for rate in args.rates:
            latencies = platform_latencies(bench, runtime, rate, args.seconds)
            raw = raw_run(bench, raw_topic, rate, args.seconds)
            sent += int(rate * args.seconds)
            results.append((repeat, rate, latencies, raw, load()))
            print(
                f"[{repeat}] {rate}/s: p50 {percentile(latencies, 0.5):.0f} ms, "
                f"p99 {percentile(latencies, 0.99):.0f} ms, max {percentile(latencies, 1):.0f} "
                f"ms, {len(latencies)}/{int(rate * args.seconds)} handled   load {load()}",
                flush=True,
            )
    runtime.close()
    stop.set()
    raw_latencies = out.get(timeout=60)
    print("end to end, platform against raw client (p50 / p99 in ms):")
    for repeat, rate, latencies, raw, at in results:
        baseline = sorted(raw_latencies.get(raw, []))
        print(
            f"[{repeat}] {rate:>3}/s  platform {percentile(latencies, 0.5):5.0f} / "
            f"{percentile(latencies, 0.99):5.0f}   raw {percentile(baseline, 0.5):5.0f} / "
            f"{percentile(baseline, 0.99):5.0f}   load {at}"
        )
    return sent


def main() -> None:
    """Start what is missing, measure, print, and clean up after itself."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rates", type=int, nargs="*", default=[20, 100, 500])
    args = parser.parse_args()
    broker, postgres = Broker(), Postgres()
    started = [s for s, port in ((broker, KAFKA_PORT), (postgres, PG_PORT)) if not port_open(port)]
    for server in started:
        server.start()
    prefix = f"bench{uuid.uuid4().hex[:8]}."
    broker.open_prefix(prefix)
    urls = fresh_databases()
    operator = {"kafka_username": "admin", "kafka_password": development_kafka_password("admin")}
    bench = Bench(
        *(
            Settings.from_env(
                service,
                env={},
                database_url=urls[side],
                kafka_bootstrap=broker.bootstrap,
                topic_prefix=prefix,
                **operator,
            )
            for side, service in (("producer", "membership"), ("consumer", "pipebench"))
        )
    )
    for settings in (bench.producer, bench.consumer):
        runtime = bench.runtime(settings)
        METADATA.create_all(runtime.engine)
        runtime.close()
    ensure_topics(bench.producer)
    print(f"{os.cpu_count()} cores, load {load()}", flush=True)
    try:
        sent = end_to_end(bench, args)
        throughput(bench, args, sent)
    finally:
        broker.delete_topics(prefix)
        broker.close()
        drop_databases()
        for server in started:
            server.stop()


if __name__ == "__main__":
    main()
