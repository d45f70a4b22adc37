"""Posts and comments, decided by the service layer alone."""

import pytest

from events.domain import errors
from events.domain.posts import PostStatus
from events.service_layer import commenting, writing
from tests.unit.events.examples import NOW, member, unit_of_work
from tests.unit.events.fakes import FakeEventsUnitOfWork

TEXT = {"kind": "blog", "title": "Crisis care", "body": "What we *learnt*", "pillar": "learn"}


def _submitted(uow: FakeEventsUnitOfWork) -> str:
    with uow:
        post = writing.draft_post(uow=uow, author_id="ann", text={**TEXT, "topics": []})
    with uow:
        writing.submit_post(uow=uow, post_id=post.id, caller=member("ann"))
    return post.id


def test_publishing_a_submitted_post_is_announced_with_the_time_it_was_published() -> None:
    uow = unit_of_work()
    post_id = _submitted(uow)
    with uow:
        post = writing.publish_post(uow=uow, post_id=post_id)
    assert post.status is PostStatus.PUBLISHED and post.published_at == NOW
    (published,) = uow.events_of("post-published")
    assert (published["post_id"], published["author_id"]) == (post_id, "ann")


def test_only_its_author_may_submit_a_draft() -> None:
    uow = unit_of_work()
    with uow:
        post = writing.draft_post(uow=uow, author_id="ann", text={**TEXT, "topics": []})
    with uow, pytest.raises(errors.NotAllowed):
        writing.submit_post(uow=uow, post_id=post.id, caller=member("bob"))
    assert post.status is PostStatus.DRAFT


def test_a_comment_under_a_post_not_yet_published_is_refused() -> None:
    uow = unit_of_work()
    post_id = _submitted(uow)
    with uow, pytest.raises(errors.PostNotFound):
        commenting.post_comment(uow=uow, on="post", on_id=post_id, author_id="bob", text="Hi")
    assert uow.comments.kept == {} and uow.events_of("comment-posted") == []


def test_a_members_second_flag_on_a_comment_changes_nothing() -> None:
    uow = unit_of_work()
    post_id = _submitted(uow)
    with uow:
        writing.publish_post(uow=uow, post_id=post_id)
    with uow:
        comment = commenting.post_comment(
            uow=uow, on="post", on_id=post_id, author_id="bob", text="<b>Rude</b> words"
        )
    for flagger in ("ann", "ann", "cat"):
        with uow:
            commenting.flag_comment(uow=uow, comment_id=comment.id, member_id=flagger)
    assert comment.flags == 2 and comment.text == "Rude words"
    assert uow.events_of("comment-posted")[0]["posted_at"] == NOW.isoformat()
