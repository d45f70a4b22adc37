"""Talks members offer and organisers request, and series of events; from the events service.

A talk's offer and every request for it travel on `events.talk` keyed by the offer's id,
so an offer, its change, its withdrawal and the requests made of it reach consumers in
order. They carry member ids only: a speaker's or requester's name stays on the restricted
profile topic.
"""

from marshmallow import fields, validate

from qplatform.events.contracts.events import EXAMPLE_EVENT, EXAMPLE_MEMBER, PILLARS, WHEN
from qplatform.events.contracts.fields import EventDataSchema, described
from qplatform.events.spec import EventSpec, Topic

TALK_FORMATS = ["in-person", "online", "either"]
ANSWERS = ["accepted", "declined"]
EXAMPLE_TALK = "3c9a7e21-4b6d-4f0e-9a8c-2e1d5b7f6a40"
EXAMPLE_REQUEST = "8e2f4a6c-1d3b-4c5e-9f7a-0b2c4d6e8f10"
EXAMPLE_SERIES = "6a4c2e0f-8b9d-4e1a-b3c5-7d9f1a3b5c70"
EXAMPLE_REQUESTER = "2b8d6f4a-0c1e-4a3b-8d5f-9e7c1a3b5d20"

TALKS = Topic(
    name="events.talk",
    description="Talks members offer, and organisers' requests for them, keyed by the offer's id. "
    "Member ids only, no names.",
    key="talk id",
)
SERIES = Topic(
    name="events.series",
    description="Series of events: a programme of site visits, a webinar series.",
    key="series id",
)


def _talk_id() -> object:
    return described(fields.String, "The offered talk's id.", EXAMPLE_TALK)


def _speaker_id() -> object:
    return described(fields.String, "Member who offers the talk.", EXAMPLE_MEMBER)


def _strings(description: str, example: list[str]) -> object:
    return described(fields.List, description, example, cls_or_instance=fields.String())


class TalkOfferedV1Schema(EventDataSchema):
    talk_id = _talk_id()
    speaker_id = _speaker_id()
    subject = described(fields.String, "What the talk is about.", "Measuring for improvement")
    format = described(
        fields.String, "How it can be given.", "either", validate=validate.OneOf(TALK_FORMATS)
    )
    regions = _strings("Regions the speaker travels to; empty when anywhere.", ["scotland"])
    topics = _strings("Topics it is about.", ["measurement"])
    at = described(fields.AwareDateTime, "When it happened (UTC).", WHEN)


class TalkOfferUpdatedV1Schema(TalkOfferedV1Schema):
    changed = _strings("What changed; availability says only that it changed.", ["regions"])


class TalkWithdrawnV1Schema(EventDataSchema):
    talk_id = _talk_id()
    speaker_id = _speaker_id()
    at = described(fields.AwareDateTime, "When the speaker withdrew it (UTC).", WHEN)


class TalkRequestedV1Schema(EventDataSchema):
    request_id = described(fields.String, "The request's id.", EXAMPLE_REQUEST)
    talk_id = _talk_id()
    speaker_id = _speaker_id()
    requester_id = described(fields.String, "Member who asks for the talk.", EXAMPLE_REQUESTER)
    subject = described(fields.String, "The talk's subject.", "Measuring for improvement")
    event_id = described(
        fields.String, "The event it is wanted for, if any.", EXAMPLE_EVENT, allow_none=True
    )
    at = described(fields.AwareDateTime, "When it was asked (UTC).", WHEN)


class TalkRequestAnsweredV1Schema(TalkRequestedV1Schema):
    answer = described(
        fields.String, "The speaker's answer.", "accepted", validate=validate.OneOf(ANSWERS)
    )


class SeriesCreatedV1Schema(EventDataSchema):
    series_id = described(fields.String, "The series' id.", EXAMPLE_SERIES)
    title = described(fields.String, "Title shown to members.", "Site visits: North West 2027")
    pillar = described(
        fields.String, "Pillar it serves.", "learn", validate=validate.OneOf(PILLARS)
    )
    organiser_id = described(
        fields.String, "Member who organises it.", EXAMPLE_MEMBER, allow_none=True
    )
    created_at = described(fields.AwareDateTime, "When (UTC).", WHEN)


def _spec(type: str, topic: Topic, schema: type[EventDataSchema], description: str) -> EventSpec:
    return EventSpec(
        type=type, version=1, topic=topic, schema=schema, producer="events", description=description
    )


SPECS = [
    _spec("talk-offered", TALKS, TalkOfferedV1Schema, "A member offered a talk."),
    _spec("talk-offer-updated", TALKS, TalkOfferUpdatedV1Schema, "A speaker changed their offer."),
    _spec("talk-withdrawn", TALKS, TalkWithdrawnV1Schema, "A speaker withdrew their offer."),
    _spec("talk-requested", TALKS, TalkRequestedV1Schema, "An organiser asked for a talk."),
    _spec(
        "talk-request-answered",
        TALKS,
        TalkRequestAnsweredV1Schema,
        "The speaker accepted or declined a request.",
    ),
    _spec("series-created", SERIES, SeriesCreatedV1Schema, "A series of events was started."),
]
