"""Events are dumped with plain values passed through, to exactly what marshmallow dumps."""

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from marshmallow import Schema, fields, post_dump

from qplatform.errors import EventContractViolation
from qplatform.events import CATALOG
from qplatform.events.dumping import plain_dump
from qplatform.events.json_schema import example_data
from qplatform.events.spec import EventSpec


@pytest.mark.parametrize("spec", CATALOG.specs(), ids=lambda s: f"{s.type}.v{s.version}")
def test_every_contract_dumps_its_example_as_marshmallow_does(spec: EventSpec) -> None:
    schema = spec.schema()
    data = schema.load(example_data(spec))
    dump = plain_dump(schema)

    assert dump != schema.dump, "the contract needs marshmallow's dump"
    assert dump(data) == schema.dump(data)
    assert dump({**data, "not_in_the_contract": 1}) == schema.dump(data)


class Mixed(Schema):
    at = fields.AwareDateTime()
    on = fields.Date()
    count = fields.Integer()
    share = fields.Float()
    flag = fields.Boolean()
    days = fields.List(fields.Date())
    names = fields.List(fields.String())
    name = fields.String(allow_none=True)
    id = fields.UUID()


@pytest.mark.parametrize(
    "data",
    [
        {"at": datetime(2027, 1, 1, 9, tzinfo=UTC), "on": date(2027, 1, 2)},
        {"count": 3, "share": 0.5, "flag": True, "name": "Asha", "days": [date(2027, 1, 3)]},
        {"count": 3.0, "share": 1, "flag": "false", "name": 7, "id": uuid.UUID(int=5)},
        {"count": True, "name": None, "id": "00000000-0000-0000-0000-000000000005"},
        {"on": datetime(2027, 1, 2, 9, tzinfo=UTC), "names": ["a", 7], "days": []},
        {"names": ("a", "b"), "at": None},
    ],
    ids=["dates", "plain values", "converted", "edge values", "mixed lists", "a tuple"],
)
def test_a_schema_of_any_field_types_dumps_as_marshmallow_does(data: dict[str, Any]) -> None:
    dumped = plain_dump(Mixed())(data)

    assert dumped == Mixed().dump(data)
    assert [type(v) for v in dumped.values()] == [type(v) for v in Mixed().dump(data).values()]


@pytest.mark.parametrize("number", [float("nan"), float("inf")])
def test_a_number_with_no_json_form_is_refused(number: float) -> None:
    with pytest.raises(ValueError, match="share"):
        plain_dump(Mixed())({"share": number})


class Renamed(Schema):
    member = fields.String(data_key="memberId")


class Defaulted(Schema):
    member = fields.String(dump_default="nobody")


class Hooked(Schema):
    member = fields.String()

    @post_dump
    def shout(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return {k: v.upper() for k, v in data.items()}


@pytest.mark.parametrize("schema", [Renamed(), Defaulted(), Hooked()])
def test_a_schema_that_renames_defaults_or_hooks_is_dumped_by_marshmallow(schema: Schema) -> None:
    assert plain_dump(schema) == schema.dump


@pytest.mark.parametrize(
    "email", ["asha patel@example.org", "a@b.c d", "<script>@x.org", "no-at-sign.example.org"]
)
def test_an_address_marshmallow_would_refuse_is_refused(email: str) -> None:
    spec = next(s for s in CATALOG.specs() if "email" in s.schema().fields)
    data = {**spec.schema().load(example_data(spec)), "email": email}
    assert spec.serialise({**data, "email": "asha.patel@example.org"})["email"]

    with pytest.raises(EventContractViolation, match="email"):
        spec.serialise(data)


def test_a_share_that_is_not_a_number_is_refused() -> None:
    spec = CATALOG.spec("coffee-round-completed", 1)
    data = spec.schema().load(example_data(spec))

    with pytest.raises(EventContractViolation, match="cross_organisation_share"):
        spec.serialise({**data, "cross_organisation_share": float("nan")})
