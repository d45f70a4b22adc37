"""Members hear what staff decided about what they wrote, by mail and in their feed."""

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from notifications.domain.copies import KnownPost
from notifications.domain.digest import Month
from notifications.service_layer.digest_sources import DigestSources
from notifications.service_layer.dispatch import dispatch_pending
from notifications.service_layer.feed import feed_page
from qplatform.events import Envelope
from qplatform.paging import PageRequest
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    delivery_for,
    envelope,
    handle,
    messages_of,
    new_member_id,
)
from tests.notifications.smtp_server import SmtpServer

NOW = datetime(2026, 11, 20, 10, tzinfo=UTC)
POST = {"kind": "blog", "title": "What we learnt redesigning crisis care", "pillar": "exchange"}


def event_published(organiser_id: str | None, *, moderated: bool) -> Envelope:
    event_id = str(uuid.uuid4())
    data = {
        "event_id": event_id,
        "title": "Improvement in mental health services",
        "kind": "webinar",
        "pillar": "learn",
        "region": None,
        "starts_at": datetime(2026, 12, 10, 13, tzinfo=UTC),
        "ends_at": datetime(2026, 12, 10, 14, tzinfo=UTC),
        "timezone": "Europe/London",
        "capacity": 100,
        "status": "published",
        "organiser_id": organiser_id,
        "published_at": NOW,
        "moderated": moderated,
    }
    return envelope("event-published", subject=event_id, data=data, source="events")


def from_events(type: str, **data: Any) -> Envelope:
    subject = str(data.get("event_id") or data.get("post_id") or data.get("comment_id"))
    return envelope(type, subject=subject, data=data, source="events")


def post_published(author_id: str) -> Envelope:
    data = {**POST, "post_id": str(uuid.uuid4()), "author_id": author_id, "topics": []}
    return from_events("post-published", **data, published_at=NOW)


def post_changed(type: str, author_id: str, post_id: str = "", **when: Any) -> Envelope:
    data = {**POST, "post_id": post_id or str(uuid.uuid4()), "author_id": author_id, "topics": []}
    return from_events(type, **data, published_at=NOW, **when)


def post_rejected(author_id: str, reason: str) -> Envelope:
    data = {**POST, "post_id": str(uuid.uuid4()), "author_id": author_id, "reason": reason}
    return from_events(
        "post-rejected", **{k: v for k, v in data.items() if k != "pillar"}, rejected_at=NOW
    )


def member(runtime: Runtime, email: str, consents: list[str]) -> str:
    member_id = new_member_id()
    handle(runtime, contact_recorded(member_id, email, "Asha Patel", consents=consents))
    return member_id


def decisions(member_id: str) -> list[tuple[Envelope, str, str]]:
    """Each decision, the subject of the mail it causes, and a line its text says."""
    event_id, comment_id, post_id = (str(uuid.uuid4()) for _ in range(3))
    comment = {"comment_id": comment_id, "on": "post", "on_id": post_id, "author_id": member_id}
    return [
        (
            event_published(member_id, moderated=True),
            "Your event is published: Improvement in mental health services",
            'Staff have published your event "Improvement in mental health services".',
        ),
        (
            from_events(
                "event-rejected",
                event_id=event_id,
                reason="Not about improvement",
                title="Crisis care meet-up",
                organiser_id=member_id,
            ),
            "Your event was not published: Crisis care meet-up",
            "Not about improvement",
        ),
        (
            from_events(
                "event-hidden",
                event_id=event_id,
                title="Crisis care meet-up",
                organiser_id=member_id,
                reason="Sells a product",
                hidden_at=NOW,
            ),
            "Your event is hidden",
            "Sells a product",
        ),
        (
            from_events(
                "event-restored",
                event_id=event_id,
                title="Crisis care meet-up",
                organiser_id=member_id,
                restored_at=NOW,
            ),
            "Your event is shown again",
            'Staff have shown your event "Crisis care meet-up" to members again.',
        ),
        (
            post_published(member_id),
            "Your blog is published: What we learnt redesigning crisis care",
            "Members can see it on Q now.",
        ),
        (
            post_rejected(member_id, "Please name your sources"),
            "Your blog was not published: What we learnt redesigning crisis care",
            "Please name your sources",
        ),
        (
            post_changed("post-hidden", member_id, hidden_at=NOW, reason="Names a patient"),
            "Your blog is hidden",
            'Staff have hidden your blog "What we learnt redesigning crisis care" from other',
        ),
        (
            post_changed("post-restored", member_id, restored_at=NOW),
            "Your blog is shown again",
            'Staff have shown your blog "What we learnt redesigning crisis care" to members again.',
        ),
        (
            from_events("comment-hidden", **comment, hidden_at=NOW, reason="Off topic"),
            "Your comment is hidden",
            "Off topic",
        ),
        (
            from_events("comment-restored", **comment, restored_at=NOW),
            "Your comment is shown again",
            "Staff have shown your comment",
        ),
    ]


