"""A member who forgot their password, or whose link expired, asks for a new one-time link."""

import pytest
from flask import Flask
from flask.testing import FlaskClient

from qplatform.password_links import password_link_secret
from tests.membership.conftest import an_application, staged
from tests.support.auth import STAFF

EMAIL = "asha.patel@example.org"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def member(client: FlaskClient) -> str:
    receipt = client.post("/applications", json=an_application()).json
    decided = client.post(f"/applications/{receipt['id']}/approve", headers=STAFF).json
    return str(decided["member_id"])


def ask(client: FlaskClient, email: str = EMAIL) -> int:
    return client.post("/accounts/password-reset", json={"email": email}).status_code


def test_a_member_who_asks_gets_a_new_link_that_sets_the_password_once(
    client: FlaskClient, app: Flask, member: str
) -> None:
    assert ask(client, EMAIL.upper()) == 202
    welcome, reset = staged(app, "password-setup-requested")
    assert (reset["member_id"], reset["email"]) == (member, EMAIL)
    key = app.config["QP_SETTINGS"].password_link_secret
    token = password_link_secret(key, reset["setup_id"])
    assert token != password_link_secret(key, welcome["setup_id"])
    body = {"token": token, "password": PASSWORD}
    first = client.post("/accounts/password", json=body)
    again = client.post("/accounts/password", json=body)
    assert (first.status_code, again.status_code) == (204, 401)
    login = client.post("/accounts/login", json={"email": EMAIL, "password": PASSWORD})
    assert login.status_code == 200


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    client: FlaskClient, app: Flask, member: str
) -> None:
    assert ask(client, "nobody@example.org") == ask(client) == 202
    assert len(staged(app, "password-setup-requested")) == 2


def test_asking_again_and_again_mails_only_a_few_links_an_hour(
    client: FlaskClient, app: Flask, member: str
) -> None:
    answers = {ask(client) for _ in range(6)}
    assert answers == {202}
    # The link mailed on approval counts too: three links an hour at most.
    assert len(staged(app, "password-setup-requested")) == 3


@pytest.mark.parametrize("body", [{}, {"email": "not an address"}, {"email": "a@b.c" * 60}])
def test_a_request_without_a_valid_address_is_refused_naming_the_field(
    client: FlaskClient, body: dict[str, str]
) -> None:
    response = client.post("/accounts/password-reset", json=body)
    assert response.status_code == 422
    assert "email" in response.json["errors"]["json"]
