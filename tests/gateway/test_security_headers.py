"""Every answer of the gateway tells browsers what they may do with it, errors included."""

import http.server
import threading
from collections.abc import Callable, Iterator

import pytest
import requests

from tests.gateway.test_gateway import preflight

EVERYWHERE = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# (what is asked, the status it gets)
ANSWERS = [
    ("GET /membership/healthz", 200),
    ("GET /events/openapi.json", 200),
    ("GET /membership/docs", 200),
    ("GET /docs", 200),
    ("GET /nowhere", 404),
    ("POST /membership/applications", 422),
]


def ask(gateway: str, request: str) -> requests.Response:
    method, path = request.split()
    body: dict[str, str] | None = {} if method == "POST" else None
    return requests.request(method, f"{gateway}{path}", json=body, timeout=10)


def policy(answer: requests.Response) -> dict[str, str]:
    """Return the answer's Content-Security-Policy as directive -> its sources."""
    directives = (d.strip() for d in answer.headers["Content-Security-Policy"].split(";"))
    return {d.split()[0]: " ".join(d.split()[1:]) for d in directives if d}


@pytest.mark.parametrize(("request_line", "status"), ANSWERS)
def test_every_answer_carries_the_security_headers(
    gateway: str, request_line: str, status: int
) -> None:
    answer = ask(gateway, request_line)
    assert answer.status_code == status
    for header, value in EVERYWHERE.items():
        assert answer.headers.get(header) == value, header
    assert policy(answer)["frame-ancestors"] == "'none'"
    assert "camera=()" in answer.headers["Permissions-Policy"]


def test_refusals_by_the_gateway_itself_carry_them_too(
    gateway: str, start_gateway: Callable[..., str]
) -> None:
    refused = preflight(gateway, "https://elsewhere.example")
    limited = start_gateway(rate="1r/s", burst=1)
    answers = [requests.get(f"{limited}/events/healthz", timeout=5) for _ in range(4)]
    too_many = next(answer for answer in answers if answer.status_code == 429)
    for answer in (refused, too_many):
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert policy(answer)["frame-ancestors"] == "'none'"


@pytest.mark.parametrize("path", ["/membership/members", "/events/events", "/nowhere"])
def test_api_answers_allow_no_script_or_source_from_elsewhere(gateway: str, path: str) -> None:
    directives = policy(requests.get(f"{gateway}{path}", timeout=5))
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "script-src" not in directives


@pytest.mark.parametrize("path", ["/docs", "/membership/docs", "/notifications/docs"])
def test_docs_pages_may_run_only_scripts_of_this_origin(gateway: str, path: str) -> None:
    directives = policy(requests.get(f"{gateway}{path}", timeout=5))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'none'"
    assert directives["connect-src"] == "'self'"


def test_transport_security_is_asked_only_over_https(gateway: str) -> None:
    plain = requests.get(f"{gateway}/healthz", timeout=5)
    assert "Strict-Transport-Security" not in plain.headers
    proxied = requests.get(f"{gateway}/healthz", headers={"X-Forwarded-Proto": "https"}, timeout=5)
    assert proxied.headers["Strict-Transport-Security"].startswith("max-age=31536000")


class Website(http.server.BaseHTTPRequestHandler):
    """A stand-in for the website: answers every path with a line naming it."""

    def do_GET(self) -> None:
        body = f"website page {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def website() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Website)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_gateway_with_a_website_serves_it_at_every_path_no_service_claims(
    start_gateway: Callable[..., str], website: str
) -> None:
    gateway = start_gateway(website=website)
    home = requests.get(f"{gateway}/", timeout=5)
    assert (home.status_code, home.text) == (200, "website page /")
    assert requests.get(f"{gateway}/about", timeout=5).text == "website page /about"
    assert requests.get(f"{gateway}/membership/readyz", timeout=5).json()["status"] == "ready"
    assert home.headers["X-Content-Type-Options"] == "nosniff"
    assert requests.get(f"{gateway}/metrics", timeout=5).status_code == 404
