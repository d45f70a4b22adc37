"""Write many rows at once: PostgreSQL's COPY inside the session's transaction, else inserts."""

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, Table, insert
from sqlalchemy.orm import Session

from matching.domain.model import Base


def insert_rows(session: Session, entity: type[Base], rows: Sequence[dict[str, Any]]) -> None:
    """Add `rows` to `entity`'s table (each naming the same columns) in this transaction."""
    if not rows:
        return
    table = entity.__table__
    assert isinstance(table, Table)
    session.flush()
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), list(rows))
        return
    columns = list(rows[0])
    as_json = {c.name for c in table.columns if isinstance(c.type, JSON)}
    names = ", ".join(f'"{name}"' for name in columns)
    driver = connection.connection.driver_connection
    assert driver is not None
    with (
        driver.cursor() as cursor,
        cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copying,
    ):
        for row in rows:
            copying.write_row([json.dumps(row[c]) if c in as_json else row[c] for c in columns])
