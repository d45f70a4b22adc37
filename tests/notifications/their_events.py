"""Other services' events that notifications mails about, as their producers build them."""

import uuid
from datetime import UTC, datetime, timedelta

from qplatform.events import Envelope
from tests.notifications.examples import envelope

NOW = datetime(2026, 11, 26, 9, tzinfo=UTC)


def password_setup_requested(
    member_id: str, email: str, setup_id: str, consents: list[str] | None = None
) -> Envelope:
    data = {
        "member_id": member_id,
        "email": email,
        "display_name": "Asha Patel",
        "consents": consents or [],
        "setup_id": setup_id,
        "expires_at": NOW + timedelta(days=7),
    }
    return envelope("password-setup-requested", subject=member_id, data=data, version=2)


def registration(event_type: str, event_id: str, member_id: str) -> Envelope:
    data: dict[str, object] = {
        "registration_id": str(uuid.uuid4()),
        "event_id": event_id,
        "member_id": member_id,
        "at": NOW,
    }
    if event_type == "registration-cancelled":
        data.update(reason="member", was="confirmed")
    return envelope(event_type, subject=event_id, data=data, source="events")


def event_updated(event_id: str, registrant_ids: list[str], **now: object) -> Envelope:
    data = {
        "event_id": event_id,
        "changed": ["starts_at"],
        "title": "Improvement in mental health services",
        "region": None,
        "venue": None,
        "starts_at": datetime(2026, 12, 11, 13, tzinfo=UTC),
        "ends_at": datetime(2026, 12, 11, 14, tzinfo=UTC),
        "timezone": "Europe/London",
        "capacity": 100,
        "registrant_ids": registrant_ids,
        **now,
    }
    return envelope("event-updated", subject=event_id, data=data, source="events")


def event_cancelled(event_id: str, registrant_ids: list[str]) -> Envelope:
    data = {
        "event_id": event_id,
        "reason": "Speaker unwell",
        "registrant_ids": registrant_ids,
        "cancelled_at": NOW,
    }
    return envelope("event-cancelled", subject=event_id, data=data, source="events")


def match_made(
    member_ids: list[str], meeting_format: str = "virtual", matched_at: datetime = NOW
) -> Envelope:
    round_id = str(uuid.uuid4())
    data = {
        "round_id": round_id,
        "match_id": str(uuid.uuid4()),
        "member_ids": member_ids,
        "meeting_format": meeting_format,
        "matched_at": matched_at,
    }
    return envelope("match-made", subject=round_id, data=data, source="matching")


def post_published(title: str, published_at: datetime, topics: list[str] | None = None) -> Envelope:
    post_id = str(uuid.uuid4())
    data: dict[str, object] = {
        "post_id": post_id,
        "kind": "blog",
        "title": title,
        "author_id": None,
        "pillar": "exchange",
        "topics": topics or [],
        "published_at": published_at,
    }
    return envelope("post-published", subject=post_id, data=data, source="events")


def coffee_round_completed(number: int, completed_at: datetime, participants: int) -> Envelope:
    round_id = str(uuid.uuid4())
    data = {
        "round_id": round_id,
        "number": number,
        "seed": 1,
        "completed_at": completed_at,
        "participants": participants,
        "pairs": participants // 2 - 1,
        "trios": 1 if participants % 2 else 0,
        "unmatched": 0,
        "repeats": 0,
        "format_clashes": 0,
        "cross_organisation_share": 0.9,
        "cross_region_share": 0.5,
        "preference_hits": 0.8,
    }
    return envelope("coffee-round-completed", subject=round_id, data=data, source="matching")


def match_feedback_recorded(made: Envelope, member_id: str) -> Envelope:
    data = {
        "round_id": made.subject,
        "match_id": made.data["match_id"],
        "member_id": member_id,
        "outcome": "met",
        "rating": 5,
        "recorded_at": NOW,
    }
    return envelope("match-feedback-recorded", subject=made.subject, data=data, source="matching")


def application_decided(
    application_id: str, email: str, decision: str = "rejected", reason: str | None = None
) -> Envelope:
    data = {
        "application_id": application_id,
        "email": email,
        "display_name": "Robin Lee",
        "decision": decision,
        "reason": reason,
        "decided_at": NOW,
    }
    return envelope("application-decided", subject=application_id, data=data)


def group_created(name: str, topics: list[str], founder: str, created_at: datetime) -> Envelope:
    group_id = str(uuid.uuid4())
    data = {
        "group_id": group_id,
        "name": name,
        "purpose": f"Members working on {name.lower()}.",
        "topics": topics,
        "created_by": founder,
        "created_at": created_at,
    }
    return envelope("group-created", subject=group_id, data=data)


def group_place(event_type: str, group: Envelope, member_id: str, at: datetime) -> Envelope:
    data = {"group_id": group.subject, "member_id": member_id, "at": at}
    return envelope(event_type, subject=group.subject, data=data)


def region_named(slug: str, name: str, active: bool = True) -> Envelope:
    data = {"slug": slug, "name": name, "active": active}
    return envelope("region-named", subject=slug, data=data)
