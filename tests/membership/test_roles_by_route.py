"""Every endpoint, walked by every kind of caller, answers with the expected status."""

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from qplatform.web.auth import CONNECTOR, PARTNER_REVIEWER
from tests.membership.conftest import a_wave, an_application
from tests.support.auth import STAFF, bearer

CALLERS = ("anonymous", "member", "other member", "connector", "partner elsewhere", "staff")
ANYONE = (200,) * 6
STAFF_ONLY = (401, 403, 403, 403, 403, 200)
DECIDERS = (401, 403, 403, 403, 403, 200)
OWNER_OR_STAFF = (401, 200, 403, 403, 403, 200)


@pytest.fixture
def database_backend() -> str:
    """Walk the routes on SQLite only: who may call what does not depend on the database."""
    return "sqlite"


@pytest.fixture
def world(client: FlaskClient) -> dict[str, Any]:
    """Make a member and an open application, and the headers each caller sends."""
    receipt = client.post("/applications", json=an_application(email="m@x.org")).json
    member = client.post(f"/applications/{receipt['id']}/approve", headers=STAFF).json["member_id"]
    pending = client.post("/applications", json=an_application(email="p@x.org")).json
    headers = {
        "anonymous": {},
        "member": bearer(member),
        "other member": bearer("other-member"),
        "connector": bearer("a-connector", CONNECTOR),
        "partner elsewhere": bearer("a-partner", PARTNER_REVIEWER, region="wales"),
        "staff": STAFF,
    }
    wave = client.get("/waves").json[0]["id"]
    return {"member": member, "pending": pending, "wave": wave, "headers": headers}


ROUTES: list[tuple[str, str, Any, tuple[int, ...]]] = [
    ("GET", "/regions", None, ANYONE),
    (
        "POST",
        "/regions",
        {"slug": "isle-of-man", "name": "Isle of Man"},
        (401, 403, 403, 403, 403, 201),
    ),
    ("PATCH", "/regions/wales", {"name": "Cymru"}, STAFF_ONLY),
    ("GET", "/waves", None, ANYONE),
    ("POST", "/waves", a_wave("wales"), (401, 403, 403, 403, 403, 201)),
    ("GET", "/waves/{wave}", None, ANYONE),
    ("PATCH", "/waves/{wave}", {"target": 60}, STAFF_ONLY),
    ("POST", "/waves/{wave}/close", None, STAFF_ONLY),
    # The partner reviewer decides for Wales, where this wave does not recruit.
    ("GET", "/waves/{wave}/progress", None, STAFF_ONLY),
    ("GET", "/applications", None, (401, 403, 403, 403, 200, 200)),
    ("GET", "/applications/{pending}", None, DECIDERS),
    ("POST", "/applications/{pending}/reject", {"reason": "not yet"}, DECIDERS),
    ("POST", "/applications/{pending}/approve", None, DECIDERS),
    ("POST", "/applications/{pending}/withdraw", {"code": "{code}"}, ANYONE),
    ("GET", "/members/figures", None, STAFF_ONLY),
    ("GET", "/members/{member}", None, ANYONE),
    ("GET", "/members/{member}/profile", None, OWNER_OR_STAFF),
    ("PATCH", "/members/{member}/profile", {"bio": "Hello."}, OWNER_OR_STAFF),
    ("PUT", "/members/{member}/roles/connector", {}, STAFF_ONLY),
    ("DELETE", "/members/{member}/roles/staff", None, (401, 403, 403, 403, 403, 409)),
    ("GET", "/members/{member}/export", None, OWNER_OR_STAFF),
    # The member erases themselves second, so staff, last, find nobody left.
    ("DELETE", "/members/{member}/membership", None, (401, 204, 403, 403, 403, 404)),
    ("GET", "/directory", None, ANYONE),
    ("GET", "/directory/facets", None, ANYONE),
    ("GET", "/expertise", None, ANYONE),
    (
        "POST",
        "/expertise",
        {"slug": "economics", "name": "Economics"},
        (401, 403, 403, 403, 403, 201),
    ),
    (
        "POST",
        "/accounts/login",
        {"email": "m@x.org", "password": "wrong"},
        (401, 401, 401, 401, 401, 429),
    ),
    ("POST", "/accounts/refresh", {"refresh_token": "forged"}, (401,) * 6),
    ("POST", "/accounts/logout", {"refresh_token": "forged"}, (204,) * 6),
    ("POST", "/accounts/password", {"token": "forged", "password": "x" * 12}, (401,) * 6),
]


