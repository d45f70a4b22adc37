"""Run the event pipe with tracing off and on, in one run, and compare their throughput.

The pipe is the platform's own: requests stage events in the outbox (each in a span of its
own when traced, as a web request's would be), the relay publishes them to the real broker
and the consumer handles each in its own transaction on PostgreSQL. Each run is a process
of its own, traced or not by the standard variables alone: traced, every span is exported
over OTLP/HTTP to a receiver in this process, as it would be to a collector. The untraced
and the traced run go side by side, so the machine's load weighs on both alike; each
round runs both again, and the best of each counts.

Run: `.venv/bin/python bench/tracing.py [--events 2000] [--rounds 2]` with the test
broker and PostgreSQL (started if not running, on QP_TEST_KAFKA_PORT and
QP_TEST_POSTGRES_PORT). The target: traced throughput at least 0.9 of untraced.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from opentelemetry import trace  # noqa: E402

from qplatform.config import Settings  # noqa: E402
from qplatform.messaging.topics import ensure_topics  # noqa: E402
from qplatform.tracing import configure_tracing  # noqa: E402
from tests.shared.toy import build_worker, greeted, member_joined  # noqa: E402
from tests.support.otlp import OtlpReceiver  # noqa: E402
from tests.support.principals import AS_OPERATOR  # noqa: E402
from tests.support.servers import Broker, Postgres, port_open  # noqa: E402
from tests.support.waiting import wait_until  # noqa: E402

TARGET = 0.9
MODES = ("untraced", "traced")


def main() -> int:
    """Alternate untraced and traced runs of the pipe; print each and the ratio of the best."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--run", choices=["untraced", "traced"], help=argparse.SUPPRESS)
    parser.add_argument("--prefix", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_pipe(args.events, args.prefix, args.database)))
        return 0
    return compare(args.events, args.rounds)


def compare(events: int, rounds: int) -> int:
    broker, postgres = Broker(), Postgres()
    for server in (broker, postgres):
        if not port_open(server.port):
            server.start()
    best: dict[str, float] = {}
    with OtlpReceiver() as receiver:
        for _ in range(rounds):
            for mode, result in side_by_side(events, broker, postgres, receiver).items():
                print(
                    f"{mode:9} {result['per_second']:8.0f} events/s through the pipe"
                    f"  (staging {result['staging_per_second']:.0f}/s)",
                    flush=True,
                )
                best[mode] = max(best.get(mode, 0.0), result["per_second"])
        exported = len(receiver.spans())
    ratio = best["traced"] / best["untraced"]
    print(f"best untraced {best['untraced']:.0f} events/s, best traced {best['traced']:.0f}")
    print(f"traced / untraced = {ratio:.2f} (target >= {TARGET}); spans exported: {exported}")
    return 0 if ratio >= TARGET else 1


def side_by_side(
    events: int, broker: Broker, postgres: Postgres, receiver: OtlpReceiver
) -> dict[str, dict[str, float]]:
    """Run the pipe untraced and traced at once, each in a process of its own.

    At once, so whatever else loads the machine weighs on both alike. Each has its own
    topics and its own database (the toy borrows membership's and events').
    """
    prefixes = {mode: f"b{uuid.uuid4().hex[:10]}." for mode in MODES}
    runs = {}
    for mode, database in zip(MODES, ("membership", "events"), strict=True):
        broker.open_prefix(prefixes[mode])
        env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
        if mode == "traced":
            env["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.endpoint
        command = [sys.executable, __file__, "--run", mode, "--events", str(events)]
        command += ["--prefix", prefixes[mode], "--database", postgres.fresh_database(database)]
        runs[mode] = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    results = {}
    for mode, popen in runs.items():
        out, _ = popen.communicate()
        broker.delete_topics(prefixes[mode])
        if popen.returncode != 0:
            sys.exit(f"the {mode} run failed")
        results[mode] = json.loads(out.strip().splitlines()[-1])
    return results


def run_pipe(events: int, prefix: str, database: str) -> dict[str, float]:
    """Stage `events` as requests would, then time the relay and consumer taking them all."""
    settings = Settings.from_env(
        "toy",
        env={"QP_IDLE_POLL_SECONDS": "0.05"},
        database_url=database,
        kafka_bootstrap=Broker().bootstrap,
        topic_prefix=prefix,
        **AS_OPERATOR,
    )
    traced = configure_tracing("toy", "bench")
    worker = build_worker(settings)
    ensure_topics(settings)
    tracer = trace.get_tracer("bench")
    started = time.perf_counter()
    for _ in range(events):
        with tracer.start_as_current_span("POST /members", kind=trace.SpanKind.SERVER):
            member_id = str(uuid.uuid4())
            with worker.runtime.unit_of_work() as uow:
                uow.publish("member-joined", subject=member_id, data=member_joined(member_id))
                uow.commit()
    staging = time.perf_counter() - started
    stop = threading.Event()
    thread = threading.Thread(target=worker.run, args=(stop,), daemon=True)
    thread.start()
    # Timed from the first event handled: joining the group is no part of the pipe's pace.
    first = wait_until(lambda: len(greeted(worker.runtime)), timeout=120, interval=0.01)
    started = time.perf_counter()
    wait_until(
        lambda: len(greeted(worker.runtime)) >= events,
        timeout=600,
        interval=0.02,
        message="every event handled",
    )
    elapsed = time.perf_counter() - started
    stop.set()
    thread.join()
    if traced:
        trace.get_tracer_provider().force_flush()  # type: ignore[attr-defined]
    return {"per_second": (events - first) / elapsed, "staging_per_second": events / staging}


if __name__ == "__main__":
    sys.exit(main())
