"""Use cases of members' posts: drafting, submitting, moderating and reading them."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from events.adapters.registry import Members
from events.adapters.writings import Posts
from events.domain import errors
from events.domain.posts import Post, PostStatus
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.identity import Caller


@dataclass(frozen=True)
class ShownPost:
    """A post with its author's display name, never their email."""

    post: Post
    author_name: str | None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.post, name)


def draft_post(*, uow: UnitOfWork, author_id: str, text: dict[str, Any]) -> Post:
    """Start a member's news item or blog as a draft."""
    post = Post.draft(author_id=author_id, **text)
    Posts(uow.session).add(post)
    uow.commit()
    return post


def revise_post(*, uow: UnitOfWork, post_id: str, caller: Caller, text: dict[str, Any]) -> Post:
    """Change the author's draft or rejected post."""
    post = _authored(uow, post_id, caller)
    if post.status not in (PostStatus.DRAFT, PostStatus.REJECTED):
        raise errors.AlreadyDecided(f"the post is {post.status.value}")
    current = {"title": post.title, "body": post.body_markdown, "pillar": post.pillar}
    post.revise(**{**current, "topics": post.topic_list, **text})
    uow.commit()
    return post


def submit_post(*, uow: UnitOfWork, post_id: str, caller: Caller) -> Post:
    """Send the author's draft to staff."""
    post = _authored(uow, post_id, caller)
    post.submit()
    uow.commit()
    return post


def publish_post(*, uow: UnitOfWork, post_id: str) -> Post:
    """Publish a submitted post and announce it."""
    post = get_post(uow=uow, post_id=post_id)
    post.publish()
    uow.publish("post-published", subject=post.id, data=_shown(post))
    uow.commit()
    return post


def hide_post(*, uow: UnitOfWork, post_id: str, reason: str | None) -> Post:
    """Take a published post down from members, saying why if staff wish; announce it."""
    post = get_post(uow=uow, post_id=post_id)
    post.hide()
    data = {**_shown(post), "reason": reason, "hidden_at": datetime.now(UTC)}
    uow.publish("post-hidden", subject=post.id, data=data)
    uow.commit()
    return post


def restore_post(*, uow: UnitOfWork, post_id: str) -> Post:
    """Show a hidden post to members again, and announce it."""
    post = get_post(uow=uow, post_id=post_id)
    post.restore()
    data = {**_shown(post), "restored_at": datetime.now(UTC)}
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


def reject_post(*, uow: UnitOfWork, post_id: str, reason: str) -> Post:
    """Send a submitted post back to its author, saying why."""
    post = get_post(uow=uow, post_id=post_id)
    post.reject(reason)
    data = {
        "post_id": post.id,
        "kind": post.kind.value,
        "title": post.title,
        "author_id": post.author_id,
        "reason": reason,
        "rejected_at": datetime.now(UTC),
    }
    uow.publish("post-rejected", subject=post.id, data=data)
    uow.commit()
    return post


def get_post(*, uow: UnitOfWork, post_id: str) -> Post:
    """Return the post with `post_id`."""
    post = Posts(uow.session).get(post_id)
    if post is None:
        raise errors.PostNotFound("no post with that id")
    return post


def show_post(*, uow: UnitOfWork, post_id: str, caller: Caller) -> ShownPost:
    """Return a published post, or an unpublished one to its author and staff."""
    post = get_post(uow=uow, post_id=post_id)
    mine = caller.is_staff or (caller.member_id is not None and caller.member_id == post.author_id)
    if post.status is not PostStatus.PUBLISHED and not mine:
        raise errors.PostNotFound("no post with that id")
    names = Members(uow.session).names({post.author_id} if post.author_id else set())
    return ShownPost(post, names.get(post.author_id or ""))


def _authored(uow: UnitOfWork, post_id: str, caller: Caller) -> Post:
    post = get_post(uow=uow, post_id=post_id)
    if caller.member_id is None or caller.member_id != post.author_id:
        raise errors.NotAllowed("only the post's author may do this")
    return post


@dataclass(frozen=True)
class PostPage:
    """One page of posts, and how many there are on all pages."""

    posts: list[Post]
    total: int


def posts_with_status(*, uow: UnitOfWork, status: PostStatus, offset: int, limit: int) -> PostPage:
    """Return a page of the posts in `status`, newest first."""
    posts = Posts(uow.session)
    found = posts.with_status(status, offset=offset, limit=limit)
    return PostPage(found, posts.count_with_status(status))


def posts_of_author(
    *,
    uow: UnitOfWork,
    author_id: str,
    statuses: tuple[PostStatus, ...] = tuple(PostStatus),
    offset: int,
    limit: int,
) -> PostPage:
    """Return a page of the author's own posts in `statuses`, newest first."""
    posts = Posts(uow.session)
    found = posts.written_by(author_id, statuses, offset=offset, limit=limit)
    return PostPage(found, posts.count_written_by(author_id, statuses))
