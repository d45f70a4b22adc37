"""Applying, groups and roles, walked by every kind of caller; no membership route is left out."""

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from qplatform.web.auth import CONNECTOR, PARTNER_REVIEWER
from tests.membership.conftest import an_application
from tests.membership.responses import body
from tests.membership.test_roles_by_route import CALLERS, ROUTES, STAFF_ONLY
from tests.support.auth import STAFF, bearer

MakeBody = Callable[[str], Any] | None

MORE_ROUTES: list[tuple[str, str, MakeBody, tuple[int, ...]]] = [
    (
        "POST",
        "/applications",
        lambda caller: an_application(email=f"{caller.replace(' ', '.')}@example.org"),
        (201,) * 6,
    ),
    # Anyone may ask for a password link, and every caller gets the same answer.
    (
        "POST",
        "/accounts/password-reset",
        lambda caller: {"email": f"{caller.replace(' ', '.')}@x.org"},
        (202,) * 6,
    ),
    ("GET", "/groups", None, (200,) * 6),
    (
        "POST",
        "/groups",
        lambda caller: {"name": f"Flow ({caller})", "purpose": "Share what works."},
        (401, 201, 201, 201, 201, 403),
    ),
    ("GET", "/groups/{group}/members", None, (200,) * 6),
    # The member founded the group, so only they are in it already.
    ("POST", "/groups/{group}/members", None, (401, 409, 200, 200, 200, 403)),
    # The member leaves first, so staff, last, find them gone.
    ("DELETE", "/groups/{group}/members/{member}", None, (401, 204, 403, 403, 403, 404)),
    ("PUT", "/members/{member}/roles/partner-reviewer", lambda _: {"region": "wales"}, STAFF_ONLY),
    ("PUT", "/members/{member}/roles/staff", lambda _: {}, STAFF_ONLY),
    ("DELETE", "/members/{connector}/roles/connector", None, STAFF_ONLY),
    # The Connector, a member of North West Coast, sees that region's newcomers.
    ("GET", "/members/newcomers", None, (401, 403, 403, 200, 403, 200)),
    ("DELETE", "/members/{partner}/roles/partner-reviewer", None, STAFF_ONLY),
]


@pytest.fixture
def database_backend() -> str:
    """Walk the routes on SQLite only: who may call what does not depend on the database."""
    return "sqlite"


def a_member(client: FlaskClient, email: str) -> str:
    receipt = body(client.post("/applications", json=an_application(email=email)))
    approved = client.post(f"/applications/{receipt['id']}/approve", headers=STAFF)
    return str(body(approved)["member_id"])


@pytest.fixture
def people(client: FlaskClient) -> dict[str, Any]:
    """Make real members for every caller but staff, and a group the member founded."""
    ids = {name: a_member(client, f"{name}@x.org") for name in ("member", "other", "c", "p")}
    client.put(f"/members/{ids['c']}/roles/connector", json={}, headers=STAFF)
    partner = f"/members/{ids['p']}/roles/partner-reviewer"
    client.put(partner, json={"region": "wales"}, headers=STAFF)
    group = {"name": "Frailty improvers", "purpose": "Share what works."}
    founded = body(client.post("/groups", json=group, headers=bearer(ids["member"])))
    headers = {
        "anonymous": {},
        "member": bearer(ids["member"]),
        "other member": bearer(ids["other"]),
        "connector": bearer(ids["c"], CONNECTOR),
        "partner elsewhere": bearer(ids["p"], PARTNER_REVIEWER, region="wales"),
        "staff": STAFF,
    }
    names = {"member": ids["member"], "connector": ids["c"], "partner": ids["p"]}
    return {"headers": headers, "names": {**names, "group": founded["id"]}}


@pytest.mark.parametrize(
    ("method", "path", "make_body", "expected"),
    MORE_ROUTES,
    ids=[f"{method} {path}" for method, path, *_ in MORE_ROUTES],
)
def test_each_caller_gets_the_expected_status_applying_and_from_groups_and_roles(
    client: FlaskClient,
    people: dict[str, Any],
    method: str,
    path: str,
    make_body: MakeBody,
    expected: tuple[int, ...],
) -> None:
    url = path.format(**people["names"])
    got = {}
    for caller in CALLERS:
        sent = make_body(caller) if make_body else None
        response = client.open(url, method=method, json=sent, headers=people["headers"][caller])
        got[caller] = response.status_code
        if response.status_code >= 400:
            assert body(response)["message"], (caller, body(response))
    assert got == dict(zip(CALLERS, expected, strict=True))


def test_every_membership_route_is_walked_by_every_caller(app: Flask) -> None:
    walked = {_route(app, method, path) for method, path, *_ in [*ROUTES, *MORE_ROUTES]}
    served = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if app.view_functions[rule.endpoint].__module__.startswith("membership.")
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    assert served - walked == set()


def _route(app: Flask, method: str, path: str) -> tuple[str, str]:
    example = path.replace("{", "").replace("}", "")
    endpoint, _ = app.url_map.bind("localhost").match(example, method=method)
    return str(endpoint), method
