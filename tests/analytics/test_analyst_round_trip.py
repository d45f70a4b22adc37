"""An analyst replays a running platform's streams with qp-streams and gets the same answers."""

from pathlib import Path

from analysis import coffee, engagement, joins
from analysis.load import connect
from analysis.month import publish, write_files
from qplatform.events import Envelope
from qplatform.streams.cli import main

# The topics the analyses read; the others only slow the test down.
READ = [
    "membership.member",
    "membership.recruitment-wave",
    "events.event",
    "events.registration",
    "matching.coffee-round",
]


def test_a_month_replayed_from_the_broker_answers_like_the_month_itself(
    month: list[tuple[str, Envelope]], kafka_bootstrap: str, topic_prefix: str, tmp_path: Path
) -> None:
    prefix = topic_prefix
    month = [(topic, envelope) for topic, envelope in month if topic in READ]
    publish(month, kafka_bootstrap, prefix)
    replayed = tmp_path / "replayed"
    for number, topic in enumerate(READ):
        out = replayed / f"{topic}.{'parquet' if number % 2 else 'jsonl'}"
        main(["--bootstrap", kafka_bootstrap, "--prefix", prefix, "replay", topic, "-o", str(out)])
    write_files(month, tmp_path / "generated")
    direct, streamed = connect(tmp_path / "generated"), connect(replayed)
    assert joins.joins_per_wave(streamed) == joins.joins_per_wave(direct)
    assert joins.joins_per_region_month(streamed) == joins.joins_per_region_month(direct)
    assert engagement.per_kind_and_pillar(streamed) == engagement.per_kind_and_pillar(direct)
    assert coffee.meeting_rates(streamed) == coffee.meeting_rates(direct)
    assert sorted(p.suffix for p in replayed.iterdir()) == [".jsonl"] * 3 + [".parquet"] * 2
