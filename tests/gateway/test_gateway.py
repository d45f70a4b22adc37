"""Frontends reach every service through one nginx origin, with its limits and JSON errors."""

import socket
from collections.abc import Callable

import pytest
import requests

from qplatform.services import SERVICES
from tests.e2e.platform import free_port
from tests.gateway.conftest import ALLOWED_ORIGIN


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_answers_under_its_own_path(gateway: str, service: str) -> None:
    answer = requests.get(f"{gateway}/{service}/readyz", timeout=5)
    assert answer.status_code == 200, answer.text
    spec = requests.get(f"{gateway}/{service}/openapi.json", timeout=5).json()
    assert spec["openapi"].startswith("3.")


def test_the_docs_page_links_every_service_spec_and_reference(gateway: str) -> None:
    page = requests.get(f"{gateway}/docs", timeout=5)
    assert page.headers["Content-Type"].startswith("text/html")
    for service in SERVICES:
        assert f'href="/{service}/openapi.json"' in page.text
        assert f'href="/{service}/docs"' in page.text
        viewer = requests.get(f"{gateway}/docs/{service}", timeout=5)
        assert viewer.url == f"{gateway}/{service}/docs"


def test_a_request_id_is_minted_passed_on_and_returned(gateway: str) -> None:
    answer = requests.get(f"{gateway}/membership/healthz", timeout=5)
    request_id = answer.headers["X-Request-ID"]
    assert len(request_id) == 32
    assert answer.headers["X-Correlation-ID"] == request_id, "the service adopted the id"


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ({"X-Request-ID": "frontend-42"}, "frontend-42"),
        ({"X-Correlation-ID": "flow-7"}, "flow-7"),
        ({"X-Request-ID": "frontend-42", "X-Correlation-ID": "flow-7"}, "frontend-42"),
    ],
)
def test_a_callers_own_request_id_is_kept(gateway: str, given: dict[str, str], kept: str) -> None:
    answer = requests.get(f"{gateway}/events/healthz", headers=given, timeout=5)
    assert answer.headers["X-Request-ID"] == kept
    assert answer.headers["X-Correlation-ID"] == kept


@pytest.mark.parametrize("given", ["x" * 65, "has space", "semi;colon"])
def test_an_unsafe_request_id_is_replaced(gateway: str, given: str) -> None:
    answer = requests.get(f"{gateway}/events/healthz", headers={"X-Request-ID": given}, timeout=5)
    assert answer.headers["X-Request-ID"] != given
    assert answer.headers["X-Correlation-ID"] == answer.headers["X-Request-ID"]


def test_a_preflight_from_an_allowed_origin_is_granted(gateway: str) -> None:
    answer = preflight(gateway, ALLOWED_ORIGIN)
    assert answer.status_code == 204
    assert answer.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert "Authorization" in answer.headers["Access-Control-Allow-Headers"]
    assert "POST" in answer.headers["Access-Control-Allow-Methods"]


def test_a_preflight_from_another_origin_is_refused_in_json(gateway: str) -> None:
    answer = preflight(gateway, "https://elsewhere.example")
    assert answer.status_code == 403
    assert "Access-Control-Allow-Origin" not in answer.headers
    assert answer.json()["message"] == "Origin not allowed."


def test_an_allowed_origin_may_read_answers(gateway: str) -> None:
    answer = requests.get(
        f"{gateway}/matching/healthz", headers={"Origin": ALLOWED_ORIGIN}, timeout=5
    )
    assert answer.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert "X-Request-ID" in answer.headers["Access-Control-Expose-Headers"]


def test_a_body_over_the_limit_gets_413_in_json(gateway: str) -> None:
    answer = requests.post(
        f"{gateway}/membership/applications", data=b"x" * (1024 * 1024 + 1), timeout=5
    )
    assert answer.status_code == 413
    assert answer.json()["code"] == 413


def test_a_client_over_the_rate_limit_gets_429_in_json(
    start_gateway: Callable[..., str],
) -> None:
    gateway = start_gateway(rate="1r/s", burst=2)
    statuses = [requests.get(f"{gateway}/events/healthz", timeout=5) for _ in range(6)]
    refused = [answer for answer in statuses if answer.status_code == 429]
    assert refused, [answer.status_code for answer in statuses]
    assert refused[0].json()["status"] == "Too Many Requests"
    assert refused[0].headers["Retry-After"] == "1"


def test_a_service_that_is_down_gets_502_in_json(start_gateway: Callable[..., str]) -> None:
    gateway = start_gateway({"membership": free_port()})
    answer = requests.get(f"{gateway}/membership/members/m-1", timeout=5)
    assert answer.status_code == 502
    assert answer.json()["message"] == "The service is not answering; retry shortly."
    assert answer.headers["X-Request-ID"]


def test_a_service_that_does_not_answer_in_time_gets_504_in_json(
    start_gateway: Callable[..., str],
) -> None:
    with socket.socket() as silent:
        # The kernel accepts the connection; nothing ever answers on it.
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        gateway = start_gateway({"events": silent.getsockname()[1]}, read_timeout="1s")
        answer = requests.get(f"{gateway}/events/events", timeout=10)
    assert answer.status_code == 504
    assert answer.json()["message"] == "The service did not answer in time."


@pytest.mark.parametrize("path", ["/", "/nowhere/", "/membership/metrics"])
def test_paths_outside_the_services_get_404_in_json(gateway: str, path: str) -> None:
    answer = requests.get(f"{gateway}{path}", timeout=5)
    assert answer.status_code == 404
    assert answer.json()["code"] == 404


def preflight(gateway: str, origin: str) -> requests.Response:
    return requests.options(
        f"{gateway}/membership/applications",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
        timeout=5,
    )
