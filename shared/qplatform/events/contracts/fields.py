"""Field helpers that make every event field carry a description and an example."""

from typing import Any

from marshmallow import EXCLUDE, Schema, fields


class EventDataSchema(Schema):
    """Base of every event's `data`: consumers ignore fields they do not know."""

    class Meta:
        unknown = EXCLUDE


def described(
    field_class: type[fields.Field], description: str, example: Any, **kwargs: Any
) -> Any:
    """Build a field whose description and example reach the event catalog."""
    kwargs.setdefault("required", True)
    return field_class(metadata={"description": description, "example": example}, **kwargs)
