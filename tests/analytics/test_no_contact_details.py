"""No public topic carries an email address or other contact detail."""

import re
from collections.abc import Iterator
from typing import Any

import pytest

from analysis.month import envelope_dict
from qplatform.events import CATALOG, Envelope
from qplatform.events.json_schema import example_data

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?<![\w-])(?:\+44\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\w-])")
Month = list[tuple[str, Envelope]]
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")
CONTACT_FIELD = re.compile(r"e-?mail|phone|mobile|telephone|address|postcode|contact", re.I)


def strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Yield (path, text) for every string inside `value`, keys included."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield f"{path}.{key}#name", str(key)
            yield from strings(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from strings(inner, f"{path}[{index}]")
    elif isinstance(value, str):
        yield path, value


def contact_details(event: dict[str, Any]) -> list[str]:
    """Return where `event` holds something that looks like a contact detail."""
    found = []
    for path, text in strings(event):
        if path.endswith("#name"):
            if CONTACT_FIELD.search(text):
                found.append(f"field {path[:-5]}")
        elif EMAIL.search(text) or PHONE.search(text) or POSTCODE.search(text):
            found.append(f"value at {path}: {text!r}")
    return found


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ({"data": {"email": "x"}}, ["field .data.email"]),
        ({"data": {"note": "write to asha.patel@example.org"}}, ["value at .data.note"]),
        ({"data": {"note": "call 0161 496 0000"}}, ["value at .data.note"]),
        ({"data": {"note": "+44 20 7946 0958"}}, ["value at .data.note"]),
        ({"data": {"venue": "Leeds LS1 4AP"}}, ["value at .data.venue"]),
        ({"data": {"list": ["a@b.org"]}}, ["value at .data.list[0]"]),
        ({"data": {"home_address": "1 High St"}}, ["field .data.home_address"]),
    ],
)
def test_the_scan_finds_contact_details(event: dict[str, Any], expected: list[str]) -> None:
    assert [f[: len(e)] for f, e in zip(contact_details(event), expected, strict=False)] == expected


def test_the_scan_lets_ids_times_and_names_through() -> None:
    event = {
        "id": "0b9f3c52-1d7e-4a8b-9c3d-201612345678",
        "time": "2026-11-03T14:00:05.123456+00:00",
        "data": {"display_name": "Asha Patel", "capacity": 100, "region": "north-west-coast"},
    }
    assert contact_details(event) == []


def test_the_generated_month_is_a_busy_one(month: Month) -> None:
    types = {envelope.type for _, envelope in month}
    assert len(month) > 2000
    assert {"member-joined", "member-contact-recorded"} <= types


def test_no_public_topic_carries_contact_details_over_a_generated_month(month: Month) -> None:
    public = [(t, e) for t, e in month if not CATALOG.spec(e.type, e.version).topic.restricted]
    leaks = [(t, e.type, found) for t, e in public if (found := contact_details(envelope_dict(e)))]
    assert leaks == []


def test_the_scan_does_find_the_emails_on_the_restricted_topic(month: Month) -> None:
    contacts = {"membership.member-contact", "membership.applicant-contact"}
    restricted = [e for t, e in month if CATALOG.spec(e.type, e.version).topic.name in contacts]
    assert restricted
    assert all(contact_details(envelope_dict(e)) for e in restricted)


@pytest.mark.parametrize(
    "spec",
    [s for s in CATALOG.specs() if not s.topic.restricted],
    ids=lambda s: f"{s.type}.v{s.version}",
)
def test_no_public_event_type_declares_a_contact_field(spec: Any) -> None:
    assert contact_details({"data": example_data(spec)}) == []
