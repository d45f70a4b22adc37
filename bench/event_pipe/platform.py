"""The platform's side of the pipe benchmark: its relay, its consumer and its workers."""

import threading
import time
import uuid
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select, text

from bench.event_pipe.common import (
    DELIVERIES,
    PLUMBING,
    Bench,
    Clock,
    joined,
    note_delivery,
    paced,
)
from qplatform.config import Settings
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.messaging.collector import settle_startup_objects
from qplatform.messaging.handlers import ReceivedEvent
from qplatform.messaging.producer import EventProducer
from qplatform.messaging.relay import OutboxRelay
from qplatform.messaging.security import client_security
from qplatform.messaging.topics import ensure_topics
from qplatform.runtime import Runtime
from qplatform.worker import Worker


def stage(runtime: Runtime, count: int) -> None:
    """Stage `count` member-joined events in one transaction."""
    with runtime.unit_of_work() as uow:
        for _ in range(count):
            member_id = str(uuid.uuid4())
            uow.publish("member-joined", subject=member_id, data=joined(member_id))
        uow.commit()


def relay_rate(bench: Bench, count: int) -> float:
    """Stage `count` events in the outbox, then time the relay publishing them; events/s."""
    runtime = bench.runtime(bench.producer)
    streaming = runtime.without_pre_ping()  # as a worker's relay
    producer = EventProducer(
        bench.producer.kafka_bootstrap,
        client_id="bench-relay",
        security=client_security(bench.producer),
    )
    relay = OutboxRelay(
        service="membership",
        engine=streaming.engine,
        tables=PLUMBING,
        producer=producer,
        batch_size=bench.producer.relay_batch_size,
    )
    # Connected, warm and settled, as a running relay is, before the clock starts.
    stage(runtime, 1)
    relay.publish_pending()
    stage(runtime, count)
    settle_startup_objects()
    started = time.perf_counter()
    published = 0
    while published < count:
        published += relay.publish_pending()
    seconds = time.perf_counter() - started
    producer.close()
    streaming.close()
    runtime.close()
    return count / seconds


def consumer_rate(bench: Bench, count: int) -> float:
    """Read the `count` events on the member topic with the platform's consumer; events/s.

    Its handler makes one insert, as `note_delivery` does.
    """
    clock = Clock()

    def handle(uow: UnitOfWork, event: ReceivedEvent) -> None:
        note_delivery(uow, event)
        clock.tick()

    # A group of its own reads the topic from its start.
    grouped = Runtime.build(replace(bench.consumer, service=f"b{uuid.uuid4().hex[:6]}"), PLUMBING)
    with grouped.engine.begin() as connection:
        connection.execute(text("TRUNCATE deliveries, inbox"))
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
    return clock.rate()


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


@dataclass(frozen=True)
class Run:
    """One paced run end to end: each event's latency, sorted, and how long the last took."""

    sent: int
    latencies: list[float]
    # From the last event's commit to the last event's handling: lag left when sending ends.
    drained_seconds: float


def paced_run(bench: Bench, runtime: Runtime, rate: int, seconds: float) -> Run:
    """Commit one event per transaction at `rate`; return each one's latency to its handler."""
    run = uuid.uuid4().hex[:8]

    def commit_one(n: int) -> None:
        with runtime.unit_of_work() as uow:
            uow.publish("member-joined", subject=f"{run}-{n}", data=joined(f"{run}-{n}"))
            uow.commit()

    last_sent = paced(rate, seconds, commit_one)
    expected, deadline = int(rate * seconds), time.monotonic() + 60
    consumer = bench.runtime(bench.consumer)
    mine = DELIVERIES.c.member_id.like(f"{run}-%")
    handled = 0
    while handled < expected and time.monotonic() < deadline:
        time.sleep(0.1)
        with consumer.engine.connect() as connection:
            handled = connection.execute(select(func.count()).where(mine)).scalar_one()
    with consumer.engine.connect() as connection:
        rows = connection.execute(
            select(DELIVERIES.c.created_at, DELIVERIES.c.handled_at).where(mine)
        ).all()
    consumer.close()
    last_handled = max((handled_at for _, handled_at in rows), default=last_sent)
    return Run(
        expected,
        sorted(handled_at - created_at for created_at, handled_at in rows),
        max(last_handled - last_sent, 0.0),
    )
