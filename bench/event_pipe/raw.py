"""The baselines: kafka-python's own producer and consumer loops, on the platform's settings.

They do what the platform's relay and consumer do with none of the platform around them:
send each envelope, or read each record and commit the offsets after each poll.
"""

import time
import uuid
from typing import Any

from kafka import KafkaConsumer, KafkaProducer

from bench.event_pipe.common import Bench, Clock, envelope_of, paced
from qplatform.config import Settings
from qplatform.messaging.consumer import CONSUMER_SETTINGS
from qplatform.messaging.producer import PRODUCER_SETTINGS
from qplatform.messaging.security import client_security


def producer(settings: Settings) -> KafkaProducer:
    """Return a raw producer with the platform's settings, connected and warm."""
    client = KafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap,
        **PRODUCER_SETTINGS,
        **client_security(settings),
    )
    return client


def consumer(settings: Settings, group: str, *, newest: bool = False) -> KafkaConsumer:
    """Return a raw consumer with the platform's settings in consumer group `group`."""
    options = {**CONSUMER_SETTINGS, "auto_offset_reset": "latest" if newest else "earliest"}
    return KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        group_id=group,
        **options,
        **client_security(settings),
    )


def producer_rate(bench: Bench, topic: str, count: int) -> float:
    """Send `count` envelopes with a raw producer; return events/s."""
    client = producer(bench.producer)
    envelopes = [envelope_of(f"raw-{uuid.uuid4()}") for _ in range(count)]
    client.send(topic, key=b"warm", value=envelopes[0].to_json().encode()).get(timeout=30)
    started = time.perf_counter()
    for envelope in envelopes:
        client.send(
            topic,
            key=envelope.subject.encode(),
            value=envelope.to_json().encode(),
            headers=envelope.headers(),
        )
    client.flush()
    seconds = time.perf_counter() - started
    client.close()
    return count / seconds


def consumer_rate(bench: Bench, topic: str, count: int) -> float:
    """Read `count` records with a raw consumer loop committing after each poll; events/s."""
    client = consumer(bench.consumer, f"{bench.consumer.topic_prefix}raw-{uuid.uuid4().hex[:6]}")
    client.subscribe([topic])
    clock, deadline = Clock(), time.monotonic() + 120
    while clock.count < count and time.monotonic() < deadline:
        batches = client.poll(timeout_ms=100)
        for records in batches.values():
            for _ in records:
                clock.tick()
        if batches:
            client.commit()
    client.close(autocommit=False)
    return clock.rate()


def run_consumer(settings: Settings, topic: str, stop: Any, ready: Any, out: Any) -> None:
    """Read `topic` with a raw consumer loop; put each run's latencies on `out` at the end.

    A multiprocessing target: the end-to-end baseline's reading process.
    """
    client = consumer(settings, f"{settings.topic_prefix}raw-e2e", newest=True)
    client.subscribe([topic])
    latencies: dict[str, list[float]] = {}
    while not stop.is_set():
        batches = client.poll(timeout_ms=100)
        if client.assignment():
            ready.set()
        now = time.time()
        for records in batches.values():
            for record in records:
                sent = float(dict(record.headers)["sent"])
                latencies.setdefault(record.key.decode().split("/")[0], []).append(now - sent)
        if batches:
            client.commit()
    client.close(autocommit=False)
    out.put(latencies)


def paced_run(client: KafkaProducer, topic: str, rate: int, seconds: float) -> str:
    """Send one envelope at a time at `rate` with a raw producer; return the run's name.

    Each record carries the moment it was sent in a header; the raw consumer's process
    reports the latencies of every run when it stops.
    """
    run = uuid.uuid4().hex[:8]

    def send_one(n: int) -> None:
        envelope = envelope_of(f"{run}-{n}")
        headers = [*envelope.headers(), ("sent", f"{time.time():.6f}".encode())]
        client.send(
            topic, key=f"{run}/{n}".encode(), value=envelope.to_json().encode(), headers=headers
        )

    paced(rate, seconds, send_one)
    client.flush()
    return run
