"""Events published by the events service.

Registrations, attendance and waitlists are rules of one event (its capacity, its queue),
so their events travel on `events.registration` keyed by the event's id: a cancellation
and the promotion it causes reach every consumer in order, on one partition.
"""

from marshmallow import fields, validate

from qplatform.events.contracts.fields import EventDataSchema, described
from qplatform.events.contracts.topics import EVENTS
from qplatform.events.spec import EventSpec, Topic

KINDS = ["face-to-face", "webinar", "site-visit", "twitter-chat", "community"]
PILLARS = ["connect", "exchange", "learn", "collaborate"]
EXAMPLE_EVENT = "5d0e7c1a-2b3f-4e6d-8a9b-1c2d3e4f5a6b"
EXAMPLE_MEMBER = "7f1c2e9a-5b4d-4c1e-9a51-0c6d3f2b8e11"
EXAMPLE_REGISTRATION = "0b6f9d4e-1c2a-4e8f-9d3b-5a7c1e2f4d60"
EXAMPLE_POST = "a3e1c9b2-7d4f-4a6e-8b1c-2d3f4e5a6b7c"
EXAMPLE_COMMENT = "e9d8c7b6-5a4f-4e3d-9c2b-1a0f9e8d7c6b"
WHEN = "2026-11-20T10:00:00+00:00"

REGISTRATIONS = Topic(
    name="events.registration",
    description="Registrations, waitlists and attendance, keyed by the event's id.",
    key="event id",
)
POSTS = Topic(
    name="events.post",
    description="Members' news items and blogs: published, sent back, hidden or restored.",
    key="post id",
)
COMMENTS = Topic(
    name="events.comment",
    description="Comments under posts and events, and their moderation. No text, no email.",
    key="comment id",
)


def _event_id() -> object:
    return described(fields.String, "The event's id.", EXAMPLE_EVENT)


def _optional(field_class: type[fields.Field], description: str, example: object) -> object:
    return described(field_class, description, example, required=False, allow_none=True)


class EventCreatedV1Schema(EventDataSchema):
    event_id = _event_id()
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
    venue = _optional(fields.String, "Where it takes place, or null online.", "Q Lab, Manchester")
    description = _optional(
        fields.String, "What it is about, as its organiser wrote it.", "A webinar on crisis care."
    )
    status = _optional(fields.String, "pending (awaiting moderation) or published.", "published")
    organiser_id = _optional(fields.String, "Member who organises it.", EXAMPLE_MEMBER)
    topics = described(
        fields.List,
        "Topics it is about.",
        ["mental-health"],
        cls_or_instance=fields.String(),
        required=False,
    )
    series_id = _optional(
        fields.String, "The series it belongs to, if any.", "6a4c2e0f-8b9d-4e1a-b3c5-7d9f1a3b5c70"
    )


class EventPublishedV1Schema(EventCreatedV1Schema):
    published_at = described(fields.AwareDateTime, "When it was published (UTC).", WHEN)
    moderated = _optional(
        fields.Boolean, "Whether staff published it after moderation (its organiser is told).", True
    )


class EventRejectedV1Schema(EventDataSchema):
    event_id = _event_id()
    reason = described(fields.String, "Why staff rejected it.", "Not about improvement")
    title = _optional(fields.String, "Its title, for its organiser.", "Crisis care meet-up")
    organiser_id = _optional(fields.String, "Member who organised it, to be told.", EXAMPLE_MEMBER)


class EventHiddenV1Schema(EventDataSchema):
    event_id = _event_id()
    title = described(fields.String, "Its title, for its organiser.", "Crisis care meet-up")
    organiser_id = _optional(fields.String, "Member who organised it, to be told.", EXAMPLE_MEMBER)
    reason = described(fields.String, "Why staff took it down.", "Names a patient")
    hidden_at = described(fields.AwareDateTime, "When staff took it down (UTC).", WHEN)


class EventRestoredV1Schema(EventDataSchema):
    event_id = _event_id()
    title = described(fields.String, "Its title, for its organiser.", "Crisis care meet-up")
    organiser_id = _optional(fields.String, "Member who organised it, to be told.", EXAMPLE_MEMBER)
    restored_at = described(fields.AwareDateTime, "When staff showed it again (UTC).", WHEN)


