"""What the events service's HTTP API takes and gives about events."""

from marshmallow import Schema, fields, validate

from events.domain.model import EventStatus
from events.domain.rules import CAPACITY_MAX, DESCRIPTION_MAX, REGIONS, TITLE_MAX, TOPICS_MAX
from qplatform.events.contracts.events import KINDS, PILLARS
from qplatform.web.validators import OneLine, Paragraphs, Plausible

REASON = validate.Length(min=1, max=500)


class EventFormSchema(Schema):
    """An event as its organiser describes it."""

    title = fields.String(
        required=True, validate=[validate.Length(min=1, max=TITLE_MAX), OneLine()]
    )
    description = fields.String(
        load_default=None,
        allow_none=True,
        validate=[validate.Length(max=DESCRIPTION_MAX), Paragraphs()],
        metadata={"description": "Free text, up to 10,000 characters."},
    )
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    pillar = fields.String(
        required=True,
        validate=validate.OneOf(PILLARS),
        metadata={"description": "The pillar of Q the event serves."},
    )
    topics = fields.List(
        fields.String(validate=validate.Length(min=1, max=40)),
        load_default=(),
        validate=validate.Length(max=TOPICS_MAX),
        metadata={"description": "Lower-case slugs, such as mental-health."},
    )
    region = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf(REGIONS),
        metadata={"description": "One of Q's regions; null when online."},
    )
    venue = fields.String(
        load_default=None, allow_none=True, validate=[validate.Length(min=1, max=300), OneLine()]
    )
    online_link = fields.URL(
        load_default=None,
        allow_none=True,
        schemes={"https"},
        validate=validate.Length(max=500),
        metadata={"description": "Shown only to members with a place."},
    )
    starts_at = fields.AwareDateTime(
        required=True,
        validate=Plausible(),
        metadata={"description": "Start, with a UTC offset, from 2000 to 2099."},
    )
    ends_at = fields.AwareDateTime(
        required=True, validate=Plausible(), metadata={"description": "End, after the start."}
    )
    timezone = fields.String(
        required=True,
        validate=validate.Length(min=1, max=64),
        metadata={"description": "IANA time zone of the venue.", "example": "Europe/London"},
    )
    capacity = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=1, max=CAPACITY_MAX),
        metadata={"description": "Places available."},
    )
    registration_opens_at = fields.AwareDateTime(
        load_default=None, allow_none=True, validate=Plausible()
    )
    registration_closes_at = fields.AwareDateTime(
        load_default=None, allow_none=True, validate=Plausible()
    )
    series_id = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, max=36),
        metadata={
            "description": "The series it belongs to; only its organiser or staff add to one."
        },
    )


class EventChangeSchema(EventFormSchema):
    """The fields of an event its organiser changes; load it partial, so the rest stay."""


class EventSchema(Schema):
    """An event as anyone sees it in a listing."""

    id = fields.String()
    title = fields.String()
    description = fields.String(allow_none=True)
    kind = fields.String()
    pillar = fields.String()
    topics = fields.List(fields.String(), attribute="topic_list")
    region = fields.String(allow_none=True)
    venue = fields.String(allow_none=True)
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    timezone = fields.String()
    capacity = fields.Integer()
    registration_opens_at = fields.AwareDateTime(allow_none=True)
    registration_closes_at = fields.AwareDateTime(allow_none=True)
    organiser_id = fields.String(allow_none=True)
    series_id = fields.String(allow_none=True)
    status = fields.Function(lambda event: event.status.value)
    rejection_reason = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()


class EventDetailSchema(EventSchema):
    """One event as the caller sees it: the link only once they have a place."""

    online_link = fields.String(allow_none=True)
    organiser_name = fields.String(allow_none=True)


class EventQueryArgsSchema(Schema):
    """What a listing of events is narrowed to."""

    when = fields.String(load_default="upcoming", validate=validate.OneOf(["upcoming", "past"]))
    region = fields.String(validate=validate.OneOf(REGIONS))
    pillar = fields.String(validate=validate.OneOf(PILLARS))
    kind = fields.String(validate=validate.OneOf(KINDS))
    topic = fields.String(validate=validate.Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"))
    starts_from = fields.AwareDateTime(validate=Plausible())
    starts_before = fields.AwareDateTime(validate=Plausible())
    organiser_id = fields.String(validate=validate.Length(min=1, max=64))


class OwnEventQueryArgsSchema(Schema):
    """Which of an organiser's own events to list; every state unless narrowed."""

    status = fields.List(
        fields.String(validate=validate.OneOf([status.value for status in EventStatus])),
        metadata={"description": "Repeat to list several states, such as pending and rejected."},
    )


class CancellationSchema(Schema):
    """Why an event is called off."""

    reason = fields.String(load_default=None, allow_none=True, validate=REASON)


class RejectionSchema(Schema):
    """Why staff turn an event or post down."""

    reason = fields.String(required=True, validate=REASON)


class TrustSchema(Schema):
    """Whether an organiser's events publish without moderation."""

    trusted = fields.Boolean(required=True)
