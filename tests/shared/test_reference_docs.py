"""The committed catalog and OpenAPI specs are exactly what the code generates."""

import functools
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from qplatform.events import CATALOG, EventSpec
from qplatform.reference import generated

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def documents() -> dict[Path, str]:
    return generated(ROOT)


@pytest.mark.parametrize("path", sorted(documents()), ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_reference_docs_match_the_code(path: Path) -> None:
    expected = documents()[path]
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `make docs`"
    assert path.read_text() == expected, f"{path.relative_to(ROOT)} is stale: run `make docs`"


def test_the_catalog_names_every_topic_and_who_consumes_it() -> None:
    catalog = documents()[ROOT / "docs" / "events.md"]
    assert "## `q.membership.member-contact`" in catalog
    assert "restricted (only the services that consume it)" in catalog
    assert re.search(
        r"### `member-profile-recorded` v1\n\n.*\n\nProduced by membership; consumed by .*matching",
        catalog,
    )


ASYNCAPI = ROOT / "docs" / "asyncapi.yaml"
CLI = ROOT / "tools" / "asyncapi" / "node_modules" / ".bin" / "asyncapi"
INSTALL = "npm ci --prefix tools/asyncapi --no-audit --no-fund"


@functools.cache
def asyncapi() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(documents()[ASYNCAPI])
    return document


def test_the_asyncapi_document_has_a_channel_per_topic_with_its_key_and_cleanup() -> None:
    channels = asyncapi()["channels"]
    assert sorted(channels) == [t.name for t in CATALOG.topics()]
    contacts = channels["membership.member-contact"]
    assert contacts["address"] == "q.membership.member-contact"
    assert contacts["bindings"]["kafka"]["topicConfiguration"]["cleanup.policy"] == ["compact"]
    assert "Key: member id. Access: restricted" in contacts["description"]


@pytest.mark.parametrize("spec", CATALOG.specs(), ids=lambda s: f"{s.type}.v{s.version}")
def test_every_event_field_is_described_with_an_example(spec: EventSpec) -> None:
    message = asyncapi()["components"]["messages"][f"{spec.type}.v{spec.version}"]
    payload = message["payload"]["properties"]
    assert payload["type"]["const"] == spec.type
    assert payload["version"]["const"] == spec.version
    data = payload["data"]["properties"]
    assert sorted(data) == sorted(spec.schema().fields)
    assert all(f["description"] and "examples" in f for f in data.values()), data


def test_operations_say_who_produces_and_who_consumes_each_message() -> None:
    operations = asyncapi()["operations"]
    sent = operations["membership.send.membership.member-profile"]
    received = operations["matching.receive.membership.member-profile"]
    assert sent["action"] == "send"
    assert received["action"] == "receive"
    joined = {"$ref": "#/channels/membership.member-profile/messages/member-profile-recorded.v1"}
    assert joined in sent["messages"]
    assert joined in received["messages"]
    assert received["bindings"]["kafka"]["groupId"]["enum"] == ["q.matching"]


def test_the_asyncapi_cli_finds_the_committed_document_valid(tmp_path: Path) -> None:
    if not CLI.exists():
        pytest.skip(f"the AsyncAPI CLI is not installed: run `{INSTALL}`")
    env = {**os.environ, "CI": "true", "ASYNCAPI_METRICS_CONFIG_PATH": str(tmp_path / "a.json")}
    result = subprocess.run(
        [str(CLI), "validate", str(ASYNCAPI), "--fail-severity", "warn"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is valid" in result.stdout
