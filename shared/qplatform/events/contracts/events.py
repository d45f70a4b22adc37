"""Events published by the events service."""

from marshmallow import fields, validate

from qplatform.events.contracts.fields import EventDataSchema, described
from qplatform.events.contracts.topics import EVENTS
from qplatform.events.spec import EventSpec

KINDS = ["face-to-face", "webinar", "site-visit", "twitter-chat", "community"]
PILLARS = ["connect", "exchange", "learn", "collaborate"]


class EventCreatedV1Schema(EventDataSchema):
    event_id = described(fields.String, "The event's id.", "5d0e7c1a-2b3f-4e6d-8a9b-1c2d3e4f5a6b")
    title = described(
        fields.String, "Title shown to members.", "Improvement in mental health services"
    )
    kind = described(fields.String, "Kind of event.", "webinar", validate=validate.OneOf(KINDS))
    pillar = described(
        fields.String, "Pillar it serves.", "learn", validate=validate.OneOf(PILLARS)
    )
    region = described(fields.String, "Region, or null for online events.", None, allow_none=True)
    starts_at = described(fields.AwareDateTime, "Start (UTC).", "2026-12-10T13:00:00+00:00")
    ends_at = described(fields.AwareDateTime, "End (UTC).", "2026-12-10T14:00:00+00:00")
    timezone = described(fields.String, "IANA time zone of the venue.", "Europe/London")
    capacity = described(fields.Integer, "Places available.", 100)


SPECS = [
    EventSpec(
        type="event-created",
        version=1,
        topic=EVENTS,
        schema=EventCreatedV1Schema,
        producer="events",
        description="Staff or a member created an event.",
    ),
]
