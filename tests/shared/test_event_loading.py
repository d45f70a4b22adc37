"""Received event data is loaded to exactly what marshmallow loads, or refused as it refuses."""

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import Schema, ValidationError, fields, validate, validates

from qplatform.events import CATALOG
from qplatform.events.contracts.fields import EventDataSchema
from qplatform.events.json_schema import example_data
from qplatform.events.loading import plain_load
from qplatform.events.spec import EventSpec

SPECS = CATALOG.specs()


def outcome(load: Any, data: Any) -> tuple[str, Any]:
    """Return what loading `data` gives: the data loaded, or the messages of its refusal."""
    try:
        return ("loaded", load(data))
    except ValidationError as error:
        return ("refused", error.messages)


# Values a field may receive, in form or not.
ODD_VALUES = [
    None,
    True,
    0,
    -7,
    2**60,
    1.5,
    float("nan"),
    float("inf"),
    "",
    "x",
    "2027-01-01",
    "2027-01-01T09:00:00",
    "2027-01-01T09:00:00+00:00",
    "2027-13-01T09:00:00+00:00",
    "speaker",
    [],
    ["a", None],
    [""],
    {"a": 1},
]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"{s.type}.v{s.version}")
def test_every_contract_loads_its_example_as_marshmallow_does(spec: EventSpec) -> None:
    schema = spec.schema()
    load = plain_load(schema)
    data = spec.serialise(schema.load(example_data(spec)))

    assert load != schema.load, "the contract needs marshmallow's load"
    assert load(data) == schema.load(data)
    assert load({**data, "not_in_the_contract": 1}) == schema.load(data)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"{s.type}.v{s.version}")
def test_every_field_of_every_contract_refuses_what_marshmallow_refuses(spec: EventSpec) -> None:
    schema = spec.schema()
    load = plain_load(schema)
    data = spec.serialise(schema.load(example_data(spec)))
    for name in schema.fields:
        without = {key: value for key, value in data.items() if key != name}
        assert outcome(load, without) == outcome(schema.load, without), name
        for value in ODD_VALUES:
            changed = {**data, name: value}
            assert repr(outcome(load, changed)) == repr(outcome(schema.load, changed)), (
                name,
                value,
            )


class Mixed(EventDataSchema):
    at = fields.AwareDateTime(required=True)
    on = fields.Date()
    count = fields.Integer(validate=validate.Range(min=0))
    strict = fields.Integer(strict=True, allow_none=True)
    share = fields.Float()
    flag = fields.Boolean()
    names = fields.List(fields.String(validate=validate.Length(min=1)), allow_none=True)
    days = fields.List(fields.Date(), validate=validate.Length(max=2))
    kind = fields.String(validate=validate.OneOf(["a", "b"]))
    mail = fields.Email()


JSON_VALUES = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.datetimes(timezones=st.sampled_from([None, UTC])).map(datetime.isoformat),
    st.dates().map(lambda day: day.isoformat()),
    st.lists(st.one_of(st.none(), st.text(max_size=5), st.dates().map(str)), max_size=3),
    st.sampled_from(["a", "b", "c", "asha@example.org", "not-an-address"]),
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from([*Mixed().fields, "unknown"]), JSON_VALUES))
def test_any_data_loads_or_is_refused_as_marshmallow_would(data: dict[str, Any]) -> None:
    schema = Mixed()
    assert repr(outcome(plain_load(schema), data)) == repr(outcome(schema.load, data))


def test_anything_but_a_dict_goes_to_marshmallow() -> None:
    schema = Mixed()
    for data in (None, [], "at", 3):
        assert repr(outcome(plain_load(schema), data)) == repr(outcome(schema.load, data))


class Hooked(EventDataSchema):
    name = fields.String()

    @validates("name")
    def check(self, value: str, **_: Any) -> None:
        if value == "poison":
            raise ValidationError("not that one")


class Renamed(EventDataSchema):
    name = fields.String(data_key="display_name")


class Defaulted(EventDataSchema):
    name = fields.String(load_default="anyone")


class Raw(EventDataSchema):
    anything = fields.Raw()


class Strict(Schema):
    name = fields.String()


@pytest.mark.parametrize("schema_class", [Hooked, Renamed, Defaulted, Raw, Strict])
def test_what_plain_values_cannot_express_is_marshmallows_to_load(
    schema_class: type[Schema],
) -> None:
    schema = schema_class()
    assert plain_load(schema) == schema.load
