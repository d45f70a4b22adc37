"""Applying to Q and approving applications, over HTTP."""

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.membership.conftest import SQLITE_ONLY, an_application, counts, outbox
from tests.support.auth import STAFF


def test_an_applicant_applies_and_the_application_is_announced(
    client: FlaskClient, app: Flask
) -> None:
    response = client.post("/applications", json=an_application())
    assert response.status_code == 201
    assert response.json["status"] == "submitted"
    assert response.json["withdrawal_code"]
    assert "email" not in response.json
    assert [row[0] for row in outbox(app)][-1] == "application-submitted"


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
        "recruitment-wave-scheduled",
        "application-submitted",
        "application-approved",
        "application-decided",
        "tombstone",
        "member-joined",
        "member-profile-recorded",
        "member-contact-recorded",
        "password-setup-requested",
    ]
    for event_type, topic, payload in events:
        if payload is None:
            continue
        restricted = topic.endswith(("membership.member-contact", "membership.applicant-contact"))
        assert ("asha.patel@example.org" in (payload or "")) == restricted, event_type


def test_an_application_is_decided_only_once(client: FlaskClient, app: Flask) -> None:
    application = client.post("/applications", json=an_application()).json
    client.post(f"/applications/{application['id']}/approve", headers=STAFF)
    before = counts(app)
    again = client.post(f"/applications/{application['id']}/approve", headers=STAFF)
    assert again.status_code == 409
    assert counts(app) == before


@SQLITE_ONLY
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


def test_a_member_cannot_apply_again(client: FlaskClient) -> None:
    application = client.post("/applications", json=an_application()).json
    client.post(f"/applications/{application['id']}/approve", headers=STAFF)
    response = client.post("/applications", json=an_application())
    assert response.status_code == 409


def test_unknown_applications_and_members_are_404(client: FlaskClient) -> None:
    assert client.get("/applications/nope", headers=STAFF).status_code == 404
    assert client.post("/applications/nope/approve", headers=STAFF).status_code == 404
    assert client.get("/members/nope").json["code"] == 404
