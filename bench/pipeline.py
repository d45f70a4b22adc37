"""Measure the event pipe against the raw kafka-python client, on the same broker and messages.

In one run, on the test broker and PostgreSQL (QP_TEST_KAFKA_PORT, QP_TEST_POSTGRES_PORT,
started if need be), with the platform's client settings (`PRODUCER_SETTINGS`,
`CONSUMER_SETTINGS`) and member-joined envelopes of 624 bytes:

- the relay (outbox rows to Kafka) against a raw producer loop;
- the consumer (with a one-insert handler, inbox and all) against a raw consumer loop
  that commits its offsets after each poll;
- end to end at 20, 100 and 500 events/s: a producing process commits one event per
  transaction, its service's worker relays them, another service's worker handles them;
  against a raw producer and a raw consumer in two processes. Latency runs from the event's
  creation in its transaction to its handler; "drained" is how long after the last event
  was committed the last was handled (the lag left when the burst ends).

Each figure is printed with its raw baseline, the ratio and the load average (the machine
may be shared), for `--repeats` repetitions, raw and platform side by side in each, then
the medians. Both sides are warmed before anything is timed. It works in databases and a
topic prefix of its own, drops them at the end, and stops by itself within a few minutes.

Run: `.venv/bin/python bench/pipeline.py [--events 6000] [--seconds 5] [--repeats 3]
[--rates 20 100 500]`.
"""

import argparse
import multiprocessing
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.event_pipe import platform, raw  # noqa: E402
from bench.event_pipe.common import (  # noqa: E402
    KAFKA_PORT,
    METADATA,
    PG_PORT,
    Bench,
    create_topic,
    drop_databases,
    fresh_databases,
    load,
    percentile,
)
from qplatform.config import Settings, development_kafka_password  # noqa: E402
from qplatform.messaging.topics import ensure_topics  # noqa: E402
from tests.support.servers import Broker, Postgres, port_open  # noqa: E402

WARM_RATE, WARM_SECONDS = 20, 1.0


def throughput(bench: Bench, args: argparse.Namespace, on_topic: int) -> None:
    """Print the relay and the consumer against their raw loops, `--repeats` times."""
    raw_topic = f"{bench.producer.topic_prefix}bench.raw"
    create_topic(bench.producer, raw_topic)
    relays, consumers = [], []
    for repeat in range(1, args.repeats + 1):
        producing = raw.producer_rate(bench, raw_topic, args.events)
        relaying = platform.relay_rate(bench, args.events)
        on_topic += args.events + 1
        relays.append(relaying / producing)
        print(
            f"[{repeat}] relay {relaying:,.0f}/s, raw producer {producing:,.0f}/s: "
            f"{relaying / producing:.2f}x (goal 0.9x)   load {load()}",
            flush=True,
        )
        reading = raw.consumer_rate(bench, raw_topic, args.events * repeat)
        handling = platform.consumer_rate(bench, on_topic)
        consumers.append(handling / reading)
        print(
            f"[{repeat}] consumer {handling:,.0f}/s, raw consumer {reading:,.0f}/s: "
            f"{handling / reading:.2f}x (goal 0.5x)   load {load()}",
            flush=True,
        )
    print(
        f"median of {args.repeats}: relay {statistics.median(relays):.2f}x raw, "
        f"consumer {statistics.median(consumers):.2f}x raw"
    )


def end_to_end(bench: Bench, args: argparse.Namespace) -> int:
    """Print end-to-end latencies at each rate against the raw client's; return events sent."""
    context = multiprocessing.get_context("spawn")
    stop, out = context.Event(), context.Queue()
    raw_topic = f"{bench.producer.topic_prefix}bench.raw-e2e"
    create_topic(bench.producer, raw_topic)
    readies = [context.Event() for _ in range(3)]
    processes = [
        context.Process(target=platform.run_worker, args=(bench.producer, False, stop, readies[0])),
        context.Process(target=platform.run_worker, args=(bench.consumer, True, stop, readies[1])),
        context.Process(
            target=raw.run_consumer, args=(bench.consumer, raw_topic, stop, readies[2], out)
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
    producer = raw.producer(bench.producer)
    # Every connection open and every first-time cost paid, as in a service that runs.
    platform.paced_run(bench, runtime, WARM_RATE, WARM_SECONDS)
    raw.paced_run(producer, raw_topic, WARM_RATE, WARM_SECONDS)
    sent, results = int(WARM_RATE * WARM_SECONDS), []
    for repeat in range(1, args.repeats + 1):
        for rate in args.rates:
            run = platform.paced_run(bench, runtime, rate, args.seconds)
            name = raw.paced_run(producer, raw_topic, rate, args.seconds)
            sent += run.sent
            results.append((repeat, rate, run, name, load()))
            print(
                f"[{repeat}] {rate}/s: p50 {percentile(run.latencies, 0.5):.0f} ms, "
                f"p99 {percentile(run.latencies, 0.99):.0f} ms, "
                f"max {percentile(run.latencies, 1):.0f} ms, "
                f"{len(run.latencies)}/{run.sent} handled, drained "
                f"{run.drained_seconds * 1000:.0f} ms after the last   load {load()}",
                flush=True,
            )
    producer.close()
    runtime.close()
    stop.set()
    raw_latencies = out.get(timeout=60)
    print("end to end, platform against raw client (p50 / p99 in ms):")
    for repeat, rate, run, name, at in results:
        baseline = sorted(raw_latencies.get(name, []))
        print(
            f"[{repeat}] {rate:>3}/s  platform {percentile(run.latencies, 0.5):5.0f} / "
            f"{percentile(run.latencies, 0.99):5.0f}   raw {percentile(baseline, 0.5):5.0f} / "
            f"{percentile(baseline, 0.99):5.0f}   load {at}"
        )
    for rate in args.rates:
        runs = [run for _, at_rate, run, _, _ in results if at_rate == rate]
        print(
            f"median of {len(runs)} at {rate}/s: "
            f"p50 {statistics.median(percentile(r.latencies, 0.5) for r in runs):.0f} ms, "
            f"p99 {statistics.median(percentile(r.latencies, 0.99) for r in runs):.0f} ms "
            "(goals: p50 <= 40 and p99 <= 100 at 20/s, p99 <= 250 at 100/s)"
        )
    return sent


def main() -> None:
    """Start what is missing, measure, print, and clean up after itself."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=6000)
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
        sent = end_to_end(bench, args) if args.rates else 0
        throughput(bench, args, sent)
    finally:
        broker.delete_topics(prefix)
        broker.close()
        drop_databases()
        for server in started:
            server.stop()


if __name__ == "__main__":
    main()