class EventUpdatedV1Schema(EventDataSchema):
    event_id = _event_id()
    changed = described(
        fields.List,
        "What changed; `online_link` only says the link changed, never what it is.",
        ["starts_at", "venue"],
        cls_or_instance=fields.String(),
    )
    title = described(fields.String, "Title now.", "Improvement in mental health services")
    region = described(fields.String, "Region now.", None, allow_none=True)
    venue = described(fields.String, "Venue now.", "Q Lab, Manchester", allow_none=True)
    starts_at = described(fields.AwareDateTime, "Start now (UTC).", "2026-12-10T13:00:00+00:00")
    ends_at = described(fields.AwareDateTime, "End now (UTC).", "2026-12-10T14:00:00+00:00")
    timezone = described(fields.String, "IANA time zone now.", "Europe/London")
    capacity = described(fields.Integer, "Places now.", 100)
    registrant_ids = described(
        fields.List,
        "Members registered or waitlisted, to be told.",
        [EXAMPLE_MEMBER],
        cls_or_instance=fields.String(),
    )


class EventCancelledV1Schema(EventDataSchema):
    event_id = _event_id()
    reason = described(fields.String, "Why it was cancelled.", "Speaker unwell", allow_none=True)
    registrant_ids = described(
        fields.List,
        "Members whose registrations it cancelled.",
        [EXAMPLE_MEMBER],
        cls_or_instance=fields.String(),
    )
    cancelled_at = described(fields.AwareDateTime, "When (UTC).", WHEN)


class RegistrationV1Schema(EventDataSchema):
    registration_id = described(fields.String, "The registration's id.", EXAMPLE_REGISTRATION)
    event_id = _event_id()
    member_id = described(fields.String, "The member registered.", EXAMPLE_MEMBER)
    at = described(fields.AwareDateTime, "When it happened (UTC).", WHEN)


class RegistrationWaitlistedV1Schema(RegistrationV1Schema):
    position = described(fields.Integer, "Place in the queue, from 1.", 3)


class RegistrationCancelledV1Schema(RegistrationV1Schema):
    reason = described(
        fields.String,
        "Who or what cancelled it.",
        "member",
        validate=validate.OneOf(["member", "event-cancelled", "member-left"]),
    )
    was = described(fields.String, "What it was: confirmed or waitlisted.", "confirmed")


class AttendanceRecordedV1Schema(RegistrationV1Schema):
    attendance = described(
        fields.String,
        "What the organiser recorded.",
        "attended",
        validate=validate.OneOf(["attended", "no-show"]),
    )


class PostPublishedV1Schema(EventDataSchema):
    post_id = described(fields.String, "The post's id.", EXAMPLE_POST)
    kind = described(fields.String, "news or blog.", "blog")
    title = described(fields.String, "Title.", "What we learnt redesigning crisis care")
    author_id = described(fields.String, "Member who wrote it.", EXAMPLE_MEMBER, allow_none=True)
    pillar = described(fields.String, "Pillar.", "exchange", validate=validate.OneOf(PILLARS))
    topics = described(fields.List, "Topics.", ["mental-health"], cls_or_instance=fields.String())
    published_at = described(fields.AwareDateTime, "When (UTC).", WHEN)


class PostRejectedV1Schema(EventDataSchema):
    post_id = described(fields.String, "The post's id.", EXAMPLE_POST)
    kind = described(fields.String, "news or blog.", "blog")
    title = described(fields.String, "Title.", "What we learnt redesigning crisis care")
    author_id = described(fields.String, "Member who wrote it, to be told.", EXAMPLE_MEMBER)
    reason = described(fields.String, "Why staff sent it back.", "Please name your sources")
    rejected_at = described(fields.AwareDateTime, "When (UTC).", WHEN)


class PostHiddenV1Schema(PostPublishedV1Schema):
    reason = _optional(fields.String, "Why staff took it down.", "Names a patient")
    hidden_at = described(fields.AwareDateTime, "When staff took it down (UTC).", WHEN)


class PostRestoredV1Schema(PostPublishedV1Schema):
    restored_at = described(fields.AwareDateTime, "When staff showed it again (UTC).", WHEN)


