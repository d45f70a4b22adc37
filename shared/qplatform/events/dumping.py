"""Dump event data to its JSON form, sparing marshmallow's machinery for plain values.

A coffee round publishes tens of thousands of events at once, and `Schema.dump` spent more
time walking its fields than anything else in publishing them. Most values of an event are
already their own JSON form (a string in a String field, an int in an Integer field);
`plain_dump` passes those through and hands every other value to its field's own
`serialize`, so the result is what `Schema.dump` gives, for a fraction of the time.
"""

import math
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from marshmallow import Schema, fields, missing

Dump = Callable[[dict[str, Any]], dict[str, Any]]
SLOW = object()  # a value its field must serialize itself
ISO = (None, "iso", "iso8601")  # date formats whose text is the value's isoformat()

# Types whose values a field dumps unchanged (bool is not an int here: Integer makes it 1).
NATIVE: list[tuple[type[fields.Field], tuple[type, ...]]] = [
    (fields.UUID, ()),
    (fields.String, (str,)),
    (fields.Boolean, (bool,)),
    (fields.Integer, (int,)),
    (fields.Float, (float,)),
]


def plain_dump(schema: Schema) -> Dump:
    """Return a function dumping data as `schema.dump` does.

    A schema with dump hooks, renamed fields or dump defaults gets `schema.dump` itself.
    A float that is not a number or is infinite is refused (ValueError): JSON has no form
    for it.
    """
    if not _plain(schema):
        return schema.dump
    plan = [
        (name, field, _quick(field)) for name, field in schema.fields.items() if not field.load_only
    ]

    def dump(data: dict[str, Any]) -> dict[str, Any]:
        dumped = {}
        for name, field, quick in plan:
            if name not in data:
                continue
            value = data[name]
            done = None if value is None else quick(value)
            if done is SLOW:
                done = field.serialize(name, data)
            if type(done) is float and not math.isfinite(done):
                raise ValueError(f"{name}: {value} has no JSON form")
            dumped[name] = done
        return dumped

    return dump


def _plain(schema: Schema) -> bool:
    if any(schema._hooks.values()):  # pre_dump, post_dump and the like
        return False
    return all(
        field.data_key in (None, name)
        and field.attribute in (None, name)
        and field.dump_default is missing
        and not getattr(field, "as_string", False)
        for name, field in schema.fields.items()
    )


def _quick(field: fields.Field) -> Callable[[Any], Any]:
    """Return how to dump a value the usual way, or SLOW for the field's serialize."""
    if isinstance(field, fields.DateTime | fields.Date) and field.format in ISO:
        kind = datetime if isinstance(field, fields.DateTime) else date
        return lambda value: value.isoformat() if type(value) is kind else SLOW
    if isinstance(field, fields.List):
        inner = _native(field.inner)
        return lambda value: (
            list(value) if type(value) is list and all(type(v) in inner for v in value) else SLOW
        )
    native = _native(field)
    return lambda value: value if type(value) in native else SLOW


def _native(field: fields.Field) -> tuple[type, ...]:
    for kind, native in NATIVE:
        if isinstance(field, kind):
            return native
    return ()
