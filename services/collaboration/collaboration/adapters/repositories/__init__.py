"""Collaboration's repositories: one module per family of aggregates, none of them commits."""

from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from qplatform.paging import Page, PageRequest

T = TypeVar("T")


def one_page(session: Session, query: Select[T], page: PageRequest) -> Page[T]:
    """Run `query` for one page of its rows, and count the rows of every page."""
    counted: Any = select(func.count()).select_from(query.order_by(None).subquery())
    total = session.scalar(counted) or 0
    items = session.scalars(query.offset(page.offset).limit(page.size)).all()
    return Page(items=items, total=total)
