import json

import pytest

from qplatform.errors import EventContractViolation
from qplatform.events import CATALOG, Envelope, MalformedEvent
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


def test_public_topics_carry_no_email_fields() -> None:
    for spec in CATALOG.specs():
        if not spec.topic.restricted:
            assert "email" not in spec.schema().fields, spec.type
