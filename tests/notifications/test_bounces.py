"""Bounce reports: a hard bounce or repeated soft ones suppress an address, and staff see why."""

import pytest
from flask.testing import FlaskClient

from notifications.domain.model import MessageState
from notifications.service_layer.dispatch import dispatch_pending
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    delivery_for,
    handle,
    member_joined,
    messages_of,
    new_member_id,
    staged_events,
)
from tests.notifications.smtp_server import SmtpServer
from tests.support.auth import STAFF, bearer


def mailed_member(runtime: Runtime, server: SmtpServer, email: str = "asha@example.org") -> str:
    member_id = new_member_id()
    handle(runtime, member_joined(member_id), contact_recorded(member_id, email))
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(server), limit=5)
    return member_id


def bounce(client: FlaskClient, message_id: str, kind: str, reason: str = "550 gone") -> dict:
    response = client.post(
        "/bounces", json={"message_id": message_id, "kind": kind, "reason": reason}, headers=STAFF
    )
    assert response.status_code == 201, response.get_json()
    return dict(response.get_json())


def test_a_hard_bounce_suppresses_the_address_and_staff_see_why(
    client: FlaskClient, runtime: Runtime, smtp_server: SmtpServer
) -> None:
    member_id = mailed_member(runtime, smtp_server)
    [welcome] = messages_of(runtime, member_id)
    bounce(client, welcome.id, "hard", "550 5.1.1 <asha@example.org> unknown user")
    [bounced] = messages_of(runtime, member_id)
    assert bounced.state == MessageState.BOUNCED
    response = client.get(f"/suppressions/{member_id}", headers=STAFF)
    assert response.status_code == 200
    assert response.get_json()["reason"] == "hard bounce: 550 5.1.1 <<recipient>> unknown user"
    listed = client.get("/suppressions", headers=STAFF).get_json()
    assert [s["member_id"] for s in listed] == [member_id]
    [reported] = client.get("/bounces", headers=STAFF).get_json()
    assert (reported["message_id"], reported["kind"]) == (welcome.id, "hard")
    assert "asha@example.org" not in reported["reason"]
    failed = client.get("/messages?state=bounced", headers=STAFF).get_json()
    assert [m["id"] for m in failed] == [welcome.id]
    assert client.get("/messages?state=sent", headers=STAFF).get_json() == []
    assert "asha@example.org" not in str(staged_events(runtime, "notification-failed"))


def test_a_suppressed_address_gets_no_more_mail_until_a_new_one_is_recorded(
    client: FlaskClient, runtime: Runtime, smtp_server: SmtpServer
) -> None:
    member_id = mailed_member(runtime, smtp_server)
    bounce(client, messages_of(runtime, member_id)[0].id, "hard")
    delivery = delivery_for(smtp_server)
    handle(runtime, member_joined(member_id))
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery, limit=5)
    second = messages_of(runtime, member_id)[1]
    assert second.state == MessageState.FAILED
    assert second.last_error and second.last_error.startswith("address suppressed: hard bounce")
    handle(runtime, contact_recorded(member_id, "asha.new@example.org"))
    handle(runtime, member_joined(member_id))
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery, limit=5)
    assert len(smtp_server.to("asha.new@example.org")) == 1
    assert client.get(f"/suppressions/{member_id}", headers=STAFF).status_code == 404


def test_soft_bounces_suppress_only_when_they_repeat(
    client: FlaskClient, runtime: Runtime, smtp_server: SmtpServer
) -> None:
    member_id = mailed_member(runtime, smtp_server)
    message_id = messages_of(runtime, member_id)[0].id
    for _ in range(2):
        bounce(client, message_id, "soft", "452 mailbox full")
    assert client.get(f"/suppressions/{member_id}", headers=STAFF).status_code == 404
    bounce(client, message_id, "soft", "452 mailbox full")
    suppression = client.get(f"/suppressions/{member_id}", headers=STAFF).get_json()
    assert suppression["reason"] == "3 soft bounces, the last: 452 mailbox full"
    assert suppression["bounces"] == 3


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "hard", "reason": "x"}, "message_id"),
        ({"message_id": "", "kind": "hard", "reason": "x"}, "message_id"),
        ({"message_id": "m1", "kind": "bouncy", "reason": "x"}, "kind"),
        ({"message_id": "m1", "reason": "x"}, "kind"),
        ({"message_id": "m1", "kind": "soft"}, "reason"),
        ({"message_id": "m1", "kind": "soft", "reason": ""}, "reason"),
        ({"message_id": "no-such-message", "kind": "soft", "reason": "x"}, "message_id"),
    ],
)
def test_a_bad_bounce_report_gets_a_4xx_naming_the_field_and_records_nothing(
    refusing_client: FlaskClient, body: dict[str, str], field: str
) -> None:
    response = refusing_client.post("/bounces", json=body, headers=STAFF)
    assert 400 <= response.status_code < 500
    assert field in response.get_json()["errors"]["json"]
    assert refusing_client.get("/suppressions", headers=STAFF).get_json() == []


@pytest.mark.parametrize(("headers", "status"), [({}, 401), (bearer("member-1"), 403)])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/bounces"),
        ("get", "/bounces"),
        ("get", "/suppressions"),
        ("get", "/suppressions/m"),
    ],
)
def test_only_staff_report_bounces_and_see_suppressions(
    refusing_client: FlaskClient, headers: dict[str, str], status: int, method: str, path: str
) -> None:
    response = getattr(refusing_client, method)(path, json={}, headers=headers)
    assert response.status_code == status
