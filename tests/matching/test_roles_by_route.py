"""Who may call each of matching's operations: refused as the table says, and so documented."""

import json

import pytest
from flask.testing import FlaskClient

from tests.support.auth import bearer

STAFF, MEMBER = "staff", "member"
# Every operation of matching's API and the role it requires; "member" routes on a member's
# own data also admit only that member and staff.
ROLES_BY_ROUTE = {
    ("get", "/participants"): STAFF,
    ("get", "/participants/{member_id}"): STAFF,
    ("get", "/participation/{member_id}"): MEMBER,
    ("patch", "/participation/{member_id}"): MEMBER,
    ("get", "/participation/{member_id}/matches"): MEMBER,
    ("post", "/rounds"): STAFF,
    ("get", "/rounds"): STAFF,
    ("get", "/rounds/schedule"): STAFF,
    ("put", "/rounds/schedule"): STAFF,
    ("get", "/rounds/meeting-rates"): STAFF,
    ("get", "/rounds/{round_id}"): STAFF,
    ("get", "/rounds/{round_id}/snapshot"): STAFF,
    ("get", "/rounds/{round_id}/audit"): STAFF,
    ("get", "/rounds/{round_id}/matches"): STAFF,
    ("get", "/rounds/{round_id}/meeting-rates"): STAFF,
    ("post", "/matches/{match_id}/feedback"): MEMBER,
    ("get", "/suggestions/{member_id}"): MEMBER,
    ("get", "/suggestions/{member_id}/events"): MEMBER,
    ("get", "/suggestions/{member_id}/resources"): MEMBER,
    ("get", "/suggestions/{member_id}/lab-cohorts"): MEMBER,
    ("get", "/suggestions/{member_id}/groups"): MEMBER,
}
OWN_DATA = [
    route for route, role in ROLES_BY_ROUTE.items() if role == MEMBER and "{member_id}" in route[1]
]
STAFF_ONLY = [route for route, role in ROLES_BY_ROUTE.items() if role == STAFF]


def _url(path: str, member_id: str = "member-1") -> str:
    return path.format(member_id=member_id, round_id="no-such-round", match_id="no-such-match")


def _call(client: FlaskClient, method: str, path: str, headers: dict[str, str]) -> int:
    # An empty body: a caller who may not send it is refused before it is read.
    return client.open(_url(path), method=method.upper(), json={}, headers=headers).status_code


def test_every_operation_declares_the_roles_the_table_gives_it(client: FlaskClient) -> None:
    spec = json.loads(client.get("/openapi.json").data)
    declared = {
        (method, path): operation.get("x-required-roles")
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in ("get", "put", "post", "patch", "delete")
    }

    assert declared == {route: [role] for route, role in ROLES_BY_ROUTE.items()}


@pytest.mark.parametrize(("method", "path"), list(ROLES_BY_ROUTE))
def test_anonymous_callers_are_refused_every_operation(
    client: FlaskClient, method: str, path: str
) -> None:
    assert _call(client, method, path, {}) == 401


@pytest.mark.parametrize(("method", "path"), STAFF_ONLY)
def test_members_are_refused_the_staff_operations(
    client: FlaskClient, method: str, path: str
) -> None:
    assert _call(client, method, path, bearer("member-1")) == 403


@pytest.mark.parametrize(("method", "path"), OWN_DATA)
def test_members_are_refused_another_members_participation_and_suggestions(
    client: FlaskClient, method: str, path: str
) -> None:
    body = {"opted_in": True} if method == "patch" else None
    response = client.open(
        _url(path), method=method.upper(), json=body, headers=bearer("someone-else")
    )

    assert response.status_code == 403
