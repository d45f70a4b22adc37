"""Write many rows at once: PostgreSQL's COPY inside the current transaction, else inserts."""

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, Connection, Table, insert


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Add `rows` (each naming the same columns) to `table` in the connection's transaction.

    On PostgreSQL the rows go through COPY, in order, several times faster than a
    multi-row insert; elsewhere through one executemany insert.
    """
    if not rows:
        return
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
