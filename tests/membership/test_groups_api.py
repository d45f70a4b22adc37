"""Members start special interest groups, join and leave them; each change is announced."""

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.membership.conftest import SQLITE_ONLY, an_application, counts, staged
from tests.support.auth import STAFF, bearer

FRAILTY = {"name": "Frailty improvers", "purpose": "Share what works.", "topics": ["frailty"]}


def a_member(client: FlaskClient, email: str) -> str:
    receipt = client.post("/applications", json=an_application(email=email, name=email)).json
    member: str = client.post(f"/applications/{receipt['id']}/approve", headers=STAFF).json[
        "member_id"
    ]
    return member


def test_members_start_join_and_leave_a_group(client: FlaskClient, app: Flask) -> None:
    asha, ben = a_member(client, "asha@x.org"), a_member(client, "ben@x.org")
    group = client.post("/groups", json=FRAILTY, headers=bearer(asha)).json
    assert group["created_by"] == asha
    assert client.post(f"/groups/{group['id']}/members", headers=bearer(ben)).status_code == 200
    listed = client.get(f"/groups/{group['id']}/members").json
    assert [m["id"] for m in listed] == [asha, ben]
    assert "email" not in listed[0]
    left = client.delete(f"/groups/{group['id']}/members/{ben}", headers=bearer(ben))
    assert left.status_code == 204
    assert [m["id"] for m in client.get(f"/groups/{group['id']}/members").json] == [asha]
    assert staged(app, "group-created")[0]["name"] == "Frailty improvers"
    assert [e["member_id"] for e in staged(app, "group-member-joined")] == [asha, ben]
    assert [e["member_id"] for e in staged(app, "group-member-left")] == [ben]


def test_a_member_cannot_join_twice_or_remove_someone_else(client: FlaskClient) -> None:
    asha, ben = a_member(client, "asha@x.org"), a_member(client, "ben@x.org")
    group = client.post("/groups", json=FRAILTY, headers=bearer(asha)).json
    assert client.post(f"/groups/{group['id']}/members", headers=bearer(asha)).status_code == 409
    path = f"/groups/{group['id']}/members/{asha}"
    assert client.delete(path, headers=bearer(ben)).status_code == 403
    assert client.delete(path, headers=STAFF).status_code == 204


def test_an_erased_member_leaves_their_groups(client: FlaskClient) -> None:
    asha = a_member(client, "asha@x.org")
    group = client.post("/groups", json=FRAILTY, headers=bearer(asha)).json
    client.delete(f"/members/{asha}/membership", headers=bearer(asha))
    assert client.get(f"/groups/{group['id']}/members").json == []


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**FRAILTY, "name": ""}, "name"),
        ({k: v for k, v in FRAILTY.items() if k != "purpose"}, "purpose"),
        ({**FRAILTY, "topics": ["x"] * 11}, "topics"),
        ({**FRAILTY, "topics": "frailty"}, "topics"),
    ],
)
def test_a_bad_group_is_refused_naming_the_field(
    client: FlaskClient, app: Flask, body: dict[str, Any], field: str
) -> None:
    asha = a_member(client, "asha@x.org")
    before = counts(app)
    response = client.post("/groups", json=body, headers=bearer(asha))
    assert response.status_code == 422
    assert field in response.json["errors"]["json"]
    assert counts(app) == before


def test_groups_need_a_member_and_a_unique_name(client: FlaskClient) -> None:
    asha = a_member(client, "asha@x.org")
    assert client.post("/groups", json=FRAILTY).status_code == 401
    assert client.post("/groups", json=FRAILTY, headers=STAFF).status_code == 403
    client.post("/groups", json=FRAILTY, headers=bearer(asha))
    again = client.post("/groups", json=FRAILTY, headers=bearer(asha))
    assert (again.status_code, list(again.json["errors"]["json"])) == (409, ["name"])
    assert client.get("/groups/nope/members").status_code == 404
