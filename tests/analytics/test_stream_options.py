"""qp-streams reads times, topics, groups and formats the way an analyst writes them."""

import argparse
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from qplatform.services import SERVICES
from qplatform.streams.access import StreamRefused, group_id, public_stream
from qplatform.streams.cli import parse_time
from qplatform.streams.files import flat
from qplatform.streams.reading import EventFilter


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-01", datetime(2026, 11, 1, tzinfo=UTC)),
        ("2026-11-01T09:30:00Z", datetime(2026, 11, 1, 9, 30, tzinfo=UTC)),
        ("2026-11-01T09:30:00+01:00", datetime(2026, 11, 1, 8, 30, tzinfo=UTC)),
    ],
)
def test_times_are_read_as_utc_unless_they_say_otherwise(text: str, expected: datetime) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(("text", "ago"), [("30m", timedelta(minutes=30)), ("7d", timedelta(7))])
def test_relative_times_count_back_from_now(text: str, ago: timedelta) -> None:
    assert abs(datetime.now(UTC) - ago - parse_time(text)) < timedelta(seconds=5)


@pytest.mark.parametrize("text", ["yesterday", "7w", "2026-13-01", ""])
def test_a_time_it_cannot_read_is_an_argument_error(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="not a time"):
        parse_time(text)


@pytest.mark.parametrize("name", ["membership.member", "q.membership.member"])
def test_a_topic_is_named_with_or_without_the_prefix(name: str) -> None:
    assert public_stream(name, "q.").address == "q.membership.member"


@pytest.mark.parametrize("service", SERVICES)
def test_the_tool_never_reads_as_a_services_group(service: str) -> None:
    assert group_id(service) == f"qp-streams.{service}"
    assert group_id(f"q.{service}") != f"q.{service}"
    assert group_id(None) is None


def test_an_unknown_format_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    from qplatform.streams.cli import main

    out = tmp_path / "members.xlsx"
    with pytest.raises(SystemExit, match="unknown format 'xlsx'"):
        main(["--bootstrap", "127.0.0.1:1", "replay", "membership.member", "-o", str(out)])
    assert not out.exists()


def test_the_restricted_topic_is_refused_by_name() -> None:
    with pytest.raises(StreamRefused, match="restricted"):
        public_stream("membership.member-contact", "q.")


def test_a_filter_checks_the_type_header_before_the_body() -> None:
    wanted = EventFilter(types=frozenset({"member-joined"}), subject="m-1")
    assert wanted.wants_type({"event-type": "member-joined"})
    assert not wanted.wants_type({"event-type": "member-role-changed"})
    assert not wanted.wants({"subject": "m-2", "time": "2026-11-01T00:00:00+00:00"})


def test_csv_rows_flatten_data_and_keep_lists_as_json() -> None:
    row = flat({"id": "e-1", "data": {"region": "scotland", "regions": ["a", "b"]}})
    assert row == {"id": "e-1", "data.region": "scotland", "data.regions": '["a", "b"]'}
