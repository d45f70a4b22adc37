"""Numbers, dates and months beyond what the platform can hold get a 422 naming the field."""

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from tests.support.auth import STAFF, bearer

MEMBER = bearer("member-1")


@pytest.mark.parametrize(
    ("service", "method", "path", "body", "headers", "field"),
    [
        ("notifications", "post", "/digests", {"month": "9999-12"}, STAFF, "month"),
        ("notifications", "post", "/digests", {"month": "0001-01"}, STAFF, "month"),
        ("matching", "post", "/rounds", {"held_on": "9999-12-31"}, STAFF, "held_on"),
        ("matching", "post", "/rounds", {"held_on": "0001-01-01"}, STAFF, "held_on"),
        (
            "matching",
            "patch",
            "/participation/member-1",
            {"paused_until": "9999-12-31"},
            MEMBER,
            "paused_until",
        ),
        (
            "membership",
            "post",
            "/waves",
            {
                "name": "Far wave",
                "partner": "Q",
                "regions": ["scotland"],
                "target": 10,
                "opens_on": "9999-12-30",
                "closes_on": "9999-12-31",
            },
            STAFF,
            "opens_on",
        ),
    ],
)
def test_a_moment_beyond_the_century_is_refused_naming_the_field(
    service: str,
    method: str,
    path: str,
    body: dict[str, Any],
    headers: dict[str, str],
    field: str,
    service_app: Callable[[str], Flask],
) -> None:
    client = service_app(service).test_client()
    answer = getattr(client, method)(path, json=body, headers=headers)
    assert answer.status_code == 422, answer.get_json()
    assert field in answer.get_json()["errors"]["json"]
