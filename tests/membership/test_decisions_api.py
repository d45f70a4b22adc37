"""Deciding applications: reject with a reason, withdraw, and partner reviewers' regions."""

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from qplatform.web.auth import PARTNER_REVIEWER
from tests.membership.conftest import SQLITE_ONLY, an_application, counts, outbox, staged
from tests.support.auth import STAFF, bearer

SCOTTISH_REVIEWER = bearer("reviewer-1", PARTNER_REVIEWER, region="scotland")
WELSH_REVIEWER = bearer("reviewer-2", PARTNER_REVIEWER, region="wales")


def apply(client: FlaskClient, **changes: Any) -> dict[str, Any]:
    response = client.post("/applications", json=an_application(**changes))
    assert response.status_code == 201, response.json
    receipt: dict[str, Any] = response.json
    return receipt


def test_a_rejection_tells_only_the_applicant_the_reason_on_the_restricted_stream(
    client: FlaskClient, app: Flask
) -> None:
    receipt = apply(client)
    reason = "No improvement experience described yet; please apply next wave."
    response = client.post(
        f"/applications/{receipt['id']}/reject", json={"reason": reason}, headers=STAFF
    )
    assert (response.json["status"], response.json["rejection_reason"]) == ("rejected", reason)
    [event] = staged(app, "application-rejected")
    assert event["application_id"] == receipt["id"]
    assert event["region"] == "north-west-coast"
    assert reason not in str(event)
    [decided] = staged(app, "application-decided")
    assert (decided["decision"], decided["reason"]) == ("rejected", reason)
    assert (decided["email"], decided["display_name"]) == ("asha.patel@example.org", "Asha Patel")
    assert applicant_stream(app, receipt["id"]) == ["application-decided", "tombstone"]


def test_an_approval_tells_the_applicant_without_a_reason_then_forgets_the_address(
    client: FlaskClient, app: Flask
) -> None:
    receipt = apply(client)
    client.post(f"/applications/{receipt['id']}/approve", headers=STAFF)
    [decided] = staged(app, "application-decided")
    assert (decided["decision"], decided["reason"]) == ("approved", None)
    assert applicant_stream(app, receipt["id"]) == ["application-decided", "tombstone"]


def test_a_withdrawal_puts_nothing_on_the_applicant_stream(client: FlaskClient, app: Flask) -> None:
    receipt = apply(client)
    client.post(
        f"/applications/{receipt['id']}/withdraw", json={"code": receipt["withdrawal_code"]}
    )
    assert applicant_stream(app, receipt["id"]) == []


def applicant_stream(app: Flask, application_id: str) -> list[str]:
    """Return the types staged on the applicant-contact topic, in order."""
    return [
        kind
        for kind, topic, payload in outbox(app)
        if topic.endswith("membership.applicant-contact")
        and (payload is None or application_id in payload)
    ]


def test_the_applicant_withdraws_with_their_code(client: FlaskClient, app: Flask) -> None:
    receipt = apply(client)
    response = client.post(
        f"/applications/{receipt['id']}/withdraw", json={"code": receipt["withdrawal_code"]}
    )
    assert response.status_code == 200
    assert response.json["status"] == "withdrawn"
    assert "email" not in response.json
    assert len(staged(app, "application-withdrawn")) == 1
    assert apply(client)["status"] == "submitted"


def test_a_wrong_withdrawal_code_changes_nothing(client: FlaskClient, app: Flask) -> None:
    receipt = apply(client)
    before = counts(app)
    response = client.post(f"/applications/{receipt['id']}/withdraw", json={"code": "guess"})
    assert response.status_code == 403
    assert "code" in response.json["errors"]["json"]
    assert counts(app) == before


def test_a_decided_application_cannot_be_withdrawn(client: FlaskClient) -> None:
    receipt = apply(client)
    client.post(f"/applications/{receipt['id']}/approve", headers=STAFF)
    response = client.post(
        f"/applications/{receipt['id']}/withdraw", json={"code": receipt["withdrawal_code"]}
    )
    assert response.status_code == 409


def test_a_partner_reviewer_decides_their_own_region(client: FlaskClient) -> None:
    receipt = apply(client, region="scotland")
    assert (
        client.get(f"/applications/{receipt['id']}", headers=SCOTTISH_REVIEWER).status_code == 200
    )
    response = client.post(f"/applications/{receipt['id']}/approve", headers=SCOTTISH_REVIEWER)
    assert response.status_code == 200


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_a_partner_reviewer_cannot_decide_another_region(
    client: FlaskClient, app: Flask, action: str
) -> None:
    receipt = apply(client, region="north-west-coast")
    before = counts(app)
    response = client.post(
        f"/applications/{receipt['id']}/{action}", json={"reason": "no"}, headers=SCOTTISH_REVIEWER
    )
    assert response.status_code == 403
    assert counts(app) == before


def test_a_partner_reviewer_lists_only_their_region(client: FlaskClient) -> None:
    apply(client, region="scotland", email="s@x.org")
    apply(client, region="north-west-coast", email="n@x.org")
    listed = client.get("/applications", headers=SCOTTISH_REVIEWER).json
    assert [a["region"] for a in listed] == ["scotland"]
    assert client.get("/applications", headers=WELSH_REVIEWER).json == []
    other = client.get("/applications?region=north-west-coast", headers=SCOTTISH_REVIEWER)
    assert other.status_code == 403
    assert len(client.get("/applications", headers=STAFF).json) == 2


def test_staff_filter_applications_by_status(client: FlaskClient) -> None:
    first = apply(client, email="a@x.org")
    apply(client, email="b@x.org")
    client.post(f"/applications/{first['id']}/approve", headers=STAFF)
    approved = client.get("/applications?status=approved", headers=STAFF).json
    assert [a["id"] for a in approved] == [first["id"]]


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("reject", {}, "reason"),
        ("reject", {"reason": ""}, "reason"),
        ("reject", {"reason": "x" * 2001}, "reason"),
        ("withdraw", {}, "code"),
        ("withdraw", {"code": 7}, "code"),
    ],
)
def test_a_bad_decision_is_refused_naming_the_field(
    client: FlaskClient, app: Flask, path: str, body: dict[str, Any], field: str
) -> None:
    receipt = apply(client)
    before = counts(app)
    response = client.post(f"/applications/{receipt['id']}/{path}", json=body, headers=STAFF)
    assert response.status_code == 422
    assert field in response.json["errors"]["json"]
    assert counts(app) == before


@SQLITE_ONLY
def test_a_bad_status_filter_is_refused(client: FlaskClient) -> None:
    response = client.get("/applications?status=maybe", headers=STAFF)
    assert response.status_code == 422
    assert "status" in response.json["errors"]["query"]
