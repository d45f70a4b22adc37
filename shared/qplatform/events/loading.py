"""Load received event data, sparing marshmallow's machinery for values already in form.

Every consumed event's data is loaded by its contract's schema, and walking the fields
cost a consumer more than parsing the whole envelope. Most received values are already
what their field loads (a string for a String, an int for an Integer, ISO text for a
date); `plain_load` takes those as they are, runs the field's own validators on them, and
hands the data to `Schema.load` as soon as anything is not plainly in form: a missing
required field, a None where none is allowed, a value of another type, a failed
validator. So the result, or the error, is always what `Schema.load` gives.
"""

import math
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from marshmallow import EXCLUDE, Schema, fields, missing

Load = Callable[[dict[str, Any]], dict[str, Any]]
Quick = Callable[[Any], Any]
SLOW = object()  # a value the schema must load itself
ISO = (None, "iso", "iso8601")


def plain_load(schema: Schema) -> Load:
    """Return a function loading data as `schema.load` does.

    A schema with load hooks or validators of its own, renamed fields, load defaults, a
    field of another kind than those below, or unknown fields not simply left out gets
    `schema.load` itself.
    """
    plan = _plan(schema)
    if plan is None:
        return schema.load

    def load(data: dict[str, Any]) -> dict[str, Any]:
        if type(data) is not dict:
            return schema.load(data)
        loaded: dict[str, Any] = {}
        for name, field, quick in plan:
            value = data.get(name, missing)
            if value is missing:
                if field.required:
                    return schema.load(data)  # which says what is missing
                continue
            if value is None:
                if not field.allow_none:
                    return schema.load(data)
                loaded[name] = None
                continue
            done = quick(value)
            if done is SLOW or not _valid(field, done):
                return schema.load(data)
            loaded[name] = done
        return loaded

    return load


def _plan(schema: Schema) -> list[tuple[str, fields.Field, Quick]] | None:
    if any(schema._hooks.values()) or schema.unknown != EXCLUDE:
        return None
    plan = []
    for name, field in schema.fields.items():
        if field.dump_only:
            continue
        quick = _quick(field)
        if (
            quick is None
            or field.data_key not in (None, name)
            or field.attribute not in (None, name)
            or field.load_default is not missing
        ):
            return None
        plan.append((name, field, quick))
    return plan


def _valid(field: fields.Field, value: Any) -> bool:
    try:
        return all(validator(value) is not False for validator in field.validators)
    except Exception:  # ValidationError, or a validator's own failure: the schema says
        return False


def _quick(field: fields.Field) -> Quick | None:
    """Return how to load a plain value for `field`, or None for a kind not known here."""
    if isinstance(field, fields.List):
        inner = _quick(field.inner)
        if inner is None or field.inner.load_default is not missing:
            return None
        return _list_of(field.inner, inner)
    if isinstance(field, fields.AwareDateTime | fields.Date) and field.format not in ISO:
        return None
    # Exact kinds: a field class of its own may load differently.
    return _QUICK.get(fields.String if type(field) is fields.Email else type(field))


def _list_of(inner: fields.Field, quick: Quick) -> Quick:
    def load(value: Any) -> Any:
        if type(value) is not list:
            return SLOW
        loaded: list[Any] = []
        for each in value:
            if each is None:
                if not inner.allow_none:
                    return SLOW
                loaded.append(None)
                continue
            done = quick(each)
            if done is SLOW or not _valid(inner, done):
                return SLOW
            loaded.append(done)
        return loaded

    return load


def _text(value: Any) -> Any:
    return value if type(value) is str else SLOW


def _integer(value: Any) -> Any:
    # Exact type: a boolean is no integer to marshmallow, though Python counts it one.
    return value if type(value) is int else SLOW


def _float(value: Any) -> Any:
    if type(value) is float:
        return value if math.isfinite(value) else SLOW
    return float(value) if type(value) is int and abs(value) < 2**53 else SLOW


def _boolean(value: Any) -> Any:
    return value if type(value) is bool else SLOW


def _aware_moment(value: Any) -> Any:
    if type(value) is not str or not value:
        return SLOW
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return SLOW
    return moment if moment.utcoffset() is not None else SLOW


def _day(value: Any) -> Any:
    if type(value) is not str or not value:
        return SLOW
    try:
        return date.fromisoformat(value)
    except ValueError:
        return SLOW


_QUICK: dict[type[fields.Field], Quick] = {
    fields.String: _text,
    fields.Integer: _integer,
    fields.Float: _float,
    fields.Boolean: _boolean,
    fields.AwareDateTime: _aware_moment,
    fields.Date: _day,
}
