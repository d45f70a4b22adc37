"""Talks members offer and organisers request, and a series of site visits, as events."""

import uuid
from datetime import timedelta
from typing import Any

from analysis.activity import Activity
from qplatform.events.contracts.talks import TALK_FORMATS

# Fixed rather than drawn, so adding the series leaves the rest of the month as it was.
SITE_VISITS = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://q.health.org.uk/series/site-visits"))
SUBJECTS = [
    ("Measuring for improvement", ["measurement"]),
    ("Co-design with patients and carers", ["co-design"]),
    ("Flow in urgent and emergency care", ["flow", "urgent-care"]),
    ("Improvement in mental health services", ["mental-health"]),
    ("Spreading what works across a system", ["spread"]),
]


def start_series(activity: Activity) -> None:
    """Start the autumn programme of site visits that the month's site visits belong to."""
    data = {
        "series_id": SITE_VISITS,
        "title": "Site visits: autumn 2026",
        "pillar": "learn",
        "organiser_id": None,
        "created_at": activity.start,
    }
    activity.emit("series-created", activity.start, data, "events")


def offer_and_request_talks(activity: Activity) -> None:
    """Members offer about forty talks; organisers request them and speakers answer."""
    talks = []
    for _ in range(40):
        at = activity.moment()
        speakers = activity.members_by(at)
        if not speakers:
            continue
        speaker = activity.rng.choice(speakers)
        subject, topics = activity.rng.choice(SUBJECTS)
        talk = {
            "talk_id": activity.new_id(),
            "speaker_id": speaker.id,
            "subject": subject,
            "format": activity.rng.choice(TALK_FORMATS),
            "regions": [] if activity.rng.random() < 0.4 else [speaker.region],
            "topics": topics,
            "at": at,
        }
        if not activity.emit("talk-offered", at, talk, "events"):
            return
        talks.append(talk)
    for talk in talks:
        for _ in range(activity.rng.choice([0, 1, 1, 2, 3])):
            _request(activity, talk)


def _request(activity: Activity, talk: dict[str, Any]) -> None:
    at = activity.moment(talk["at"], timedelta(days=10))
    organisers = [m for m in activity.members_by(at) if m.id != talk["speaker_id"]]
    if not organisers:
        return
    asked = {
        "request_id": activity.new_id(),
        "talk_id": talk["talk_id"],
        "speaker_id": talk["speaker_id"],
        "requester_id": activity.rng.choice(organisers).id,
        "subject": talk["subject"],
        "event_id": None,
        "at": at,
    }
    if not activity.emit("talk-requested", at, asked, "events"):
        return
    draw = activity.rng.random()
    if draw < 0.1:
        return  # not answered yet
    answered = activity.moment(at, timedelta(days=6))
    answer = "accepted" if draw < 0.75 else "declined"
    activity.emit(
        "talk-request-answered", answered, {**asked, "at": answered, "answer": answer}, "events"
    )
