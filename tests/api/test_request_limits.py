"""No input makes a service fail: deep JSON, endless pages and wrong methods get a 4xx."""

from collections.abc import Callable

import pytest
from flask import Flask

from qplatform.services import SERVICES
from qplatform.web.input_limits import MAX_PAGE, json_depth
from tests.support.auth import STAFF, bearer

# One list route of each service that pages its results, and who may read it.
PAGED = [
    ("events", "/events", {}),
    ("events", "/posts", {}),
    ("events", "/moderation/events", STAFF),
    ("matching", "/rounds", STAFF),
    ("matching", "/participants", STAFF),
    ("notifications", "/suppressions", STAFF),
]


@pytest.mark.parametrize("service", SERVICES)
def test_json_nested_a_thousand_deep_is_refused_without_a_server_error(
    service: str, service_app: Callable[[str], Flask]
) -> None:
    client = service_app(service).test_client()
    deep = "[" * 1000 + "]" * 1000
    answer = client.post(
        "/anything", data=deep, content_type="application/json", headers=bearer("ann")
    )
    assert answer.status_code == 400
    assert "nests deeper than" in answer.get_json()["message"]


@pytest.mark.parametrize(
    ("body", "depth"),
    [
        (b'{"a": [1, {"b": "]]]"}]}', 3),
        (b'"[[[[\\"[[["', 0),
        (b"[[], [[]], {}]", 3),
        (b'{"text": "a \\\\"}', 1),
    ],
)
def test_json_depth_counts_brackets_outside_strings_only(body: bytes, depth: int) -> None:
    assert json_depth(body) == depth


@pytest.mark.parametrize(("service", "path", "headers"), PAGED)
@pytest.mark.parametrize("page", [MAX_PAGE + 1, 10**30])
def test_a_page_beyond_any_list_is_refused_naming_the_page(
    service: str,
    path: str,
    headers: dict[str, str],
    page: int,
    service_app: Callable[[str], Flask],
) -> None:
    client = service_app(service).test_client()
    answer = client.get(path, query_string={"page": page}, headers=headers)
    assert answer.status_code == 422, answer.get_json()
    assert "page" in answer.get_json()["errors"]["query"]


@pytest.mark.parametrize(("service", "path", "headers"), PAGED)
def test_the_last_page_allowed_is_answered_empty(
    service: str, path: str, headers: dict[str, str], service_app: Callable[[str], Flask]
) -> None:
    client = service_app(service).test_client()
    answer = client.get(path, query_string={"page": MAX_PAGE}, headers=headers)
    assert (answer.status_code, answer.get_json()) == (200, [])


@pytest.mark.parametrize(
    ("service", "method", "path", "allowed"),
    [
        ("events", "put", "/events", "GET, HEAD, OPTIONS, POST"),
        ("membership", "delete", "/accounts/login", "OPTIONS, POST"),
        ("matching", "patch", "/rounds", "GET, HEAD, OPTIONS, POST"),
    ],
)
def test_a_method_the_path_does_not_take_is_answered_with_allow_and_a_json_error(
    service: str, method: str, path: str, allowed: str, service_app: Callable[[str], Flask]
) -> None:
    client = service_app(service).test_client()
    answer = getattr(client, method)(path, headers=STAFF)
    assert (answer.status_code, answer.headers["Allow"]) == (405, allowed)
    assert answer.get_json()["code"] == 405