@pytest.mark.parametrize("index", range(10))
def test_the_author_is_mailed_the_decision_once_with_its_reason(
    runtime: Runtime, smtp_server: SmtpServer, index: int
) -> None:
    member_id = member(runtime, "asha@example.org", consents=["community-news"])
    decision, subject, line = decisions(member_id)[index]
    handle(runtime, decision, decision)
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(smtp_server), limit=9)
    [mail] = smtp_server.to("asha@example.org")
    assert mail.message["Subject"] == subject
    assert line in mail.text and "Dear Asha Patel" in mail.text
    with runtime.unit_of_work() as uow:
        feed = feed_page(uow=uow, member_id=member_id, page=PageRequest(size=10))
    assert [item.subject for item in feed.items] == [subject]


def test_publication_respects_a_member_who_turned_community_news_off(runtime: Runtime) -> None:
    member_id = member(runtime, "asha@example.org", consents=[])
    handle(runtime, post_published(member_id), event_published(member_id, moderated=True))
    assert messages_of(runtime, member_id) == []
    handle(runtime, post_rejected(member_id, "Please name your sources"))
    assert [m.template for m in messages_of(runtime, member_id)] == ["work-moderated"]


def test_an_event_published_without_moderation_tells_nobody(runtime: Runtime) -> None:
    member_id = member(runtime, "asha@example.org", consents=["community-news"])
    handle(
        runtime, event_published(member_id, moderated=False), event_published(None, moderated=True)
    )
    assert messages_of(runtime, member_id) == []


def test_a_hidden_post_leaves_the_digest_and_a_restored_one_comes_back(runtime: Runtime) -> None:
    member_id = member(runtime, "asha@example.org", consents=[])
    post_id = str(uuid.uuid4())
    handle(runtime, post_changed("post-published", member_id, post_id))
    handle(runtime, post_changed("post-hidden", member_id, post_id, hidden_at=NOW))
    with runtime.unit_of_work() as uow:
        assert uow.session.get(KnownPost, post_id) is None
    handle(runtime, post_changed("post-restored", member_id, post_id, restored_at=NOW))
    with runtime.unit_of_work() as uow:
        assert uow.session.get(KnownPost, post_id) is not None


def test_a_hidden_event_leaves_the_digest_and_a_restored_one_comes_back(runtime: Runtime) -> None:
    organiser_id = member(runtime, "asha@example.org", consents=[])
    published = event_published(organiser_id, moderated=True)
    event_id, title = published.data["event_id"], published.data["title"]
    change = {"event_id": event_id, "title": title, "organiser_id": organiser_id}
    handle(runtime, published)
    assert title in _december_digest_events(runtime)

    handle(runtime, from_events("event-hidden", **change, reason="Sells a product", hidden_at=NOW))
    assert title not in _december_digest_events(runtime)

    handle(runtime, from_events("event-restored", **change, restored_at=NOW))
    assert title in _december_digest_events(runtime)


def _december_digest_events(runtime: Runtime) -> list[str]:
    with runtime.unit_of_work() as uow:
        sources = DigestSources.read(uow, Month(2026, 12))
        return [event.title for event in sources.events]
