"""Rows written in bulk arrive whole and in order, or not at all, on both databases."""

from collections.abc import Callable, Iterator

import psycopg
import pytest
from sqlalchemy import JSON, Column, Engine, Integer, MetaData, String, Table, select
from sqlalchemy.exc import IntegrityError

from qplatform.db.bulk import insert_rows, inserting_rows
from qplatform.db.engine import make_engine

METADATA = MetaData()
ITEMS = Table(
    "bulk_items",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("name", String(20), nullable=False),
    Column("tags", JSON, nullable=False),
)
ROWS = [{"id": n, "name": f"item\t{n}\\", "tags": ["a", n]} for n in range(2000)]


@pytest.fixture
def engine(database_backend: str, fresh_database: Callable[[str, str], str]) -> Iterator[Engine]:
    engine = make_engine(fresh_database("matching", database_backend))
    METADATA.create_all(engine)
    yield engine
    engine.dispose()


def stored(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as connection:
        found = connection.execute(select(ITEMS).order_by(ITEMS.c.id))
        return [dict(row._mapping) for row in found]


def test_rows_are_stored_as_given_once_committed(engine: Engine) -> None:
    with engine.begin() as connection:
        insert_rows(connection, ITEMS, ROWS)

    assert stored(engine) == ROWS


def test_the_block_runs_while_the_rows_are_stored_and_they_are_there_after(engine: Engine) -> None:
    ran = []
    with engine.begin() as connection:
        with inserting_rows(connection, ITEMS, ROWS):
            ran.append(sum(n * n for n in range(10_000)))
        assert connection.scalar(select(ITEMS.c.id).order_by(ITEMS.c.id.desc())) == 1999

    assert ran and stored(engine) == ROWS


def test_a_failing_block_leaves_nothing_behind(engine: Engine) -> None:
    with (
        pytest.raises(RuntimeError, match="stop"),
        engine.begin() as connection,
        inserting_rows(connection, ITEMS, ROWS),
    ):
        raise RuntimeError("stop")

    assert stored(engine) == []


def test_rows_the_database_refuses_are_refused_after_the_block_and_none_are_kept(
    engine: Engine,
) -> None:
    with (
        # COPY reports the driver's own error; inserts report SQLAlchemy's.
        pytest.raises((IntegrityError, psycopg.IntegrityError)),
        engine.begin() as connection,
        inserting_rows(connection, ITEMS, [*ROWS, ROWS[7]]),
    ):
        pass

    assert stored(engine) == []
