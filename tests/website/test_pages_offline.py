"""What the website answers before any API is reached: forms, cookies and error pages."""

import pytest
from flask.testing import FlaskClient

from website import create_app
from website.config import WebsiteSettings

NOBODY = "http://127.0.0.1:9"  # the discard port: no gateway answers there


@pytest.fixture
def client() -> FlaskClient:
    return create_app(WebsiteSettings(gateway_url=NOBODY, api_timeout_seconds=1)).test_client()


def test_the_session_cookie_is_http_only_and_same_site(client: FlaskClient) -> None:
    cookie = client.get("/login").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize(
    "path", ["/login", "/logout", "/forgotten-password", "/join/apply", "/me/leave"]
)
def test_a_form_sent_without_its_csrf_token_is_refused(client: FlaskClient, path: str) -> None:
    response = client.post(path, data={"email": "asha@example.org"})
    assert response.status_code == 400
    assert "The form had expired" in response.text


@pytest.mark.parametrize(
    ("path", "status", "says"),
    [
        ("/no/such/page", 404, "Page not found"),
        ("/join", 503, "Sorry, the service is unavailable"),
    ],
)
def test_errors_get_a_friendly_page_with_the_request_id_and_no_trace(
    client: FlaskClient, path: str, status: int, says: str
) -> None:
    response = client.get(path, headers={"X-Request-ID": "req-123"})
    assert response.status_code == status
    assert says in response.text
    assert "req-123" in response.text
    assert "Traceback" not in response.text and "requests.exceptions" not in response.text


def test_member_pages_send_a_visitor_to_log_in_and_back(client: FlaskClient) -> None:
    response = client.get("/me/notifications")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/me/notifications"
