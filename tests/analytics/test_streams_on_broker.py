"""qp-streams lists, tails and replays public topics of a real broker, and refuses the rest."""

import json
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from analysis.month import publish
from qplatform.events import CATALOG, Envelope
from qplatform.events.json_schema import example_data
from qplatform.streams.cli import main
from tests.support.servers import Broker
from tests.support.waiting import wait_until

OCTOBER = datetime(2026, 10, 20, 9, tzinfo=UTC)
NOVEMBER = datetime(2026, 11, 3, 9, tzinfo=UTC)


def event(type: str, at: datetime, **data: Any) -> tuple[str, Envelope]:
    spec = CATALOG.spec(type, 1)
    body = {**example_data(spec), **data}
    subject = str(body[spec.topic.key.replace(" ", "_")])
    envelope = Envelope(
        id=str(uuid.uuid4()),
        type=type,
        version=1,
        source=spec.producer,
        time=at,
        subject=subject,
        correlation_id="test",
        data=spec.serialise(body),
    )
    return spec.topic.name, envelope


def joined(member: str, region: str, at: datetime) -> tuple[str, Envelope]:
    return event("member-joined", at, member_id=member, region=region, joined_at=at)


@pytest.fixture(scope="module")
def prefix(broker: Broker) -> Iterator[str]:
    """Give this module's read-only tests one set of topics; delete them after."""
    prefix = f"t{uuid.uuid4().hex[:10]}."
    broker.open_prefix(prefix)
    yield prefix
    broker.delete_topics(prefix)


@pytest.fixture(scope="module")
def streams(kafka_bootstrap: str, prefix: str) -> Callable[..., None]:
    """Publish events on this module's topics; return a runner of qp-streams against them."""
    publish(
        [
            joined("m-1", "scotland", OCTOBER),
            joined("m-2", "north-west-coast", NOVEMBER),
            joined("m-3", "scotland", NOVEMBER),
            event("member-role-changed", NOVEMBER, member_id="m-3", changed_at=NOVEMBER),
            event("member-contact-recorded", NOVEMBER, member_id="m-3"),
        ],
        kafka_bootstrap,
        prefix,
    )

    def run(*args: str) -> None:
        main(["--bootstrap", kafka_bootstrap, "--prefix", prefix, *args])

    return run


def lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_list_shows_catalog_topics_with_what_the_broker_holds(
    streams: Callable[..., None], prefix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    streams("list")
    out = capsys.readouterr().out
    assert f"{prefix}membership.member  [public; key: member id; 4 records]" in out
    assert "    member-joined v2  from membership: A new member joined Q: where and when" in out
    # The broker shows analysts no topic they may not read: no dead letters, no contacts.
    assert "dead-letter" not in out
    assert f"{prefix}membership.member-contact  [restricted: not readable; key: member id]\n" in out


@pytest.mark.parametrize(
    ("filters", "members"),
    [
        ([], ["m-1", "m-2", "m-3", "m-3"]),
        (["--type", "member-joined"], ["m-1", "m-2", "m-3"]),
        (["--subject", "m-3"], ["m-3", "m-3"]),
        (["--since", "2026-11-01"], ["m-2", "m-3", "m-3"]),
        (["--type", "member-role-changed", "--since", "2026-11-01T00:00:00Z"], ["m-3"]),
    ],
    ids=["everything", "by type", "by subject", "since a date", "type and time"],
)
def test_replay_writes_the_wanted_events_to_json_lines_and_counts_them(
    streams: Callable[..., None],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    filters: list[str],
    members: list[str],
) -> None:
    out = tmp_path / "members.jsonl"
    streams("replay", "membership.member", "-o", str(out), *filters)
    replayed = lines(out.read_text())
    assert sorted(e["subject"] for e in replayed) == members
    assert f"replayed {len(members)} event(s)" in capsys.readouterr().err


def test_replay_to_parquet_and_csv_keeps_every_data_field(
    streams: Callable[..., None], tmp_path: Path
) -> None:
    streams(
        "replay", "membership.member", "-o", str(tmp_path / "m.parquet"), "--type", "member-joined"
    )
    streams("replay", "membership.member", "-o", str(tmp_path / "m.csv"), "--type", "member-joined")
    parquet = (
        duckdb.connect()
        .execute(
            f"SELECT data.region, count(*) FROM '{tmp_path / 'm.parquet'}' GROUP BY ALL ORDER BY 1"
        )
        .fetchall()
    )
    csv = (
        duckdb.connect()
        .execute(
            f"SELECT \"data.region\", count(*) FROM '{tmp_path / 'm.csv'}' GROUP BY ALL ORDER BY 1"
        )
        .fetchall()
    )
    assert parquet == csv == [("north-west-coast", 1), ("scotland", 2)]


def test_tail_prints_matching_events_and_resumes_in_its_own_group(
    streams: Callable[..., None], broker: Broker, capsys: pytest.CaptureFixture[str]
) -> None:
    group = f"analysts-{uuid.uuid4().hex[:6]}"
    tail = ["tail", "membership.member", "--type", "member-joined", "--group", group]
    streams(*tail, "--from-beginning", "--limit", "2")
    streams(*tail, "--limit", "1")
    assert sorted(e["subject"] for e in lines(capsys.readouterr().out)) == ["m-1", "m-2", "m-3"]
    groups = {g["group_id"] for g in broker.admin().list_groups()}
    assert f"qp-streams.{group}" in groups


def test_tail_starts_at_the_end_unless_told_otherwise(
    streams: Callable[..., None],
    kafka_bootstrap: str,
    prefix: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tailing = threading.Thread(
        target=streams, args=("tail", "membership.member", "--limit", "1"), daemon=True
    )
    tailing.start()
    member = f"m-{uuid.uuid4().hex[:6]}"
    wait_until(
        lambda: (
            not publish([joined(member, "wales", NOVEMBER)], kafka_bootstrap, prefix)
            or not tailing.is_alive()
        ),
        timeout=20,
        interval=0.5,
    )
    tailing.join(timeout=20)
    assert [e["subject"] for e in lines(capsys.readouterr().out)] == [member]


@pytest.mark.parametrize(
    "topic",
    [
        "membership.member-contact",
        "{prefix}membership.member-contact",
        "dead-letter.notifications",
        "no.such.topic",
    ],
)
def test_restricted_and_unknown_topics_are_refused(topic: str, tmp_path: Path) -> None:
    out = tmp_path / "contacts.jsonl"
    name = topic.format(prefix="q.")
    for command in (["tail", name], ["replay", name, "-o", str(out)]):
        with pytest.raises(SystemExit, match=r"qp-streams: .*(restricted|not a public topic)"):
            main(["--bootstrap", "127.0.0.1:1", "--prefix", "q.", *command])
    assert not out.exists()
