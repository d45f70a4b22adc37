"""The compatibility gate lets additive changes through and stops ones that break consumers."""

import json
from pathlib import Path
from typing import Any

import pytest
from marshmallow import fields, validate

from qplatform.events import CATALOG, Catalog, EventSpec, Topic
from qplatform.events.compatibility import (
    IncompatibleChange,
    breaking_changes,
    check,
    refresh,
    snapshot_schema,
)
from qplatform.events.contracts.fields import EventDataSchema, described

ROOT = Path(__file__).resolve().parents[2]
MEMBERS = Topic(name="membership.member", description="Members.", key="member id")
OTHER = Topic(name="membership.other", description="Elsewhere.", key="member id")


def base_fields() -> dict[str, Any]:
    return {
        "member_id": described(fields.String, "The member.", "m-1"),
        "region": described(
            fields.String, "Region.", "scotland", validate=validate.OneOf(["scotland", "wales"])
        ),
        "joined_at": described(fields.AwareDateTime, "When.", "2026-11-03T14:00:00+00:00"),
        "interests": described(fields.List, "Topics.", ["flow"], cls_or_instance=fields.String()),
        "note": described(fields.String, "A note.", "hi", required=False),
    }


def spec_of(changed: dict[str, Any], topic: Topic = MEMBERS) -> EventSpec:
    declared = {k: v for k, v in {**base_fields(), **changed}.items() if v is not None}
    schema = EventDataSchema.from_dict(declared, name="Member")
    return EventSpec(
        type="member-joined",
        version=1,
        topic=topic,
        schema=schema,
        producer="membership",
        description="A member joined.",
    )


def changes(changed: dict[str, Any], topic: Topic = MEMBERS) -> list[str]:
    return breaking_changes(snapshot_schema(spec_of({})), snapshot_schema(spec_of(changed, topic)))


BREAKING = [
    ("a field removed", {"region": None}, "region: field removed"),
    (
        "a field renamed",
        {"region": None, "area": described(fields.String, "Region.", "scotland")},
        "region: field removed",
    ),
    ("a field retyped", {"region": described(fields.Integer, "Region.", 1)}, "region: type"),
    (
        "a date-time turned into a date",
        {"joined_at": described(fields.Date, "When.", "2026-11-03")},
        "joined_at: format",
    ),
    ("a required field added", {"wave": described(fields.String, "Wave.", "w")}, "wave: required"),
    (
        "an optional field made required",
        {"note": described(fields.String, "A note.", "hi")},
        "note: field became required",
    ),
    (
        "a required field made optional",
        {"member_id": described(fields.String, "The member.", "m-1", required=False)},
        "member_id: field became optional",
    ),
    (
        "a field made nullable",
        {"member_id": described(fields.String, "The member.", "m-1", allow_none=True)},
        "member_id: type",
    ),
    (
        "a value added to an enumeration",
        {
            "region": described(
                fields.String,
                "Region.",
                "scotland",
                validate=validate.OneOf(["scotland", "wales", "london"]),
            )
        },
        "region: enum",
    ),
    (
        "list items retyped",
        {"interests": described(fields.List, "Topics.", [1], cls_or_instance=fields.Integer())},
        "interests[]: type",
    ),
]


@pytest.mark.parametrize(("change", "changed", "expected"), BREAKING, ids=[b[0] for b in BREAKING])
def test_a_change_that_breaks_consumers_is_reported(
    change: str, changed: dict[str, Any], expected: str
) -> None:
    found = changes(changed)
    assert any(expected in problem for problem in found), found


def test_moving_an_event_type_to_another_topic_breaks_consumers() -> None:
    assert any("x-topic" in problem for problem in changes({}, OTHER))


ADDITIVE = [
    ("nothing changed", {}),
    ("an optional field added", {"wave": described(fields.String, "Wave.", "w", required=False)}),
    ("a description reworded", {"member_id": described(fields.String, "Who joined.", "m-1")}),
    ("an example changed", {"member_id": described(fields.String, "The member.", "m-2")}),
]


@pytest.mark.parametrize(("change", "changed"), ADDITIVE, ids=[a[0] for a in ADDITIVE])
def test_an_additive_change_passes_the_gate(change: str, changed: dict[str, Any]) -> None:
    assert changes(changed) == []


def test_the_code_keeps_every_committed_event_schema_compatible() -> None:
    report = check(ROOT, CATALOG)
    assert report.breaking == [], "publish a new version instead:\n" + "\n".join(report.breaking)
    assert report.unsnapshotted == [], f"run `make docs` to snapshot {report.unsnapshotted}"


def test_refreshing_takes_an_additive_change_into_the_snapshot(tmp_path: Path) -> None:
    refresh(tmp_path, Catalog([spec_of({})]))
    wider = spec_of({"wave": described(fields.String, "Wave.", "w", required=False)})
    written = refresh(tmp_path, Catalog([wider]))
    assert [p.name for p in written] == ["member-joined.v1.json"]
    assert "wave" in json.loads(written[0].read_text())["properties"]


def test_refreshing_refuses_a_breaking_change_and_keeps_the_snapshot(tmp_path: Path) -> None:
    written = refresh(tmp_path, Catalog([spec_of({})]))
    before = written[0].read_text()
    with pytest.raises(IncompatibleChange, match="region: field removed"):
        refresh(tmp_path, Catalog([spec_of({"region": None})]))
    assert written[0].read_text() == before


def test_an_event_version_no_longer_published_is_reported(tmp_path: Path) -> None:
    refresh(tmp_path, Catalog([spec_of({})]))
    report = check(tmp_path, Catalog([]))
    assert report.breaking == [
        "member-joined.v1: no longer published (delete member-joined.v1.json once no consumer "
        "needs it)"
    ]
