"""Posts and comments as the service layer finds and keeps them."""

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from events.domain.posts import Comment, CommentFlag, Post, PostStatus
from qplatform.paging import Page, PageRequest


class Posts:
    """Members' news items and blogs."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, post: Post) -> None:
        self._session.add(post)

    def get(self, post_id: str) -> Post | None:
        return self._session.get(Post, post_id)

    def with_status(self, status: PostStatus, page: PageRequest) -> Page[Post]:
        """Return a page of posts in `status`, newest first."""
        query = (
            select(Post)
            .where(Post.status == status)
            .order_by(Post.published_at.desc(), Post.created_at.desc(), Post.id)
        )
        counted = select(func.count()).select_from(Post).where(Post.status == status)
        return self._page(query, counted, page)

    def by_author(self, author_id: str) -> list[Post]:
        return list(self._session.scalars(select(Post).filter_by(author_id=author_id)))

    def written_by(
        self, author_id: str, statuses: tuple[PostStatus, ...], page: PageRequest
    ) -> Page[Post]:
        """Return a page of the author's posts in `statuses`, newest first."""
        query = _written(select(Post), author_id, statuses).order_by(
            Post.created_at.desc(), Post.id.desc()
        )
        counted = _written(select(func.count()).select_from(Post), author_id, statuses)
        return self._page(query, counted, page)

    def _page(self, query: Select[Any], counted: Select[Any], page: PageRequest) -> Page[Post]:
        items = list(self._session.scalars(query.offset(page.offset).limit(page.size)))
        return Page(items, self._session.scalar(counted) or 0)


def _written(query: Select[Any], author_id: str, statuses: tuple[PostStatus, ...]) -> Select[Any]:
    return query.where(Post.author_id == author_id, Post.status.in_(statuses))


class Comments:
    """Comments under posts and events, and who flagged them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, comment: Comment) -> None:
        self._session.add(comment)

    def get(self, comment_id: str) -> Comment | None:
        return self._session.get(Comment, comment_id)

    def under(self, on_id: str, *, with_hidden: bool) -> list[Comment]:
        """Return the comments under a post or event, oldest first."""
        query = select(Comment).where(Comment.on_id == on_id)
        if not with_hidden:
            query = query.where(Comment.hidden.is_(False))
        return list(self._session.scalars(query.order_by(Comment.posted_at, Comment.id)))

    def flagged(self, page: PageRequest) -> Page[Comment]:
        """Return a page of flagged comments, most flagged first."""
        query = select(Comment).where(Comment.flags > 0).order_by(Comment.flags.desc(), Comment.id)
        counted = select(func.count()).select_from(Comment).where(Comment.flags > 0)
        items = list(self._session.scalars(query.offset(page.offset).limit(page.size)))
        return Page(items, self._session.scalar(counted) or 0)

    def by_author(self, author_id: str) -> list[Comment]:
        return list(self._session.scalars(select(Comment).filter_by(author_id=author_id)))

    def has_flagged(self, comment_id: str, member_id: str) -> bool:
        """Tell whether the member already flagged the comment."""
        return self._session.get(CommentFlag, (comment_id, member_id)) is not None

    def add_flag(self, comment_id: str, member_id: str) -> None:
        """Keep that the member flagged the comment."""
        self._session.add(CommentFlag(comment_id=comment_id, member_id=member_id))
