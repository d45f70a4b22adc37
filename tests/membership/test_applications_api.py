"""Applying to Q and approving applications, over HTTP."""

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from membership.adapters.storage import PLUMBING
from membership.domain.model import Application, Member
from tests.membership.conftest import STAFF, an_application


def counts(app: Flask) -> tuple[int, int, int]:
    runtime = app.extensions["qplatform"]
    with runtime.engine.connect() as connection:

        def count(table: Any) -> int:
            return connection.execute(select(func.count()).select_from(table)).scalar_one()

        return (count(Application.__table__), count(Member.__table__), count(PLUMBING.outbox))


def outbox(app: Flask) -> list[tuple[str, str, str | None]]:
    runtime = app.extensions["qplatform"]
    with runtime.engine.connect() as connection:
        table = PLUMBING.outbox
        rows = connection.execute(
            select(table.c.event_type, table.c.topic, table.c.payload).order_by(table.c.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def test_an_applicant_applies_and_the_application_is_announced(
    client: FlaskClient, app: Flask
) -> None:
    response = client.post("/applications", json=an_application())
    assert response.status_code == 201
    assert response.json["status"] == "submitted"
    assert "email" not in response.json
    assert [row[0] for row in outbox(app)] == ["application-submitted"]


def test_approval_makes_a_member_and_keeps_contact_details_off_public_topics(
    client: FlaskClient, app: Flask
) -> None:
    application = client.post("/applications", json=an_application()).json
    response = client.post(f"/applications/{application['id']}/approve", headers=STAFF)
    assert response.status_code == 200
    assert response.json["status"] == "approved"
    member = client.get(f"/members/{response.json['member_id']}")
    assert member.status_code == 200
    assert "email" not in member.json

    events = outbox(app)
    assert [e[0] for e in events] == [
        "application-submitted",
        "application-approved",
        "member-joined",
        "member-contact-recorded",
    ]
    for event_type, topic, payload in events:
        restricted = topic.endswith("membership.member-contact")
        assert ("asha.patel@example.org" in (payload or "")) == restricted, event_type


def test_an_application_is_decided_only_once(client: FlaskClient, app: Flask) -> None:
    application = client.post("/applications", json=an_application()).json
    client.post(f"/applications/{application['id']}/approve", headers=STAFF)
    before = counts(app)
    again = client.post(f"/applications/{application['id']}/approve", headers=STAFF)
    assert again.status_code == 409
    assert counts(app) == before


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic abc"}]
)
def test_only_staff_approve(client: FlaskClient, app: Flask, headers: dict[str, str]) -> None:
    application = client.post("/applications", json=an_application()).json
    before = counts(app)
    response = client.post(f"/applications/{application['id']}/approve", headers=headers)
    assert response.status_code in (401, 403)
    assert response.json["message"]
    assert counts(app) == before


def test_the_same_email_cannot_apply_twice(client: FlaskClient, app: Flask) -> None:
    client.post("/applications", json=an_application())
    before = counts(app)
    response = client.post("/applications", json=an_application(email="ASHA.PATEL@example.org"))
    assert response.status_code == 409
    assert "email" in response.json["errors"]["json"]
    assert counts(app) == before


def test_unknown_applications_and_members_are_404(client: FlaskClient) -> None:
    assert client.get("/applications/nope", headers=STAFF).status_code == 404
    assert client.post("/applications/nope/approve", headers=STAFF).status_code == 404
    assert client.get("/members/nope").json["code"] == 404
