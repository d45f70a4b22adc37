"""Staff appoint connectors and partner reviewers; the roles reach tokens and the directory."""

from flask import Flask
from flask.testing import FlaskClient

from qplatform.web.auth import read_access_token
from tests.membership.conftest import an_application, password_link, staged
from tests.membership.responses import total
from tests.support.auth import STAFF

PASSWORD = "correct horse battery staple"


def a_member_with_a_password(client: FlaskClient, app: Flask) -> str:
    receipt = client.post("/applications", json=an_application()).json
    member: str = client.post(f"/applications/{receipt['id']}/approve", headers=STAFF).json[
        "member_id"
    ]
    client.post("/accounts/password", json={"token": password_link(app), "password": PASSWORD})
    return member


def login_roles(client: FlaskClient, app: Flask) -> tuple[frozenset[str], str | None]:
    body = {"email": "asha.patel@example.org", "password": PASSWORD}
    token = client.post("/accounts/login", json=body).json["access_token"]
    caller = read_access_token(app.config["QP_SETTINGS"], token)
    return caller.roles, caller.region


def test_staff_appoint_and_remove_a_connector(client: FlaskClient, app: Flask) -> None:
    member = a_member_with_a_password(client, app)
    granted = client.put(f"/members/{member}/roles/connector", json={}, headers=STAFF)
    assert granted.json["roles"] == ["connector", "member"]
    assert login_roles(client, app) == (frozenset({"member", "connector"}), None)
    assert total(client.get("/directory?role=connector")) == 1
    client.delete(f"/members/{member}/roles/connector", headers=STAFF)
    assert total(client.get("/directory?role=connector")) == 0
    events = staged(app, "member-role-changed")
    assert [(e["role"], e["granted"]) for e in events] == [
        ("connector", True),
        ("connector", False),
    ]


def test_a_partner_reviewer_gets_their_region_in_the_token(client: FlaskClient, app: Flask) -> None:
    member = a_member_with_a_password(client, app)
    path = f"/members/{member}/roles/partner-reviewer"
    missing = client.put(path, json={}, headers=STAFF)
    assert (missing.status_code, list(missing.json["errors"]["json"])) == (422, ["region"])
    client.put(path, json={"region": "scotland"}, headers=STAFF)
    assert login_roles(client, app) == (frozenset({"member", "partner-reviewer"}), "scotland")
    [event] = staged(app, "member-role-changed")
    assert (event["role"], event["region"]) == ("partner-reviewer", "scotland")


def test_unknown_roles_and_members_are_refused(client: FlaskClient, app: Flask) -> None:
    member = a_member_with_a_password(client, app)
    assert client.put(f"/members/{member}/roles/king", json={}, headers=STAFF).status_code == 404
    assert client.put("/members/nobody/roles/connector", json={}, headers=STAFF).status_code == 404
    assert client.delete(f"/members/{member}/roles/connector", headers=STAFF).status_code == 409
