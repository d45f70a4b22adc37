"""The compatibility gate: a committed snapshot of every event schema, and what breaks it.

Adding an optional field keeps an event's version; anything else a consumer could trip on
(a field removed, renamed or retyped, a required field added, a field made required or
optional, a narrower or wider set of values) needs a new version. `qp-docs` refreshes the
snapshot for additive changes and new versions, and refuses the rest.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qplatform.errors import PlatformError
from qplatform.events.json_schema import data_schema
from qplatform.events.spec import Catalog, EventSpec

SNAPSHOT_DIR = Path("schemas") / "events"
# Words that explain a field without changing what a consumer may receive.
PROSE = {"description", "examples", "title", "$id", "$schema"}


class IncompatibleChange(PlatformError):
    """A schema changed in a way that breaks consumers, without a new version."""


@dataclass
class GateReport:
    """What differs between the committed snapshot and the code's schemas."""

    breaking: list[str] = field(default_factory=list)
    unsnapshotted: list[str] = field(default_factory=list)


def snapshot_name(spec: EventSpec) -> str:
    """Return the file name of `spec`'s snapshot."""
    return f"{spec.type}.v{spec.version}.json"


def snapshot_schema(spec: EventSpec) -> dict[str, Any]:
    """Return the JSON Schema committed for `spec`'s data."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{spec.type} v{spec.version}",
        "x-topic": spec.topic.name,
        **data_schema(spec),
    }


def snapshot_documents(root: Path, catalog: Catalog) -> dict[Path, str]:
    """Return the text of every snapshot file by its path under `root`."""
    return {
        root / SNAPSHOT_DIR / snapshot_name(spec): json.dumps(
            snapshot_schema(spec), indent=2, sort_keys=True
        )
        + "\n"
        for spec in catalog.specs()
    }


def breaking_changes(old: dict[str, Any], new: dict[str, Any], path: str = "") -> list[str]:
    """Return every change from `old` to `new` that a consumer of `old` could trip on."""
    problems = [
        f"{path or 'data'}: {key} changed from {old.get(key)!r} to {new.get(key)!r}"
        for key in sorted((set(old) | set(new)) - PROSE - {"properties", "required", "items"})
        if old.get(key) != new.get(key)
    ]
    if "items" in old or "items" in new:
        problems += breaking_changes(old.get("items", {}), new.get("items", {}), f"{path}[]")
    return problems + _property_changes(old, new, path)


def _property_changes(old: dict[str, Any], new: dict[str, Any], path: str) -> list[str]:
    before, after = old.get("properties", {}), new.get("properties", {})
    was_required, is_required = set(old.get("required", [])), set(new.get("required", []))
    problems = []
    for name in sorted(set(before) | set(after)):
        where = f"{path}.{name}" if path else name
        if name not in after:
            problems.append(f"{where}: field removed (or renamed)")
        elif name not in before:
            if name in is_required:
                problems.append(f"{where}: required field added")
        else:
            if (name in was_required) != (name in is_required):
                now = "required" if name in is_required else "optional"
                problems.append(f"{where}: field became {now}")
            problems += breaking_changes(before[name], after[name], where)
    return problems


def check(root: Path, catalog: Catalog) -> GateReport:
    """Compare the committed snapshot under `root` with the code's schemas."""
    report = GateReport()
    directory = root / SNAPSHOT_DIR
    expected = {snapshot_name(spec): spec for spec in catalog.specs()}
    for name, spec in expected.items():
        path = directory / name
        if not path.exists():
            report.unsnapshotted.append(name)
            continue
        committed = json.loads(path.read_text())
        label = f"{spec.type} v{spec.version}"
        report.breaking += [
            f"{label}: {p}" for p in breaking_changes(committed, snapshot_schema(spec))
        ]
    for path in sorted(directory.glob("*.json")) if directory.exists() else []:
        if path.name not in expected:
            report.breaking.append(
                f"{path.stem}: no longer published (delete {path.name} once no consumer needs it)"
            )
    return report


def refresh(root: Path, catalog: Catalog) -> list[Path]:
    """Rewrite the snapshot for new versions and additive changes; refuse breaking ones."""
    report = check(root, catalog)
    if report.breaking:
        raise IncompatibleChange(
            "these changes break consumers; publish a new version instead (for a version "
            "never released, delete its file under schemas/events/ first):\n  "
            + "\n  ".join(report.breaking)
        )
    written = []
    for path, text in snapshot_documents(root, catalog).items():
        if not path.exists() or path.read_text() != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            written.append(path)
    return written
