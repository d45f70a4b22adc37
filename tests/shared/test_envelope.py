import json
from datetime import UTC, datetime

import pytest
from marshmallow import ValidationError

from qplatform.errors import EventContractViolation
from qplatform.events import CATALOG, Envelope, MalformedEvent
from qplatform.events.envelope import EnvelopeSchema
from tests.shared.toy import member_joined


def an_envelope() -> Envelope:
    data = CATALOG.spec("member-joined", 1).serialise(member_joined("m-1"))
    return Envelope.new(
        type="member-joined",
        version=1,
        source="membership",
        subject="m-1",
        correlation_id="c-1",
        data=data,
    )


def test_an_envelope_survives_the_wire_unchanged() -> None:
    envelope = an_envelope()
    assert Envelope.from_json(envelope.to_json()) == envelope


def test_the_wire_form_is_what_the_envelope_schema_dumps() -> None:
    envelope = an_envelope()
    assert json.loads(envelope.to_json()) == EnvelopeSchema().dump(envelope)


def test_the_type_travels_in_the_headers_too() -> None:
    headers = dict(an_envelope().headers())
    assert headers["event-type"] == b"member-joined"
    assert headers["event-version"] == b"1"


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"type": "MemberJoined"}, "type not kebab-case"),
        ({"version": "1"}, "version not an integer"),
        ({"time": "yesterday"}, "time not RFC 3339"),
        ({"data": None}, "data missing"),
        ({"id": ""}, "empty id"),
    ],
)
def test_a_malformed_envelope_is_refused(change: dict, why: str) -> None:
    wire = {**json.loads(an_envelope().to_json()), **change}
    with pytest.raises(MalformedEvent):
        Envelope.from_json(json.dumps(wire))


def test_bytes_that_are_not_json_are_refused() -> None:
    with pytest.raises(MalformedEvent):
        Envelope.from_json(b"\x00not json")


def test_consumers_ignore_fields_they_do_not_know() -> None:
    spec = CATALOG.spec("member-joined", 1)
    data = {**spec.serialise(member_joined("m-1")), "favourite_colour": "teal"}
    assert "favourite_colour" not in spec.deserialise(data)


def test_a_producer_cannot_publish_data_its_schema_refuses() -> None:
    with pytest.raises(EventContractViolation):
        CATALOG.spec("member-joined", 1).serialise({"member_id": "m-1"})


MATCH_MADE = {
    "round_id": "r-1",
    "match_id": "x-1",
    "member_ids": ["m-1", "m-2"],
    "meeting_format": "virtual",
    "matched_at": datetime(2027, 1, 1, 9, tzinfo=UTC),
}


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"member_ids": ["m-1"]}, "too few members"),
        ({"member_ids": ["m-1", "m-2", "m-3", "m-4"]}, "too many members"),
        ({"meeting_format": "carrier-pigeon"}, "not one of the formats"),
        ({"matched_at": datetime(2027, 1, 1, 9)}, "time without a zone"),
        ({"round_id": None}, "null where a value is required"),
    ],
)
def test_each_rule_of_a_schema_refuses_an_event(change: dict, why: str) -> None:
    spec = CATALOG.spec("match-made", 1)
    assert spec.serialise(MATCH_MADE)["matched_at"] == "2027-01-01T09:00:00+00:00"
    with pytest.raises(EventContractViolation):
        spec.serialise({**MATCH_MADE, **change})


def test_a_missing_field_is_named_in_the_refusal() -> None:
    data = {k: v for k, v in MATCH_MADE.items() if k != "match_id"}
    with pytest.raises(EventContractViolation, match="match_id"):
        CATALOG.spec("match-made", 1).serialise(data)


def test_public_topics_carry_no_email_fields() -> None:
    for spec in CATALOG.specs():
        if not spec.topic.restricted:
            assert "email" not in spec.schema().fields, spec.type


@pytest.mark.parametrize(
    "change",
    [
        {},
        {"time": "2026-12-01T09:00:00"},
        {"time": "2026-12-01T10:00:00+01:00"},
        {"version": True},
        {"version": 0},
        {"version": 2.0},
        {"type": "member-joined\n"},
        {"subject": None},
        {"data": []},
        {"favourite_colour": "teal"},
    ],
)
def test_an_envelope_is_read_as_its_schema_reads_it(change: dict) -> None:
    wire = {**json.loads(an_envelope().to_json()), **change}
    try:
        expected: Envelope | None = Envelope(**EnvelopeSchema().load(wire))
    except ValidationError:
        expected = None
    if expected is None:
        with pytest.raises(MalformedEvent):
            Envelope.from_json(json.dumps(wire))
    else:
        read = Envelope.from_json(json.dumps(wire))
        assert read == expected
        assert read.time.utcoffset() == expected.time.utcoffset()
