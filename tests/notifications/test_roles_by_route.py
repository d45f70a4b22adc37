"""Who may call each notifications route: the table, the spec and the answers agree."""

import pytest
from flask.testing import FlaskClient

from qplatform.identity import MEMBER, STAFF
from qplatform.web.access import ANYONE
from tests.support.auth import STAFF as STAFF_HEADERS
from tests.support.auth import bearer

ROLES_BY_ROUTE: dict[tuple[str, str], tuple[str, ...]] = {
    ("GET", "/messages"): (STAFF,),
    ("GET", "/messages/uncertain"): (STAFF,),
    ("GET", "/messages/{message_id}"): (STAFF,),
    ("POST", "/messages/{message_id}/resend"): (STAFF,),
    ("POST", "/messages/{message_id}/mark-sent"): (STAFF,),
    ("POST", "/bounces"): (STAFF,),
    ("GET", "/bounces"): (STAFF,),
    ("GET", "/suppressions"): (STAFF,),
    ("GET", "/suppressions/{member_id}"): (STAFF,),
    ("POST", "/digests"): (STAFF,),
    ("GET", "/digests/preview"): (STAFF,),
    ("GET", "/digests/edition"): (STAFF,),
    ("PUT", "/digests/edition"): (STAFF,),
    ("GET", "/me/preferences"): (MEMBER,),
    ("PATCH", "/me/preferences"): (MEMBER,),
    ("GET", "/me/notifications"): (MEMBER,),
    ("GET", "/me/notifications/unread-count"): (MEMBER,),
    ("POST", "/me/notifications/read"): (MEMBER,),
    ("POST", "/me/notifications/{message_id}/read"): (MEMBER,),
    ("GET", "/unsubscribe/{token}"): (ANYONE,),
    ("POST", "/unsubscribe/{token}"): (ANYONE,),
}
GUARDED = [
    (method, path) for (method, path), roles in ROLES_BY_ROUTE.items() if ANYONE not in roles
]
STAFF_ONLY = [
    (method, path) for (method, path), roles in ROLES_BY_ROUTE.items() if roles == (STAFF,)
]


def test_every_operation_declares_the_roles_the_table_gives_it(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").json
    declared = {
        (method.upper(), path): tuple(operation.get("x-required-roles", ()))
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if method in ("get", "put", "post", "delete", "patch")
    }
    assert declared == ROLES_BY_ROUTE


@pytest.mark.parametrize(("method", "path"), GUARDED)
def test_a_caller_without_a_token_is_refused_every_guarded_route(
    client: FlaskClient, method: str, path: str
) -> None:
    response = client.open(_url(path), method=method, json={})
    assert response.status_code == 401, response.json


@pytest.mark.parametrize(("method", "path"), STAFF_ONLY)
def test_a_member_is_refused_every_staff_route(client: FlaskClient, method: str, path: str) -> None:
    response = client.open(_url(path), method=method, json={}, headers=bearer("member-1"))
    assert response.status_code == 403, response.json


def test_staff_may_read_the_lists_of_mail_bounces_and_suppressions(client: FlaskClient) -> None:
    for url in ("/messages", "/messages/uncertain", "/bounces", "/suppressions"):
        assert client.get(url, headers=STAFF_HEADERS).status_code == 200, url


def _url(path: str) -> str:
    return path.replace("{message_id}", "m-1").replace("{member_id}", "m-1")
