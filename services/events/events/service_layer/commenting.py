"""Use cases of comments: writing, flagging, and staff hiding or restoring them."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from events.adapters.registry import Members
from events.adapters.storage import Events
from events.adapters.writings import Comments, Posts
from events.domain import errors
from events.domain.members import FORMER_MEMBER
from events.domain.model import UNSHOWN
from events.domain.posts import Comment, CommentFlag, PostStatus
from qplatform.db.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ShownComment:
    """A comment with its author's display name, never their email."""

    comment: Comment
    author_name: str

    def __getattr__(self, name: str) -> Any:
        return getattr(self.comment, name)


def post_comment(*, uow: UnitOfWork, on: str, on_id: str, author_id: str, text: str) -> Comment:
    """Add a member's comment under a published post or event, and announce it."""
    _check_open(uow, on, on_id)
    comment = Comment.write(on=on, on_id=on_id, author_id=author_id, text=text)
    Comments(uow.session).add(comment)
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
    *, uow: UnitOfWork, on: str, on_id: str, with_hidden: bool
) -> list[ShownComment]:
    """Return the comments under a published post or event, with authors' display names."""
    _check_open(uow, on, on_id)
    comments = Comments(uow.session).under(on_id, with_hidden=with_hidden)
    names = Members(uow.session).names({c.author_id for c in comments if c.author_id})
    return [ShownComment(c, _name(names, c.author_id)) for c in comments]


def _name(names: dict[str, str], author_id: str | None) -> str:
    return names.get(author_id, "Member") if author_id else FORMER_MEMBER


def flag_comment(*, uow: UnitOfWork, comment_id: str, member_id: str) -> Comment:
    """Flag a comment for staff to look at; a member's second flag changes nothing."""
    comment = _comment(uow, comment_id)
    if uow.session.get(CommentFlag, (comment_id, member_id)) is None:
        uow.session.add(CommentFlag(comment_id=comment_id, member_id=member_id))
        comment.flags += 1
    uow.commit()
    return comment


def hide_comment(
    *, uow: UnitOfWork, comment_id: str, hidden: bool, reason: str | None = None
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
        data |= {"hidden_at": datetime.now(UTC), "reason": reason}
        uow.publish("comment-hidden", subject=comment.id, data=data)
    elif not hidden and comment.hidden and comment.author_id is not None:
        data |= {"restored_at": datetime.now(UTC)}
        uow.publish("comment-restored", subject=comment.id, data=data)
    comment.hidden = hidden
    uow.commit()
    return comment


def flagged_comments(*, uow: UnitOfWork) -> list[ShownComment]:
    """Return the comments members flagged, most flagged first."""
    comments = Comments(uow.session).flagged()
    names = Members(uow.session).names({c.author_id for c in comments if c.author_id})
    return [ShownComment(c, _name(names, c.author_id)) for c in comments]


def _check_open(uow: UnitOfWork, on: str, on_id: str) -> None:
    if on == "post":
        post = Posts(uow.session).get(on_id)
        if post is None or post.status is not PostStatus.PUBLISHED:
            raise errors.PostNotFound("no post with that id")
    else:
        event = Events(uow.session).get(on_id)
        if event is None or event.status in UNSHOWN:
            raise errors.EventNotFound("no event with that id")


def _comment(uow: UnitOfWork, comment_id: str) -> Comment:
    comment = Comments(uow.session).get(comment_id)
    if comment is None:
        raise errors.CommentNotFound("no comment with that id")
    return comment
