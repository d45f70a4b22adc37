"""Load replayed streams (JSON Lines or Parquet from `qp-streams replay`) into DuckDB.

Every file in the folder becomes rows of one table, `events`, with the envelope's columns
and `data` as JSON, so the same SQL answers questions whichever format was replayed.
"""

import sys
from pathlib import Path

import duckdb

ENVELOPE = {
    "id": "VARCHAR",
    "type": "VARCHAR",
    "version": "INTEGER",
    "source": "VARCHAR",
    "time": "TIMESTAMPTZ",
    "subject": "VARCHAR",
    "correlation_id": "VARCHAR",
    "data": "JSON",
}
SELECT = "id, type, version, source, time::TIMESTAMPTZ AS time, subject, correlation_id"


def _source(path: Path) -> str | None:
    name = str(path).replace("'", "''")
    if path.suffix == ".jsonl":
        columns = "{" + ", ".join(f"'{k}': '{v}'" for k, v in ENVELOPE.items()) + "}"
        return f"SELECT {SELECT}, data FROM read_json('{name}', columns={columns})"
    if path.suffix == ".parquet":
        return f"SELECT {SELECT}, to_json(data) AS data FROM read_parquet('{name}')"
    return None


def connect(folder: Path) -> duckdb.DuckDBPyConnection:
    """Return a DuckDB connection with every replayed file of `folder` as table `events`."""
    con = duckdb.connect()
    sources = [s for path in sorted(folder.glob("*")) if (s := _source(path))]
    empty = "SELECT " + ", ".join(f"NULL::{t} AS {k}" for k, t in ENVELOPE.items()) + " WHERE false"
    con.execute("SET TimeZone = 'UTC'")
    con.execute("CREATE TABLE events AS " + " UNION ALL BY NAME ".join([empty, *sources]))
    return con


def present(con: duckdb.DuckDBPyConnection, *types: str) -> list[str]:
    """Return which of `types` the replay holds, noting the missing ones on stderr."""
    found = {row[0] for row in con.execute("SELECT DISTINCT type FROM events").fetchall()}
    missing = [t for t in types if t not in found]
    if missing:
        print(f"note: no {', '.join(missing)} events in the replay", file=sys.stderr)
    return [t for t in types if t in found]


def folder_argument(argv: list[str]) -> Path:
    """Return the folder of replayed files named on the command line (analysis/data)."""
    return Path(argv[0]) if argv else Path("analysis/data")
