"""Use cases of comments: writing, flagging, and staff hiding or restoring them."""

from dataclasses import dataclass
from typing import Any

from events.domain import errors
from events.domain.members import FORMER_MEMBER
from events.domain.model import UNSHOWN
from events.domain.posts import Comment, PostStatus
from events.service_layer.unit_of_work import EventsUnitOfWork
from qplatform.paging import Page, PageRequest


@dataclass(frozen=True)
class ShownComment:
    """A comment with its author's display name, never their email."""

    comment: Comment
    author_name: str

    def __getattr__(self, name: str) -> Any:
        return getattr(self.comment, name)


def post_comment(
    *, uow: EventsUnitOfWork, on: str, on_id: str, author_id: str, text: str
) -> Comment:
    """Add a member's comment under a published post or event, and announce it."""
    _check_open(uow, on, on_id)
    comment = Comment.write(on=on, on_id=on_id, author_id=author_id, text=text, now=uow.clock.now())
    uow.comments.add(comment)
    data = {
        "comment_id": comment.id,
        "on": on,
        "on_id": on_id,
        "author_id": author_id,
        "posted_at": comment.posted_at,
    }
    uow.publish("comment-posted", subject=comment.id, data=data)
    uow.commit()
    return comment


def comments_under(
    *, uow: EventsUnitOfWork, on: str, on_id: str, with_hidden: bool
) -> list[ShownComment]:
    """Return the comments under a published post or event, with authors' display names."""
    _check_open(uow, on, on_id)
    comments = uow.comments.under(on_id, with_hidden=with_hidden)
    names = uow.members.names({c.author_id for c in comments if c.author_id})
    return [ShownComment(c, _name(names, c.author_id)) for c in comments]


def _name(names: dict[str, str], author_id: str | None) -> str:
    return names.get(author_id, "Member") if author_id else FORMER_MEMBER


def flag_comment(*, uow: EventsUnitOfWork, comment_id: str, member_id: str) -> Comment:
    """Flag a comment for staff to look at; a member's second flag changes nothing."""
    comment = _comment(uow, comment_id)
    if not uow.comments.has_flagged(comment_id, member_id):
        uow.comments.add_flag(comment_id, member_id)
        comment.flags += 1
    uow.commit()
    return comment


def hide_comment(
    *, uow: EventsUnitOfWork, comment_id: str, hidden: bool, reason: str | None = None
) -> Comment:
    """Hide a comment from members, or restore it; announce the change to its author."""
    comment = _comment(uow, comment_id)
    data: dict[str, object] = {
        "comment_id": comment.id,
        "on": comment.on,
        "on_id": comment.on_id,
        "author_id": comment.author_id,
    }
    if hidden and not comment.hidden:
        data |= {"hidden_at": uow.clock.now(), "reason": reason}
        uow.publish("comment-hidden", subject=comment.id, data=data)
    elif not hidden and comment.hidden and comment.author_id is not None:
        data |= {"restored_at": uow.clock.now()}
        uow.publish("comment-restored", subject=comment.id, data=data)
    comment.hidden = hidden
    uow.commit()
    return comment


def flagged_comments(*, uow: EventsUnitOfWork, page: PageRequest) -> Page[ShownComment]:
    """Return a page of the comments members flagged, most flagged first."""
    found = uow.comments.flagged(page)
    names = uow.members.names({c.author_id for c in found.items if c.author_id})
    return Page([ShownComment(c, _name(names, c.author_id)) for c in found.items], found.total)


def _check_open(uow: EventsUnitOfWork, on: str, on_id: str) -> None:
    if on == "post":
        post = uow.posts.get(on_id)
        if post is None or post.status is not PostStatus.PUBLISHED:
            raise errors.PostNotFound("no post with that id")
    else:
        event = uow.events.get(on_id)
        if event is None or event.status in UNSHOWN:
            raise errors.EventNotFound("no event with that id")


def _comment(uow: EventsUnitOfWork, comment_id: str) -> Comment:
    comment = uow.comments.get(comment_id)
    if comment is None:
        raise errors.CommentNotFound("no comment with that id")
    return comment
