"""Members are told what staff decided about the events, posts and comments they wrote."""

from datetime import UTC, datetime

from notifications.domain.copies import KnownPost
from notifications.domain.letters import WORK_MODERATED, WORK_PUBLISHED
from notifications.service_layer import moderation
from tests.unit.notifications.world import a_member, a_unit_of_work, received

POST = {"post_id": "p-1", "kind": "blog", "title": "What we learnt", "author_id": "asha"}


def test_an_author_is_told_staff_sent_their_post_back_and_why() -> None:
    uow = a_unit_of_work()
    with uow:
        moderation.tell_post_rejected(uow, received("post-rejected", **POST, reason="Off topic"))
    [mail] = uow.messages.of_template(WORK_MODERATED)
    assert mail.member_id == "asha"
    assert mail.context | {"under": None} == {
        "thing": "blog",
        "title": "What we learnt",
        "decision": "rejected",
        "reason": "Off topic",
        "under": None,
    }


def test_the_same_decision_delivered_twice_is_told_once() -> None:
    uow = a_unit_of_work()
    event = received("post-rejected", **POST, reason="Off topic")
    with uow:
        moderation.tell_post_rejected(uow, event)
        moderation.tell_post_rejected(uow, event)
    assert len(uow.messages.of_template(WORK_MODERATED)) == 1


def test_a_hidden_comment_is_named_by_the_post_it_was_under_never_by_its_text() -> None:
    uow = a_unit_of_work()
    uow.known_posts.add(
        KnownPost(
            post_id="p-1",
            kind="blog",
            title="What we learnt",
            pillar="exchange",
            published_at=datetime(2026, 11, 2, tzinfo=UTC),
        )
    )
    event = received(
        "comment-hidden", comment_id="c-1", on="post", on_id="p-1", author_id="sam", reason=None
    )
    with uow:
        moderation.tell_comment_hidden(uow, event)
    [mail] = uow.messages.of_template(WORK_MODERATED)
    assert (mail.member_id, mail.context["thing"], mail.context["under"]) == (
        "sam",
        "comment",
        "What we learnt",
    )
    assert mail.context["decision"] == "hidden"


def test_an_author_who_left_community_news_is_not_told_their_post_went_out() -> None:
    uow = a_unit_of_work()
    a_member(uow, "asha", wants={"community-news": False})
    a_member(uow, "sam", wants={"community-news": True})
    with uow:
        moderation.tell_post_published(uow, received("post-published", **POST))
        sams = POST | {"post_id": "p-2", "author_id": "sam"}
        moderation.tell_post_published(uow, received("post-published", **sams))
    assert [m.member_id for m in uow.messages.of_template(WORK_PUBLISHED)] == ["sam"]


def test_an_event_published_without_moderation_tells_no_one() -> None:
    uow = a_unit_of_work()
    event = received(
        "event-published", event_id="e-1", title="Flow", organiser_id="asha", moderated=False
    )
    with uow:
        moderation.tell_event_published(uow, event)
    assert uow.messages.rows == []
