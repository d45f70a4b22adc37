"""Members' news items and blogs, and comments under posts and events."""

import enum
import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from events.domain import errors, markup, rules
from events.domain.model import Base, string_enum
from qplatform.db.types import UtcDateTime

BODY_MAX = 50_000
COMMENT_MAX = 2_000


class PostKind(enum.StrEnum):
    NEWS = "news"
    BLOG = "blog"


class PostStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    PUBLISHED = "published"
    REJECTED = "rejected"
    # Taken down by staff after publication; its author and staff still see it.
    HIDDEN = "hidden"


class Post(Base):
    """A news item or blog a member wrote, shown once staff publish it."""

    __tablename__ = "posts"
    __table_args__ = (Index("ix_posts_status_published_at", "status", "published_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[PostKind] = mapped_column(string_enum(PostKind))
    title: Mapped[str] = mapped_column(String(rules.TITLE_MAX))
    body_markdown: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    pillar: Mapped[str] = mapped_column(String(20))
    topics: Mapped[str] = mapped_column(String(500))
    author_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[PostStatus] = mapped_column(string_enum(PostStatus))
    rejection_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    @classmethod
    def draft(
        cls,
        *,
        author_id: str,
        kind: str,
        title: str,
        body: str,
        pillar: str,
        topics: list[str],
        now: datetime,
    ) -> "Post":
        """Return a member's new draft."""
        post = cls(id=str(uuid.uuid4()), author_id=author_id, kind=PostKind(kind))
        post.status, post.created_at = PostStatus.DRAFT, now
        post.revise(title=title, body=body, pillar=pillar, topics=topics)
        return post

    @property
    def topic_list(self) -> list[str]:
        return self.topics.split(",") if self.topics else []

    def revise(self, *, title: str, body: str, pillar: str, topics: list[str]) -> None:
        """Replace the text, rendering the Markdown to safe HTML."""
        rules.check_category("webinar", pillar)
        self.title = rules.checked_title(title)
        self.body_markdown = checked_text(body, BODY_MAX, "body")
        self.body_html = markup.rendered(self.body_markdown)
        self.pillar = pillar
        self.topics = ",".join(rules.checked_topics(topics))

    def submit(self) -> None:
        """Send the draft to staff for moderation."""
        self._move(PostStatus.SUBMITTED, frm=(PostStatus.DRAFT, PostStatus.REJECTED))

    def publish(self, *, now: datetime) -> None:
        """Show the post to members."""
        self._move(PostStatus.PUBLISHED, frm=(PostStatus.SUBMITTED,))
        self.published_at = now

    def reject(self, reason: str) -> None:
        """Send the post back to its author, saying why."""
        self._move(PostStatus.REJECTED, frm=(PostStatus.SUBMITTED,))
        self.rejection_reason = reason

    def hide(self) -> None:
        """Take a published post down from members."""
        self._move(PostStatus.HIDDEN, frm=(PostStatus.PUBLISHED,))

    def restore(self) -> None:
        """Show a hidden post to members again."""
        self._move(PostStatus.PUBLISHED, frm=(PostStatus.HIDDEN,))

    def _move(self, to: PostStatus, *, frm: tuple[PostStatus, ...]) -> None:
        if self.status not in frm:
            raise errors.AlreadyDecided(f"the post is {self.status.value}")
        self.status = to


class Comment(Base):
    """A member's comment under a post or an event; staff may hide it."""

    __tablename__ = "comments"
    __table_args__ = (Index("ix_comments_on_id_posted_at", "on_id", "posted_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    on: Mapped[str] = mapped_column(String(10))
    on_id: Mapped[str] = mapped_column(String(36))
    author_id: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    flags: Mapped[int] = mapped_column(Integer, default=0)
    posted_at: Mapped[datetime] = mapped_column(UtcDateTime())

    @classmethod
    def write(cls, *, on: str, on_id: str, author_id: str, text: str, now: datetime) -> "Comment":
        """Return a member's comment, its text stripped of any markup."""
        safe = markup.plain(checked_text(text, COMMENT_MAX, "text"))
        return cls(
            id=str(uuid.uuid4()),
            on=on,
            on_id=on_id,
            author_id=author_id,
            text=safe,
            hidden=False,
            flags=0,
            posted_at=now,
        )


def checked_text(text: str, limit: int, field: str) -> str:
    """Return `text` trimmed, refusing a blank or overlong one."""
    text = text.strip()
    if not 1 <= len(text) <= limit:
        raise errors.InvalidText(f"{field} must be 1 to {limit:,} characters", field=field)
    return text


class CommentFlag(Base):
    """One member's flag on one comment; a member flags a comment once."""

    __tablename__ = "comment_flags"

    comment_id: Mapped[str] = mapped_column(String(36), ForeignKey("comments.id"), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)