class CommentPostedV1Schema(EventDataSchema):
    comment_id = described(fields.String, "The comment's id.", EXAMPLE_COMMENT)
    on = described(fields.String, "post or event.", "post")
    on_id = described(fields.String, "The post's or event's id.", EXAMPLE_POST)
    author_id = described(fields.String, "Member who wrote it.", EXAMPLE_MEMBER)
    posted_at = described(fields.AwareDateTime, "When (UTC).", WHEN)


class CommentHiddenV1Schema(EventDataSchema):
    comment_id = described(fields.String, "The comment's id.", EXAMPLE_COMMENT)
    on = described(fields.String, "post or event.", "post")
    on_id = described(fields.String, "The post's or event's id.", EXAMPLE_POST)
    hidden_at = described(fields.AwareDateTime, "When staff hid it (UTC).", WHEN)
    author_id = _optional(fields.String, "Member who wrote it, to be told.", EXAMPLE_MEMBER)
    reason = _optional(fields.String, "Why staff hid it.", "Breaks the comments policy")


class CommentRestoredV1Schema(EventDataSchema):
    comment_id = described(fields.String, "The comment's id.", EXAMPLE_COMMENT)
    on = described(fields.String, "post or event.", "post")
    on_id = described(fields.String, "The post's or event's id.", EXAMPLE_POST)
    author_id = described(fields.String, "Member who wrote it, to be told.", EXAMPLE_MEMBER)
    restored_at = described(fields.AwareDateTime, "When staff showed it again (UTC).", WHEN)


def _spec(type: str, topic: Topic, schema: type[EventDataSchema], description: str) -> EventSpec:
    return EventSpec(
        type=type,
        version=1,
        topic=topic,
        schema=schema,
        producer="events",
        description=description,
    )


SPECS = [
    _spec("event-created", EVENTS, EventCreatedV1Schema, "Staff or a member created an event."),
    _spec("event-published", EVENTS, EventPublishedV1Schema, "An event is open to members."),
    _spec("event-rejected", EVENTS, EventRejectedV1Schema, "Staff rejected a member's event."),
    _spec(
        "event-hidden",
        EVENTS,
        EventHiddenV1Schema,
        "Staff took a published event down; its registrations stay.",
    ),
    _spec("event-restored", EVENTS, EventRestoredV1Schema, "Staff showed a hidden event again."),
    _spec("event-updated", EVENTS, EventUpdatedV1Schema, "A published event's details changed."),
    _spec(
        "event-cancelled",
        EVENTS,
        EventCancelledV1Schema,
        "An event was cancelled, and every registration with it.",
    ),
    _spec(
        "registration-confirmed",
        REGISTRATIONS,
        RegistrationV1Schema,
        "A member has a place at an event.",
    ),
    _spec(
        "registration-waitlisted",
        REGISTRATIONS,
        RegistrationWaitlistedV1Schema,
        "The event was full; the member joined its waitlist.",
    ),
    _spec(
        "registration-cancelled",
        REGISTRATIONS,
        RegistrationCancelledV1Schema,
        "A registration or waitlist place was given up.",
    ),
    _spec(
        "waitlist-promoted",
        REGISTRATIONS,
        RegistrationV1Schema,
        "A place freed up; the first waitlisted member now has it.",
    ),
    _spec(
        "attendance-recorded",
        REGISTRATIONS,
        AttendanceRecordedV1Schema,
        "The organiser recorded whether a member came.",
    ),
    _spec("post-published", POSTS, PostPublishedV1Schema, "A news item or blog was published."),
    _spec(
        "post-rejected",
        POSTS,
        PostRejectedV1Schema,
        "Staff sent a submitted post back to its author, saying why.",
    ),
    _spec("post-hidden", POSTS, PostHiddenV1Schema, "Staff took a published post down."),
    _spec("post-restored", POSTS, PostRestoredV1Schema, "Staff showed a hidden post again."),
    _spec("comment-posted", COMMENTS, CommentPostedV1Schema, "A member commented."),
    _spec("comment-hidden", COMMENTS, CommentHiddenV1Schema, "Staff hid a comment."),
    _spec(
        "comment-restored",
        COMMENTS,
        CommentRestoredV1Schema,
        "Staff showed a hidden comment again.",
    ),
]
