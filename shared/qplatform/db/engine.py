"""Engines and sessions for a service's own database."""

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.orm import sessionmaker

from qplatform.db.pipeline import answer_when_read

# Stable constraint names, so that migrations can find and change them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_metadata() -> MetaData:
    """Return an empty MetaData with the platform's naming convention."""
    return MetaData(naming_convention=NAMING_CONVENTION)


def make_engine(url: str, *, pre_ping: bool = True) -> Engine:
    """Create the engine for `url`; SQLite gets WAL and a busy timeout for web and worker.

    With `pre_ping` every checkout first checks its connection with a round trip of its
    own; code that waits out a lost database itself and tries again does without.
    """
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    engine = create_engine(url, pool_pre_ping=pre_ping, pool_size=5, max_overflow=5)
    answer_when_read(engine)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker:
    """Return the session factory every unit of work draws from."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def _sqlite_engine(url: str) -> Engine:
    path = url.split("///", 1)[1] if "///" in url else ""
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _tune_sqlite)
    # SQLite's driver opens transactions lazily and wrongly; take over BEGIN ourselves.
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
