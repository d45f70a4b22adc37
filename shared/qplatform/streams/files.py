"""Write replayed events to JSON Lines, CSV or Parquet files an analyst can query."""

import csv
import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

FORMATS = ("jsonl", "csv", "parquet")
ENVELOPE_COLUMNS = ["id", "type", "version", "source", "time", "subject", "correlation_id"]


class EventFile(Protocol):
    """Somewhere replayed events go, one at a time."""

    def write(self, event: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


class JsonLinesFile:
    """One envelope per line, `data` nested as on the wire."""

    def __init__(self, path: Path) -> None:
        self._out = path.open("w", encoding="utf-8")

    def write(self, event: dict[str, Any]) -> None:
        self._out.write(json.dumps(event, sort_keys=True) + "\n")

    def close(self) -> None:
        self._out.close()


def flat(event: dict[str, Any]) -> dict[str, Any]:
    """Flatten an event to columns: the envelope's, then `data.<field>` for each field."""
    row = {k: v for k, v in event.items() if k != "data"}
    for name, value in (event.get("data") or {}).items():
        row[f"data.{name}"] = json.dumps(value) if isinstance(value, list | dict) else value
    return row


class CsvFile:
    """One row per event; the columns are every field seen, so rows are buffered."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._rows: list[dict[str, Any]] = []

    def write(self, event: dict[str, Any]) -> None:
        self._rows.append(flat(event))

    def close(self) -> None:
        columns = _columns(self._rows)
        with self._path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=columns)
            writer.writeheader()
            writer.writerows(self._rows)


class ParquetFile:
    """One row per event, `data` as a struct of every field seen and `time` a timestamp."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._rows: list[dict[str, Any]] = []

    def write(self, event: dict[str, Any]) -> None:
        self._rows.append({**event, "time": datetime.fromisoformat(event["time"])})

    def close(self) -> None:
        import pyarrow as pa  # only replays to Parquet need it
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(self._rows) if self._rows else _empty_table(pa)
        pq.write_table(table, self._path)


def _empty_table(pa: Any) -> Any:
    return pa.table({name: pa.array([], pa.string()) for name in ENVELOPE_COLUMNS})


def _columns(rows: Iterable[dict[str, Any]]) -> list[str]:
    seen: dict[str, None] = {"_partition": None, "_offset": None}
    seen.update(dict.fromkeys(ENVELOPE_COLUMNS))
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def open_event_file(path: Path, format: str) -> EventFile:
    """Open `path` for replayed events in `format` (jsonl, csv or parquet)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if format == "csv":
        return CsvFile(path)
    if format == "parquet":
        return ParquetFile(path)
    return JsonLinesFile(path)
