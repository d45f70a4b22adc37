"""The committed catalog and OpenAPI specs are exactly what the code generates."""

from pathlib import Path

import pytest

from qplatform.reference import generated

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", sorted(generated(ROOT)), ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_reference_docs_match_the_code(path: Path) -> None:
    expected = generated(ROOT)[path]
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `make docs`"
    assert path.read_text() == expected, f"{path.relative_to(ROOT)} is stale: run `make docs`"


def test_the_catalog_names_every_topic_and_who_consumes_it() -> None:
    catalog = generated(ROOT)[ROOT / "docs" / "events.md"]
    assert "## `q.membership.member-contact`" in catalog
    assert "restricted (notifications only)" in catalog
    assert "consumed by matching, notifications" in catalog
