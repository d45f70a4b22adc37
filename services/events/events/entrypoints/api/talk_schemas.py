"""What the events service's HTTP API takes and gives about talks and series."""

from marshmallow import Schema, fields, validate

from events.domain.rules import DESCRIPTION_MAX, REGIONS, TITLE_MAX, TOPICS_MAX
from events.domain.talks import AVAILABILITY_MAX, MESSAGE_MAX, SUBJECT_MAX, SUMMARY_MAX
from events.entrypoints.api.schemas import EventSchema
from qplatform.events.contracts.events import PILLARS
from qplatform.events.contracts.talks import TALK_FORMATS
from qplatform.web.validators import OneLine, Paragraphs

REPLY_MAX = 1_000


class TalkFormSchema(Schema):
    """A talk as its speaker offers it."""

    subject = fields.String(
        required=True,
        validate=[validate.Length(min=1, max=SUBJECT_MAX), OneLine()],
        metadata={"description": "What the talk is about; organisers search by it."},
    )
    summary = fields.String(
        load_default=None,
        allow_none=True,
        validate=[validate.Length(max=SUMMARY_MAX), Paragraphs()],
    )
    format = fields.String(
        required=True,
        validate=validate.OneOf(TALK_FORMATS),
        metadata={"description": "In person, online, or either."},
    )
    regions = fields.List(
        fields.String(validate=validate.OneOf(REGIONS)),
        load_default=(),
        validate=validate.Length(max=len(REGIONS)),
        metadata={"description": "Regions the speaker travels to; none means anywhere."},
    )
    topics = fields.List(
        fields.String(validate=validate.Length(min=1, max=40)),
        load_default=(),
        validate=validate.Length(max=TOPICS_MAX),
        metadata={"description": "Lower-case slugs, such as measurement."},
    )
    availability = fields.String(
        required=True,
        validate=[validate.Length(min=1, max=AVAILABILITY_MAX), OneLine()],
        metadata={"description": "When the speaker can give it, such as 'weekday afternoons'."},
    )


class TalkChangeSchema(TalkFormSchema):
    """The fields of an offer its speaker changes; load it partial, so the rest stay."""


class TalkSchema(Schema):
    """An offered talk as members see it."""

    id = fields.String()
    speaker_id = fields.String()
    speaker_name = fields.String()
    subject = fields.String()
    summary = fields.String(allow_none=True)
    format = fields.String()
    regions = fields.List(fields.String(), attribute="region_list")
    topics = fields.List(fields.String(), attribute="topic_list")
    availability = fields.String()
    status = fields.Function(lambda talk: talk.status.value)
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class TalkQueryArgsSchema(Schema):
    """What a search for speakers is narrowed to."""

    subject = fields.String(
        load_default="",
        validate=[validate.Length(max=SUBJECT_MAX), OneLine()],
        metadata={"description": "Words the subject, summary or topics must all hold."},
    )
    region = fields.String(validate=validate.OneOf(REGIONS))
    format = fields.String(validate=validate.OneOf(["in-person", "online"]))
    speaker_id = fields.String(validate=validate.Length(min=1, max=64))


class TalkRequestFormSchema(Schema):
    """What an organiser asks of a speaker."""

    message = fields.String(
        required=True,
        validate=[validate.Length(min=1, max=MESSAGE_MAX), Paragraphs()],
        metadata={"description": "What the talk is wanted for: audience, date, place."},
    )
    event_id = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(min=1, max=36)
    )


class AnswerSchema(Schema):
    """The speaker's answer to a request."""

    reply = fields.String(
        load_default=None,
        allow_none=True,
        validate=[validate.Length(max=REPLY_MAX), Paragraphs()],
        metadata={"description": "A note to the organiser."},
    )


class TalkRequestSchema(Schema):
    """A talk request as its speaker and requester see it."""

    id = fields.String()
    talk_id = fields.String()
    subject = fields.String()
    speaker_id = fields.String()
    speaker_name = fields.String()
    requester_id = fields.String()
    requester_name = fields.String()
    event_id = fields.String(allow_none=True)
    message = fields.String()
    status = fields.Function(lambda request: request.status.value)
    reply = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    answered_at = fields.AwareDateTime(allow_none=True)


class SeriesFormSchema(Schema):
    """A series as its organiser describes it."""

    title = fields.String(
        required=True, validate=[validate.Length(min=1, max=TITLE_MAX), OneLine()]
    )
    description = fields.String(
        load_default=None,
        allow_none=True,
        validate=[validate.Length(max=DESCRIPTION_MAX), Paragraphs()],
    )
    pillar = fields.String(required=True, validate=validate.OneOf(PILLARS))


class SeriesSchema(Schema):
    """A series of events."""

    id = fields.String()
    title = fields.String()
    description = fields.String(allow_none=True)
    pillar = fields.String()
    organiser_id = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()


class SeriesDetailSchema(SeriesSchema):
    """A series with its published events and the address of its calendar feed."""

    upcoming = fields.List(fields.Nested(EventSchema))
    past = fields.List(fields.Nested(EventSchema))
    calendar_url = fields.String()
