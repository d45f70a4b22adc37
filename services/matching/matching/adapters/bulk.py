"""Write many rows of one of matching's tables at once, in the session's transaction."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from matching.domain.model import Base
from qplatform.db import bulk


def insert_rows(session: Session, entity: type[Base], rows: Sequence[dict[str, Any]]) -> None:
    """Add `rows` to `entity`'s table (each naming the same columns) in this transaction."""
    with inserting_rows(session, entity, rows):
        pass


@contextmanager
def inserting_rows(
    session: Session, entity: type[Base], rows: Sequence[dict[str, Any]]
) -> Iterator[None]:
    """Add `rows` to `entity`'s table while the block runs; the block must not use `session`."""
    table = entity.__table__
    assert isinstance(table, Table)
    session.flush()
    with bulk.inserting_rows(session.connection(), table, rows):
        yield
