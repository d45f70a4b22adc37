"""The month's events programme, posts and comments, and coffee pairings, as events."""

from datetime import timedelta
from typing import Any

from analysis.activity import Activity, Member
from analysis.speakers import SITE_VISITS
from qplatform.events.contracts.events import KINDS, PILLARS

TITLES = [
    "Flow in urgent care",
    "Measuring for improvement",
    "Co-design with patients",
    "Spreading what works",
    "Improvement in mental health services",
    "Lab showcase",
]
CAPACITY = {
    "webinar": 120,
    "site-visit": 20,
    "face-to-face": 40,
    "twitter-chat": 200,
    "community": 30,
}


def run_programme(activity: Activity) -> None:
    """Create, publish and hold about two dozen events, one of them cancelled."""
    for number in range(24):
        kind, pillar = activity.rng.choice(KINDS), activity.rng.choice(PILLARS)
        event = _announce(activity, kind, pillar)
        if event is not None:
            _register(activity, event, cancelled=number == 7)


def _announce(activity: Activity, kind: str, pillar: str) -> dict[str, Any] | None:
    created = activity.moment(within=timedelta(days=18))
    starts = activity.moment(created + timedelta(days=3), timedelta(days=10)).replace(
        minute=0, second=0, microsecond=0
    )
    event = {
        "event_id": activity.new_id(),
        "title": activity.rng.choice(TITLES),
        "kind": kind,
        "pillar": pillar,
        "region": None
        if kind in ("webinar", "twitter-chat")
        else activity.rng.choice(sorted(activity.waves)),
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "timezone": "Europe/London",
        "capacity": CAPACITY[kind],
        "series_id": SITE_VISITS if kind == "site-visit" else None,
    }
    if not activity.emit("event-created", created, event, "events"):
        return None
    published = created + timedelta(hours=20)
    activity.emit("event-published", published, {**event, "published_at": published}, "events")
    return {**event, "published": published}


def _register(activity: Activity, event: dict[str, Any], *, cancelled: bool) -> None:
    rng, starts = activity.rng, event["starts_at"]
    pool = activity.members_by(starts - timedelta(days=1))
    demand = min(len(pool), int(event["capacity"] * rng.uniform(0.4, 1.5)))
    confirmed: list[tuple[str, Member]] = []
    waiting: list[tuple[str, Member]] = []
    for member in rng.sample(pool, demand):
        opened = max(event["published"], member.joined_at)
        if opened >= starts:
            continue
        at = activity.moment(opened, starts - opened)
        ids = {
            "registration_id": activity.new_id(),
            "event_id": event["event_id"],
            "member_id": member.id,
            "at": at,
        }
        if len(confirmed) < event["capacity"]:
            activity.emit("registration-confirmed", at, ids, "events")
            confirmed.append((ids["registration_id"], member))
        else:
            position = {**ids, "position": len(waiting) + 1}
            activity.emit("registration-waitlisted", at, position, "events")
            waiting.append((ids["registration_id"], member))
    if cancelled:
        _cancel(activity, event, confirmed + waiting)
        return
    confirmed = _drop_outs(activity, event, confirmed, waiting)
    for registration_id, member in confirmed:
        attendance = "attended" if rng.random() < 0.78 else "no-show"
        record = {
            "registration_id": registration_id,
            "event_id": event["event_id"],
            "member_id": member.id,
            "at": event["ends_at"],
            "attendance": attendance,
        }
        activity.emit("attendance-recorded", event["ends_at"], record, "events")


def _drop_outs(
    activity: Activity,
    event: dict[str, Any],
    confirmed: list[tuple[str, Member]],
    waiting: list[tuple[str, Member]],
) -> list[tuple[str, Member]]:
    """Cancel some places before the start; the first on the waitlist takes each one."""
    staying = []
    for registration_id, member in confirmed:
        if activity.rng.random() > 0.1:
            staying.append((registration_id, member))
            continue
        at = event["starts_at"] - timedelta(days=1)
        ids = {
            "registration_id": registration_id,
            "event_id": event["event_id"],
            "member_id": member.id,
            "at": at,
        }
        activity.emit(
            "registration-cancelled", at, {**ids, "reason": "member", "was": "confirmed"}, "events"
        )
        if waiting:
            promoted_id, promoted = waiting.pop(0)
            promotion = {**ids, "registration_id": promoted_id, "member_id": promoted.id}
            activity.emit("waitlist-promoted", at, promotion, "events")
            staying.append((promoted_id, promoted))
    return staying


def _cancel(
    activity: Activity, event: dict[str, Any], registered: list[tuple[str, Member]]
) -> None:
    at = event["starts_at"] - timedelta(days=2)
    data = {
        "event_id": event["event_id"],
        "reason": "Speaker unwell",
        "registrant_ids": [m.id for _, m in registered],
        "cancelled_at": at,
    }
    activity.emit("event-cancelled", at, data, "events")


def exchange(activity: Activity) -> None:
    """Members publish posts; others comment under them."""
    for _ in range(30):
        at = activity.moment()
        authors = activity.members_by(at)
        if not authors:
            continue
        post = {
            "post_id": activity.new_id(),
            "kind": activity.rng.choice(["news", "blog"]),
            "title": activity.rng.choice(TITLES),
            "author_id": activity.rng.choice(authors).id,
            "pillar": activity.rng.choice(PILLARS),
            "topics": ["flow"],
            "published_at": at,
        }
        if not activity.emit("post-published", at, post, "events"):
            return
        for _ in range(activity.rng.randint(0, 4)):
            posted = activity.moment(at, timedelta(days=3))
            comment = {
                "comment_id": activity.new_id(),
                "on": "post",
                "on_id": post["post_id"],
                "author_id": activity.rng.choice(authors).id,
                "posted_at": posted,
            }
            activity.emit("comment-posted", posted, comment, "events")
