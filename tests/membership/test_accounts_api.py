"""Members set a password from their link, log in, refresh, and log out."""

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from qplatform.config import Settings
from qplatform.web.auth import read_access_token
from tests.membership.conftest import SQLITE_ONLY, an_application, outbox, password_link, staged
from tests.support.auth import STAFF

PASSWORD = "correct horse battery staple"


def approved_member(client: FlaskClient, app: Flask) -> tuple[str, str]:
    """Approve an applicant; return their member id and the secret of their password link."""
    receipt = client.post("/applications", json=an_application()).json
    decided = client.post(f"/applications/{receipt['id']}/approve", headers=STAFF).json
    return decided["member_id"], password_link(app)


def log_in(client: FlaskClient, password: str = PASSWORD) -> Any:
    return client.post(
        "/accounts/login", json={"email": "asha.patel@example.org", "password": password}
    )


@pytest.fixture
def member(client: FlaskClient, app: Flask) -> str:
    member_id, token = approved_member(client, app)
    response = client.post("/accounts/password", json={"token": token, "password": PASSWORD})
    assert response.status_code == 204
    return member_id


def test_approval_asks_for_a_one_time_link_on_the_restricted_topic_without_its_secret(
    client: FlaskClient, app: Flask
) -> None:
    member_id, token = approved_member(client, app)
    [link] = staged(app, "password-setup-requested")
    assert (link["member_id"], link["email"]) == (member_id, "asha.patel@example.org")
    assert link["expires_at"]
    assert token not in str(outbox(app))
    [topic] = [topic for kind, topic, _ in outbox(app) if kind == "password-setup-requested"]
    assert topic.endswith("membership.member-contact")
    first = client.post("/accounts/password", json={"token": token, "password": PASSWORD})
    again = client.post("/accounts/password", json={"token": token, "password": PASSWORD})
    assert (first.status_code, again.status_code) == (204, 401)


def test_a_member_logs_in_and_gets_a_token_every_service_accepts(
    client: FlaskClient, app: Flask, member: str
) -> None:
    response = log_in(client)
    assert response.status_code == 200
    settings: Settings = app.config["QP_SETTINGS"]
    caller = read_access_token(settings, response.json["access_token"])
    assert (caller.member_id, caller.roles) == (member, frozenset({"member"}))
    assert response.json["refresh_token"]
    assert response.json["expires_in"] == settings.access_token_seconds


def test_a_wrong_password_or_unknown_email_is_refused_alike(
    client: FlaskClient, member: str
) -> None:
    wrong = log_in(client, "not the password")
    unknown = client.post("/accounts/login", json={"email": "no@x.org", "password": PASSWORD})
    assert (wrong.status_code, unknown.status_code) == (401, 401)
    assert wrong.json["message"] == unknown.json["message"]
    assert "access_token" not in wrong.json


def test_repeated_failed_logins_are_slowed_down(client: FlaskClient, member: str) -> None:
    for _ in range(5):
        assert log_in(client, "guess").status_code == 401
    throttled = log_in(client)
    assert throttled.status_code == 429
    assert throttled.json["message"]


def test_a_refresh_token_works_once_and_is_replaced(client: FlaskClient, member: str) -> None:
    first = log_in(client).json["refresh_token"]
    renewed = client.post("/accounts/refresh", json={"refresh_token": first})
    assert renewed.status_code == 200
    assert renewed.json["refresh_token"] != first
    again = client.post("/accounts/refresh", json={"refresh_token": first})
    assert again.status_code == 401


def test_a_reused_refresh_token_ends_every_session(client: FlaskClient, member: str) -> None:
    stolen = log_in(client).json["refresh_token"]
    current = client.post("/accounts/refresh", json={"refresh_token": stolen}).json
    client.post("/accounts/refresh", json={"refresh_token": stolen})
    after = client.post("/accounts/refresh", json={"refresh_token": current["refresh_token"]})
    assert after.status_code == 401


def test_logging_out_revokes_the_refresh_token(client: FlaskClient, member: str) -> None:
    refresh = log_in(client).json["refresh_token"]
    assert client.post("/accounts/logout", json={"refresh_token": refresh}).status_code == 204
    assert client.post("/accounts/refresh", json={"refresh_token": refresh}).status_code == 401


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/accounts/password", {"token": "t", "password": "short"}, "password"),
        ("/accounts/password", {"password": PASSWORD}, "token"),
        ("/accounts/password", {"token": "forged", "password": PASSWORD}, "token"),
        ("/accounts/login", {"email": "not-an-email", "password": "x"}, "email"),
        ("/accounts/login", {"email": "a@x.org"}, "password"),
        ("/accounts/refresh", {}, "refresh_token"),
        ("/accounts/refresh", {"refresh_token": "forged"}, "refresh_token"),
        ("/accounts/logout", {"refresh_token": ""}, "refresh_token"),
    ],
)
def test_bad_account_requests_are_refused_naming_the_field(
    client: FlaskClient, path: str, body: dict[str, Any], field: str
) -> None:
    response = client.post(path, json=body)
    assert response.status_code in (401, 422)
    assert field in response.json["errors"]["json"]


def test_a_logged_out_sessions_access_token_is_refused_at_once_and_announced(
    client: FlaskClient, app: Flask, member: str
) -> None:
    first, second = log_in(client).json, log_in(client).json
    client.post("/accounts/logout", json={"refresh_token": first["refresh_token"]})
    profile = f"/members/{member}/profile"
    refused = client.get(profile, headers={"Authorization": f"Bearer {first['access_token']}"})
    kept = client.get(profile, headers={"Authorization": f"Bearer {second['access_token']}"})
    assert (refused.status_code, kept.status_code) == (401, 200)
    assert refused.json["message"] == "the access token was revoked"
    [ended] = staged(app, "session-ended")
    settings: Settings = app.config["QP_SETTINGS"]
    ended_session = read_access_token(settings, first["access_token"]).session_id
    assert (ended["member_id"], ended["session_id"]) == (member, ended_session)


def test_a_refreshed_token_carries_on_the_session_that_logging_out_ends(
    client: FlaskClient, app: Flask, member: str
) -> None:
    tokens = log_in(client).json
    renewed = client.post("/accounts/refresh", json={"refresh_token": tokens["refresh_token"]}).json
    settings: Settings = app.config["QP_SETTINGS"]
    sessions = {
        read_access_token(settings, t["access_token"]).session_id for t in (tokens, renewed)
    }
    assert len(sessions) == 1 and None not in sessions
    client.post("/accounts/logout", json={"refresh_token": renewed["refresh_token"]})
    profile = f"/members/{member}/profile"
    for token in (tokens, renewed):
        answer = client.get(profile, headers={"Authorization": f"Bearer {token['access_token']}"})
        assert answer.status_code == 401
