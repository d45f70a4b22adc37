"""Use cases of members' posts: drafting, submitting, moderating and reading them."""

from dataclasses import dataclass
from typing import Any

from events.domain import errors
from events.domain.posts import Post, PostStatus
from events.service_layer.unit_of_work import EventsUnitOfWork
from qplatform.identity import Caller
from qplatform.paging import Page, PageRequest


@dataclass(frozen=True)
class ShownPost:
    """A post with its author's display name, never their email."""

    post: Post
    author_name: str | None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.post, name)


def draft_post(*, uow: EventsUnitOfWork, author_id: str, text: dict[str, Any]) -> Post:
    """Start a member's news item or blog as a draft."""
    post = Post.draft(author_id=author_id, now=uow.clock.now(), **text)
    uow.posts.add(post)
    uow.commit()
    return post


def revise_post(
    *, uow: EventsUnitOfWork, post_id: str, caller: Caller, text: dict[str, Any]
) -> Post:
    """Change the author's draft or rejected post."""
    post = _authored(uow, post_id, caller)
    if post.status not in (PostStatus.DRAFT, PostStatus.REJECTED):
        raise errors.AlreadyDecided(f"the post is {post.status.value}")
    current = {"title": post.title, "body": post.body_markdown, "pillar": post.pillar}
    post.revise(**{**current, "topics": post.topic_list, **text})
    uow.commit()
    return post


def submit_post(*, uow: EventsUnitOfWork, post_id: str, caller: Caller) -> Post:
    """Send the author's draft to staff."""
    post = _authored(uow, post_id, caller)
    post.submit()
    uow.commit()
    return post


def publish_post(*, uow: EventsUnitOfWork, post_id: str) -> Post:
    """Publish a submitted post and announce it."""
    post = get_post(uow=uow, post_id=post_id)
    post.publish(now=uow.clock.now())
    uow.publish("post-published", subject=post.id, data=_shown(post))
    uow.commit()
    return post


def hide_post(*, uow: EventsUnitOfWork, post_id: str, reason: str | None) -> Post:
    """Take a published post down from members, saying why if staff wish; announce it."""
    post = get_post(uow=uow, post_id=post_id)
    post.hide()
    data = {**_shown(post), "reason": reason, "hidden_at": uow.clock.now()}
    uow.publish("post-hidden", subject=post.id, data=data)
    uow.commit()
    return post


def restore_post(*, uow: EventsUnitOfWork, post_id: str) -> Post:
    """Show a hidden post to members again, and announce it."""
    post = get_post(uow=uow, post_id=post_id)
    post.restore()
    data = {**_shown(post), "restored_at": uow.clock.now()}
    uow.publish("post-restored", subject=post.id, data=data)
    uow.commit()
    return post


def _shown(post: Post) -> dict[str, Any]:
    return {
        "post_id": post.id,
        "kind": post.kind.value,
        "title": post.title,
        "author_id": post.author_id,
        "pillar": post.pillar,
        "topics": post.topic_list,
        "published_at": post.published_at,
    }


def reject_post(*, uow: EventsUnitOfWork, post_id: str, reason: str) -> Post:
    """Send a submitted post back to its author, saying why."""
    post = get_post(uow=uow, post_id=post_id)
    post.reject(reason)
    data = {
        "post_id": post.id,
        "kind": post.kind.value,
        "title": post.title,
        "author_id": post.author_id,
        "reason": reason,
        "rejected_at": uow.clock.now(),
    }
    uow.publish("post-rejected", subject=post.id, data=data)
    uow.commit()
    return post


def get_post(*, uow: EventsUnitOfWork, post_id: str) -> Post:
    """Return the post with `post_id`."""
    post = uow.posts.get(post_id)
    if post is None:
        raise errors.PostNotFound("no post with that id")
    return post


def show_post(*, uow: EventsUnitOfWork, post_id: str, caller: Caller) -> ShownPost:
    """Return a published post, or an unpublished one to its author and staff."""
    post = get_post(uow=uow, post_id=post_id)
    mine = caller.is_staff or (caller.member_id is not None and caller.member_id == post.author_id)
    if post.status is not PostStatus.PUBLISHED and not mine:
        raise errors.PostNotFound("no post with that id")
    names = uow.members.names({post.author_id} if post.author_id else set())
    return ShownPost(post, names.get(post.author_id or ""))


def _authored(uow: EventsUnitOfWork, post_id: str, caller: Caller) -> Post:
    post = get_post(uow=uow, post_id=post_id)
    if caller.member_id is None or caller.member_id != post.author_id:
        raise errors.NotAllowed("only the post's author may do this")
    return post


def posts_with_status(
    *, uow: EventsUnitOfWork, status: PostStatus, page: PageRequest
) -> Page[Post]:
    """Return a page of the posts in `status`, newest first."""
    return uow.posts.with_status(status, page)


def posts_of_author(
    *,
    uow: EventsUnitOfWork,
    author_id: str,
    statuses: tuple[PostStatus, ...] = tuple(PostStatus),
    page: PageRequest,
) -> Page[Post]:
    """Return a page of the author's own posts in `statuses`, newest first."""
    return uow.posts.written_by(author_id, statuses, page)
