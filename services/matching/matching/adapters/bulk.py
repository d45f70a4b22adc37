"""Write many rows of one of matching's tables at once, in the session's transaction.

Not a repository: it finds and keeps no aggregate, it is the bulk-writing plumbing that the
rounds' and snapshots' repositories share, so it stays an adapter module beside them.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from matching.domain.model import Base
from qplatform.db import bulk


def insert_rows(session: Session, entity: type[Base], rows: Sequence[dict[str, Any]]) -> None:
    """Add `rows` to `entity`'s table (each naming the same columns) in this transaction."""
    session.flush()
    bulk.insert_rows(session.connection(), _table(entity), rows)


@contextmanager
def inserting_rows(
    session: Session, entity: type[Base], rows: Sequence[dict[str, Any]]
) -> Iterator[None]:
    """Add `rows` to `entity`'s table while the block runs; the block must not use `session`."""
    session.flush()
    with bulk.inserting_rows(session.connection(), _table(entity), rows):
        yield


def _table(entity: type[Base]) -> Table:
    table = entity.__table__
    assert isinstance(table, Table)
    return table
