"""The worked analyses answer their questions from replayed streams, whatever is missing."""

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from analysis import coffee, engagement, joins, talks
from analysis.load import connect
from analysis.month import envelope_dict, write_files
from qplatform.events import Envelope

Month = list[tuple[str, Envelope]]


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory, month: Month) -> Path:
    folder = tmp_path_factory.mktemp("replayed")
    write_files(month, folder)
    return folder


def of_type(month: Month, type: str) -> list[dict[str, Any]]:
    return [envelope_dict(e) for _, e in month if e.type == type]


def test_joins_per_region_per_month_count_every_member_joined(replayed: Path, month: Month) -> None:
    expected = Counter(
        (e["data"]["region"], e["data"]["joined_at"][:7]) for e in of_type(month, "member-joined")
    )
    found = {
        (region, month): n for region, month, n in joins.joins_per_region_month(connect(replayed))
    }
    assert found == dict(expected)


def test_joins_per_wave_compare_joins_in_its_regions_with_its_target(
    replayed: Path, month: Month
) -> None:
    waves = joins.joins_per_wave(connect(replayed))
    by_region = Counter(e["data"]["region"] for e in of_type(month, "member-joined"))
    expected = {
        w["data"]["name"]: (w["data"]["target"], sum(by_region[r] for r in w["data"]["regions"]))
        for w in of_type(month, "recruitment-wave-scheduled")
    }
    assert {name: (target, joined) for name, _, target, joined, _ in waves} == expected
    assert all(
        pct == pytest.approx(100 * joined / target, abs=0.05) for _, _, target, joined, pct in waves
    )


def test_the_chart_is_drawn_as_a_png(replayed: Path, tmp_path: Path) -> None:
    chart = tmp_path / "chart.png"
    joins.draw(joins.joins_per_wave(connect(replayed)), chart)
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_engagement_counts_every_registration_outcome_per_kind_and_pillar(
    replayed: Path, month: Month
) -> None:
    rows = engagement.per_kind_and_pillar(connect(replayed))
    totals = Counter(e.type for _, e in month)
    assert sum(r["confirmed"] for r in rows) == totals["registration-confirmed"]
    assert sum(r["waitlisted"] for r in rows) == totals["registration-waitlisted"]
    assert sum(r["events"] for r in rows) == totals["event-created"]
    attended = Counter(e["data"]["attendance"] for e in of_type(month, "attendance-recorded"))
    assert sum(r["attended"] for r in rows) == attended["attended"]
    assert sum(r["no_show"] for r in rows) == attended["no-show"]


def test_coffee_rates_divide_matches_met_by_matches_made(replayed: Path, month: Month) -> None:
    made = of_type(month, "match-made")
    answers = of_type(month, "match-feedback-recorded")
    met = {a["data"]["match_id"] for a in answers if a["data"]["outcome"] == "met"}
    rates = coffee.meeting_rates(connect(replayed))
    assert [(r["matches"], r["met"]) for r in rates] == [(len(made), len(met))]
    assert rates[0]["answered"] == len({a["data"]["match_id"] for a in answers})
    assert rates[0]["met_pct"] == pytest.approx(100 * len(met) / len(made), abs=0.05)


def test_talks_per_topic_count_each_talk_its_requests_and_their_answers(
    replayed: Path, month: Month
) -> None:
    offered = {e["data"]["talk_id"]: e["data"]["topics"] for e in of_type(month, "talk-offered")}
    asked = {
        e["data"]["request_id"]: e["data"]["talk_id"] for e in of_type(month, "talk-requested")
    }
    answers = {
        e["data"]["request_id"]: e["data"]["answer"]
        for e in of_type(month, "talk-request-answered")
    }
    expected: dict[str, Counter[str]] = {}
    for topics in offered.values():
        for topic in topics:
            expected.setdefault(topic, Counter())["offered"] += 1
    for request_id, talk_id in asked.items():
        for topic in offered[talk_id]:
            expected[topic]["requests"] += 1
            expected[topic][answers.get(request_id, "unanswered")] += 1
    rows = talks.per_topic(connect(replayed))
    assert len(asked) > 20 and len(answers) < len(asked)
    assert {
        r["topic"]: (r["offered"], r["requests"], r["accepted"], r["declined"]) for r in rows
    } == {
        topic: (c["offered"], c["requests"], c["accepted"], c["declined"])
        for topic, c in expected.items()
    }


def test_talk_requests_per_speakers_region_join_the_member_stream(
    replayed: Path, month: Month
) -> None:
    region_of = {
        e["data"]["member_id"]: e["data"]["region"] for e in of_type(month, "member-joined")
    }
    expected = Counter(region_of[e["data"]["speaker_id"]] for e in of_type(month, "talk-requested"))
    found = {
        region: requests for region, _, _, requests in talks.per_speaker_region(connect(replayed))
    }
    assert {region: n for region, n in found.items() if n} == dict(expected)


def test_events_per_series_count_the_events_created_in_it(replayed: Path, month: Month) -> None:
    [series] = of_type(month, "series-created")
    in_series = [
        e
        for e in of_type(month, "event-created")
        if e["data"].get("series_id") == series["subject"]
    ]
    assert talks.per_series(connect(replayed)) == [(series["data"]["title"], len(in_series))]
    assert in_series and all(e["data"]["kind"] == "site-visit" for e in in_series)


@pytest.mark.parametrize("module", [joins, engagement, coffee, talks], ids=lambda m: m.__name__)
def test_an_analysis_of_streams_lacking_its_event_types_prints_a_note(
    module: object, tmp_path: Path, capsys: pytest.CaptureFixture[str], month: Month
) -> None:
    (tmp_path / "membership.member.jsonl").write_text(
        json.dumps(envelope_dict(next(e for _, e in month if e.type == "member-joined"))) + "\n"
    )
    module.main([str(tmp_path)])  # type: ignore[attr-defined]
    captured = capsys.readouterr()
    assert "note: no" in captured.err
