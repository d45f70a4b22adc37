"""One way to page a list: which page a caller asks for, and the page a use case answers.

The web layer reads `page` and `page_size` query arguments and answers with an
`X-Pagination` header (`qplatform.web.pagination`); the service layer sees only these.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# The defaults of every list route, written once.
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# For lists read whole by staff tools (a round's pairs, an audit): bigger pages.
LONG_PAGE_SIZE = 100
LONG_MAX_PAGE_SIZE = 1000


@dataclass(frozen=True)
class PageRequest:
    """The page asked for: its number from 1, and how many items a page holds."""

    number: int = 1
    size: int = PAGE_SIZE

    @property
    def offset(self) -> int:
        """Return how many items come before this page."""
        return (self.number - 1) * self.size


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list, and how many items the whole list holds."""

    items: Sequence[T]
    total: int
