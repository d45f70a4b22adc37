"""Send a transaction's writes to PostgreSQL without waiting for each one's answer.

A consumer handling a poll's events in one transaction would otherwise wait a round trip
for every INSERT its handlers make. In PostgreSQL's pipeline mode the driver sends each
statement at once and reads the answers later; the transaction waits only where a
statement's answer is read. A plain `INSERT … VALUES` (no RETURNING, no ON CONFLICT, no
SELECT) has nothing to read: its row count is the rows it was given, and when it fails
the error surfaces at the next statement that waits, or at COMMIT, and the whole
transaction is rolled back as it would have been. Every other statement waits for its
answer before SQLAlchemy reads it, so a handler's SELECT, UPDATE or upsert sees exactly
what it would have seen outside the pipeline.

What the pipeline changes is *when* a failed INSERT is reported: not by its own
`execute`, so a handler cannot catch it there. Callers therefore pipeline only work that
is done again without the pipeline when anything in it fails (the consumer's batch).
SQLite has no pipeline; there the block runs as written.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError

# Where a connection in pipeline mode keeps its pipeline, in the connection's `info`.
_PIPELINE = "qplatform.pipeline"
_WAITING_WORDS = (" RETURNING ", " ON CONFLICT ", " SELECT ")


def answer_when_read(engine: Engine) -> None:
    """Make every statement whose answer is read wait for it when `engine` pipelines."""
    if engine.dialect.name == "postgresql":
        event.listen(engine, "after_cursor_execute", _wait_if_read)


@contextmanager
def pipelined(connection: Connection) -> Iterator[None]:
    """Pipeline `connection`'s plain INSERTs until the block ends (PostgreSQL only).

    Commit after the block, not in it: the connection leaves pipeline mode first.
    """
    if connection.dialect.name != "postgresql":
        yield
        return
    info = connection.info
    driver = connection.connection.driver_connection
    assert driver is not None  # a connection in use always has its driver's
    driver_error = connection.dialect.loaded_dbapi.Error
    try:
        # Leaving the pipeline waits for every answer, so a failed INSERT raises here at
        # the latest, before the caller commits.
        with driver.pipeline() as pipeline:
            info[_PIPELINE] = pipeline
            try:
                yield
            finally:
                info.pop(_PIPELINE, None)
    except driver_error as error:
        # Raised by the driver, not through SQLAlchemy: given SQLAlchemy's form
        # (IntegrityError, OperationalError, ...) as every other statement's error is.
        raise DBAPIError.instance(None, None, error, driver_error) from error


def answers_nothing(statement: str) -> bool:
    """Tell whether `statement` is a plain INSERT, whose answer carries nothing to read."""
    return statement.startswith("INSERT INTO ") and not any(
        word in statement for word in _WAITING_WORDS
    )


def _wait_if_read(
    connection: Connection,
    _cursor: Any,
    statement: str,
    _parameters: Any,
    _context: Any,
    _executemany: bool,
) -> None:
    pipeline = connection.info.get(_PIPELINE)
    if pipeline is not None and not answers_nothing(statement):
        # Sends what is queued and reads every answer up to this statement's: its rows,
        # its row count, or the error of an earlier statement.
        pipeline.sync()
