"""Write many rows of one of matching's tables at once, in the session's transaction."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from matching.domain.model import Base
from qplatform.db import bulk


def insert_rows(session: Session, entity: type[Base], rows: Sequence[dict[str, Any]]) -> None:
    """Add `rows` to `entity`'s table (each naming the same columns) in this transaction."""
    table = entity.__table__
    assert isinstance(table, Table)
    session.flush()
    bulk.insert_rows(session.connection(), table, rows)
