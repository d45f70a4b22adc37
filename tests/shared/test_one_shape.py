"""Every service has the same shape: knowing where a thing lives in one is knowing all.

The unit of work owns the repositories (the service layer never touches the session),
time is read from the one clock, scheduled loops are entrypoints, every operation
declares who may call it, and every list route pages the one way.
"""

import ast
import json
import re
from pathlib import Path
from typing import Any

import pytest

from qplatform.services import SERVICES

ROOT = Path(__file__).resolve().parents[2]
NAMES = list(SERVICES)


def package(service: str) -> Path:
    return ROOT / "services" / service / service


def sources(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


@pytest.mark.parametrize("service", NAMES)
def test_each_service_keeps_the_same_modules_in_the_same_places(service: str) -> None:
    root = package(service)
    for place in (
        "bootstrap.py",
        "adapters/storage.py",
        "adapters/repositories/__init__.py",
        "service_layer/unit_of_work.py",
        "entrypoints/schedule.py",
        "entrypoints/worker.py",
        "entrypoints/web.py",
    ):
        assert (root / place).is_file(), f"{service} has no {place}"
    assert not (root / "service_layer" / "schedule.py").exists()


@pytest.mark.parametrize("service", NAMES)
def test_the_service_layer_never_touches_the_session(service: str) -> None:
    touching = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sources(package(service) / "service_layer")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute) and node.attr == "session"
    ]
    assert touching == []


@pytest.mark.parametrize("service", NAMES)
def test_time_is_read_from_the_clock(service: str) -> None:
    reading = re.compile(r"datetime\.now\(|date\.today\(|datetime\.utcnow\(|time\.time\(")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for layer in ("domain", "service_layer", "entrypoints")
        for path in sources(package(service) / layer)
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if reading.search(line)
    ]
    assert found == []


@pytest.mark.parametrize("service", NAMES)
def test_no_page_size_is_written_in_a_service(service: str) -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sources(package(service))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if "blp.paginate(" in line or "max_page_size=" in line
    ]
    assert found == []


def operations(service: str) -> list[tuple[str, dict[str, Any]]]:
    """Return each operation of the service's committed OpenAPI, named `METHOD /path`."""
    spec = json.loads((ROOT / "docs" / "openapi" / f"{service}.json").read_text())
    return [
        (f"{method.upper()} {path}", operation)
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]


@pytest.mark.parametrize("service", NAMES)
def test_every_operation_says_who_may_call_it(service: str) -> None:
    undeclared = [name for name, op in operations(service) if "x-required-roles" not in op]
    assert undeclared == []


@pytest.mark.parametrize("service", NAMES)
def test_every_list_pages_the_one_way(service: str) -> None:
    other_ways = [
        name
        for name, operation in operations(service)
        if name.startswith("GET ")
        for response in operation.get("responses", {}).values()
        if {"Link", "link"} & set(response.get("headers", {}))
        or "next_cursor" in json.dumps(response)
    ]
    assert other_ways == []
