"""The one pagination contract of every list route: `page`/`page_size` in, `X-Pagination` out.

`X-Pagination` is JSON: `total`, `total_pages`, `first_page`, `last_page`, `page`, and
`previous_page`/`next_page` when there are such pages. Defaults live in `qplatform.paging`.
"""

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from qplatform.paging import (
    LONG_MAX_PAGE_SIZE,
    LONG_PAGE_SIZE,
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    Page,
    PageRequest,
)

T = TypeVar("T")
View = TypeVar("View", bound=Callable[..., Any])


def paged(blp: Blueprint, *, long: bool = False) -> Callable[[View], View]:
    """Page the view's list with the platform's defaults (`long` for staff tools' lists)."""
    if long:
        return blp.paginate(page_size=LONG_PAGE_SIZE, max_page_size=LONG_MAX_PAGE_SIZE)  # type: ignore[no-any-return]
    return blp.paginate(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)  # type: ignore[no-any-return]


def page_request(parameters: PaginationParameters) -> PageRequest:
    """Return the page the caller asked for."""
    return PageRequest(number=parameters.page, size=parameters.page_size)


def answer(parameters: PaginationParameters, page: Page[T]) -> Sequence[T]:
    """Return the page's items, telling the header how many there are in all."""
    parameters.item_count = page.total
    return page.items
