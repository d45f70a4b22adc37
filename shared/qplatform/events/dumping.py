"""Dump event data to its JSON form, sparing marshmallow's machinery for plain values.

A coffee round publishes tens of thousands of events at once, and `Schema.dump` spent more
time walking its fields than anything else in publishing them. Most values of an event are
already their own JSON form (a string in a String field, an int in an Integer field);
`plain_dump` passes those through and hands every other value to its field's own
`serialize`, so the result is what `Schema.dump` gives, for a fraction of the time.
"""

import math
from collections.abc import Callable
from typing import Any

from marshmallow import Schema, fields, missing

Dump = Callable[[dict[str, Any]], dict[str, Any]]

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
        (name, field, _native(field))
        for name, field in schema.fields.items()
        if not field.load_only
    ]

    def dump(data: dict[str, Any]) -> dict[str, Any]:
        dumped = {}
        for name, field, native in plan:
            if name not in data:
                continue
            value = data[name]
            if value is None or type(value) in native:
                dumped[name] = value
            else:
                dumped[name] = field.serialize(name, data)
            if type(dumped[name]) is float and not math.isfinite(dumped[name]):
                raise ValueError(f"{name}: {value} has no JSON form")
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


def _native(field: fields.Field) -> tuple[type, ...]:
    for kind, native in NATIVE:
        if isinstance(field, kind):
            return native
    return ()