@pytest.mark.parametrize(("method", "path", "body", "expected"), ROUTES, ids=lambda v: str(v)[:40])
def test_each_caller_gets_the_expected_status(
    client: FlaskClient,
    world: dict[str, Any],
    method: str,
    path: str,
    body: Any,
    expected: tuple[int, ...],
) -> None:
    pending = world["pending"]
    url = path.format(member=world["member"], pending=pending["id"], wave=world["wave"])
    if body == {"code": "{code}"}:
        body = {"code": pending["withdrawal_code"]}
    got = []
    for caller in CALLERS:
        response = client.open(url, method=method, json=body, headers=world["headers"][caller])
        got.append(response.status_code)
        if response.status_code >= 400:
            assert response.json["message"], (caller, response.json)
    if expected == ANYONE and path.endswith("/withdraw"):
        expected = (200, 409, 409, 409, 409, 409)
    assert dict(zip(CALLERS, got, strict=True)) == dict(zip(CALLERS, expected, strict=True))


# Who each operation declares it admits, as the OpenAPI document publishes it.
DECLARED_ROLES: dict[tuple[str, str], list[str]] = {
    ("GET", "/regions"): ["anyone"],
    ("POST", "/regions"): ["staff"],
    ("PATCH", "/regions/{slug}"): ["staff"],
    ("GET", "/waves"): ["anyone"],
    ("POST", "/waves"): ["staff"],
    ("GET", "/waves/{wave_id}"): ["anyone"],
    ("PATCH", "/waves/{wave_id}"): ["staff"],
    ("POST", "/waves/{wave_id}/close"): ["staff"],
    ("GET", "/waves/{wave_id}/progress"): ["partner-reviewer"],
    ("GET", "/applications"): ["partner-reviewer"],
    ("POST", "/applications"): ["anyone"],
    ("GET", "/applications/{application_id}"): ["partner-reviewer"],
    ("POST", "/applications/{application_id}/approve"): ["partner-reviewer"],
    ("POST", "/applications/{application_id}/reject"): ["partner-reviewer"],
    ("POST", "/applications/{application_id}/withdraw"): ["anyone"],
    ("POST", "/accounts/password"): ["anyone"],
    ("POST", "/accounts/login"): ["anyone"],
    ("POST", "/accounts/refresh"): ["anyone"],
    ("POST", "/accounts/logout"): ["anyone"],
    ("POST", "/accounts/password-reset"): ["anyone"],
    ("GET", "/members/{member_id}"): ["anyone"],
    ("GET", "/members/{member_id}/profile"): ["member"],
    ("PATCH", "/members/{member_id}/profile"): ["member"],
    ("GET", "/members/{member_id}/export"): ["member"],
    ("DELETE", "/members/{member_id}/membership"): ["member"],
    ("GET", "/members/figures"): ["staff"],
    ("GET", "/members/newcomers"): ["connector"],
    ("PUT", "/members/{member_id}/roles/{role}"): ["staff"],
    ("DELETE", "/members/{member_id}/roles/{role}"): ["staff"],
    ("GET", "/directory"): ["anyone"],
    ("GET", "/directory/facets"): ["anyone"],
    ("GET", "/expertise"): ["anyone"],
    ("POST", "/expertise"): ["staff"],
    ("GET", "/groups"): ["anyone"],
    ("POST", "/groups"): ["member"],
    ("GET", "/groups/{group_id}/members"): ["anyone"],
    ("POST", "/groups/{group_id}/members"): ["member"],
    ("DELETE", "/groups/{group_id}/members/{member_id}"): ["member"],
}


def _template(path: str) -> str:
    """Return the spec's path for a route of the table above (`/waves/{wave}` -> `{wave_id}`)."""
    names = {"{wave}": "{wave_id}", "{pending}": "{application_id}", "{member}": "{member_id}"}
    for given, spec in names.items():
        path = path.replace(given, spec)
    parts = path.split("/")
    if path.startswith("/members/") and len(parts) == 5 and parts[3] == "roles":
        return "/members/{member_id}/roles/{role}"
    return "/regions/{slug}" if path == "/regions/wales" else path


def test_every_operation_declares_the_roles_the_table_expects(app: Flask) -> None:
    with app.test_client() as client:
        spec = client.get("/openapi.json").json
    declared = {
        (method.upper(), path): operation.get("x-required-roles")
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if method in {"get", "post", "put", "patch", "delete"}
    }
    assert declared == DECLARED_ROLES


@pytest.mark.parametrize(("method", "path", "body", "expected"), ROUTES, ids=lambda v: str(v)[:40])
def test_the_table_of_statuses_agrees_with_the_declared_roles(
    method: str, path: str, body: Any, expected: tuple[int, ...]
) -> None:
    roles = DECLARED_ROLES[(method, _template(path))]
    anonymous = dict(zip(CALLERS, expected, strict=True))["anonymous"]
    # Only public operations let an anonymous caller past the door (login refuses all alike).
    assert (anonymous == 401) == (roles != ["anyone"]) or path.startswith("/accounts/")
