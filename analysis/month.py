"""Generate a realistic month of Q activity as events, through the catalog's own schemas.

    python -m analysis.month --out analysis/data            # JSON Lines, one file per topic
    python -m analysis.month --bootstrap 127.0.0.1:9092     # or publish to a broker

Activity whose event type the catalog does not have yet is left out.
"""

import argparse
import json
import random
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from analysis.activity import Activity
from analysis.pairing import pair_for_coffee
from analysis.programme import exchange, run_programme
from analysis.speakers import offer_and_request_talks, start_series
from qplatform.events import CATALOG, Envelope

MONTH = date(2026, 10, 1)
WAVES = [
    ("Scotland autumn 2026", "NHS Education for Scotland", ["scotland"], 120),
    ("North West Coast autumn 2026", "Innovation Agency", ["north-west-coast"], 150),
    ("Midlands autumn 2026", "West Midlands AHSN", ["west-midlands"], 90),
    ("Yorkshire autumn 2026", "Improvement Academy", ["yorkshire-and-humber"], 80),
]


def generate(seed: int = 8, month: date = MONTH) -> list[tuple[str, Envelope]]:
    """Return a month of events as (logical topic, envelope), oldest first."""
    activity = Activity(random.Random(seed), datetime(month.year, month.month, 1, tzinfo=UTC))
    for name, partner, regions, target in WAVES:
        activity.wave(name, partner, regions, target)
    activity.recruit()
    run_programme(activity)
    exchange(activity)
    pair_for_coffee(activity)
    start_series(activity)
    offer_and_request_talks(activity)
    return [
        (CATALOG.spec(e.type, e.version).topic.name, e)
        for e in sorted(activity.events, key=lambda e: e.time)
    ]


def envelope_dict(envelope: Envelope) -> dict[str, Any]:
    """Return the envelope as it is on the wire."""
    wire: dict[str, Any] = json.loads(envelope.to_json())
    return wire


def write_files(events: list[tuple[str, Envelope]], out: Path) -> dict[str, int]:
    """Write each topic's events to `out/<topic>.jsonl`, like a replay; return the counts."""
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    lines: dict[str, list[str]] = {}
    for topic, envelope in events:
        lines.setdefault(topic, []).append(json.dumps(envelope_dict(envelope), sort_keys=True))
        counts[topic] = counts.get(topic, 0) + 1
    for topic, rows in lines.items():
        (out / f"{topic}.jsonl").write_text("\n".join(rows) + "\n")
    return counts


def publish(events: list[tuple[str, Envelope]], bootstrap: str, prefix: str) -> int:
    """Publish the events to `bootstrap` under `prefix`, stamped with their own times."""
    from kafka import KafkaProducer

    from qplatform.config import Settings
    from qplatform.messaging.security import client_security
    from qplatform.messaging.topics import ensure_topics

    # Writing every service's topics is the operator's right (QP_KAFKA_USERNAME, `admin`).
    settings = Settings.from_env("admin", kafka_bootstrap=bootstrap, topic_prefix=prefix)
    ensure_topics(settings)
    producer = KafkaProducer(
        bootstrap_servers=bootstrap,
        acks="all",
        linger_ms=50,
        batch_size=512 * 1024,
        **client_security(settings),
    )
    # Brokers refuse timestamps far ahead of their clock; a record is never stamped later than now.
    now = int(datetime.now(UTC).timestamp() * 1000)
    try:
        sent = [
            producer.send(
                f"{prefix}{topic}",
                key=envelope.subject.encode(),
                value=envelope.to_json().encode(),
                headers=envelope.headers(),
                timestamp_ms=min(now, int(envelope.time.timestamp() * 1000)),
            )
            for topic, envelope in events
        ]
        producer.flush()
        for future in sent:
            future.get(timeout=10)
    finally:
        producer.close()
    return len(events)


def main(argv: Sequence[str] | None = None) -> None:
    """Generate the month and write it to files or publish it."""
    parser = argparse.ArgumentParser(prog="python -m analysis.month", description=__doc__)
    parser.add_argument("--out", type=Path, help="write JSON Lines files here")
    parser.add_argument("--bootstrap", help="publish to this broker instead")
    parser.add_argument("--prefix", default="q.")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    events = generate(args.seed)
    if args.bootstrap:
        print(f"published {publish(events, args.bootstrap, args.prefix)} events")
    if args.out or not args.bootstrap:
        for topic, count in write_files(events, args.out or Path("analysis/data")).items():
            print(f"{topic}: {count} events")


if __name__ == "__main__":
    main()
