"""What the events service's HTTP API takes and gives."""

from marshmallow import Schema, fields, validate

from events.domain.rules import DESCRIPTION_MAX, REGIONS, TITLE_MAX
from qplatform.events.contracts.events import KINDS, PILLARS


class EventFormSchema(Schema):
    """An event as staff describe it when they create it."""

    title = fields.String(required=True, validate=validate.Length(min=1, max=TITLE_MAX))
    description = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=DESCRIPTION_MAX),
        metadata={"description": "Free text, up to 10,000 characters."},
    )
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    pillar = fields.String(
        required=True,
        validate=validate.OneOf(PILLARS),
        metadata={"description": "The pillar of Q the event serves."},
    )
    region = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf(REGIONS),
        metadata={"description": "One of Q's regions; null when online."},
    )
    starts_at = fields.AwareDateTime(
        required=True, metadata={"description": "Start, with a UTC offset."}
    )
    ends_at = fields.AwareDateTime(required=True, metadata={"description": "End, after the start."})
    timezone = fields.String(
        required=True,
        validate=validate.Length(min=1, max=64),
        metadata={"description": "IANA time zone of the venue.", "example": "Europe/London"},
    )
    capacity = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=1),
        metadata={"description": "Places available."},
    )


class EventSchema(Schema):
    """An event as anyone sees it."""

    id = fields.String()
    title = fields.String()
    description = fields.String(allow_none=True)
    kind = fields.String()
    pillar = fields.String()
    region = fields.String(allow_none=True)
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    timezone = fields.String()
    capacity = fields.Integer()
    status = fields.Function(lambda event: event.status.value)
    created_at = fields.AwareDateTime()
