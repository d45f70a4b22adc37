"""Changes that race each other are made once, refused clearly otherwise, and announced once."""

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.membership.conftest import an_application, staged
from tests.membership.racing import Request, at_once
from tests.membership.responses import body
from tests.support.auth import STAFF, bearer


@pytest.fixture
def database_backend() -> str:
    """Race on PostgreSQL, where web workers really do run transactions side by side."""
    return "postgres"


def a_member(client: FlaskClient, email: str) -> str:
    receipt = body(client.post("/applications", json=an_application(email=email)))
    approved = client.post(f"/applications/{receipt['id']}/approve", headers=STAFF)
    return str(body(approved)["member_id"])


def four(request: Request) -> list[Request]:
    return [request] * 4


def test_joining_a_group_four_times_at_once_joins_once(app: Flask, client: FlaskClient) -> None:
    asha, ben = a_member(client, "asha@x.org"), a_member(client, "ben@x.org")
    group = {"name": "Frailty improvers", "purpose": "Share what works."}
    founded = body(client.post("/groups", json=group, headers=bearer(asha)))["id"]

    def join(other: FlaskClient) -> TestResponse:
        return other.post(f"/groups/{founded}/members", headers=bearer(ben))

    def start(other: FlaskClient) -> TestResponse:
        return other.post("/groups", json=group, headers=bearer(ben))

    assert at_once(app, *four(join)) == {200: 1, 409: 3}
    assert [e["member_id"] for e in staged(app, "group-member-joined")] == [asha, ben]
    assert at_once(app, *four(start)) == {409: 4}


def test_one_name_taken_four_times_at_once_is_taken_once(app: Flask, client: FlaskClient) -> None:
    asha = a_member(client, "asha@x.org")

    def start(other: FlaskClient) -> TestResponse:
        group = {"name": "Flow", "purpose": "Share what works."}
        return other.post("/groups", json=group, headers=bearer(asha))

    def add_region(other: FlaskClient) -> TestResponse:
        return other.post("/regions", json={"slug": "isle-of-man", "name": "Mann"}, headers=STAFF)

    assert at_once(app, *four(start)) == {201: 1, 409: 3}
    assert at_once(app, *four(add_region)) == {201: 1, 409: 3}


def test_areas_of_expertise_added_at_once_are_all_kept(app: Flask, client: FlaskClient) -> None:
    def adding(n: int) -> Request:
        area = {"slug": f"area-{n}", "name": f"Area {n}"}
        return lambda other: other.post("/expertise", json=area, headers=STAFF)

    assert at_once(app, *[adding(n) for n in range(4)]) == {201: 4}
    slugs = {area["slug"] for area in body(client.get("/expertise"))}
    assert {f"area-{n}" for n in range(4)} <= slugs


def test_a_member_leaving_four_times_at_once_leaves_once(app: Flask, client: FlaskClient) -> None:
    asha = a_member(client, "asha@x.org")

    def leave(other: FlaskClient) -> TestResponse:
        return other.delete(f"/members/{asha}/membership", headers=bearer(asha))

    assert at_once(app, *four(leave)) == {204: 1, 404: 3}
    assert len(staged(app, "member-left")) == 1


def test_a_role_given_four_times_at_once_is_announced_once(app: Flask, client: FlaskClient) -> None:
    asha = a_member(client, "asha@x.org")

    def appoint(other: FlaskClient) -> TestResponse:
        return other.put(f"/members/{asha}/roles/connector", json={}, headers=STAFF)

    assert at_once(app, *four(appoint)) == {200: 4}
    assert [e["granted"] for e in staged(app, "member-role-changed")] == [True]
