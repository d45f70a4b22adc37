"""Staff follow members' mail over HTTP; no one else can, and no address is ever shown."""

import json

import pytest
from flask.testing import FlaskClient

from qplatform.runtime import Runtime
from tests.notifications.examples import contact_recorded, handle, member_joined, new_member_id
from tests.support.auth import STAFF, bearer


def welcomed_member(runtime: Runtime, times: int = 1) -> str:
    member_id = new_member_id()
    handle(runtime, contact_recorded(member_id, "asha@example.org"))
    for _ in range(times):
        handle(runtime, member_joined(member_id))
    return member_id


def test_staff_see_a_members_mail_newest_first_with_state_and_attempts(
    client: FlaskClient, runtime: Runtime
) -> None:
    member_id = welcomed_member(runtime, times=3)
    welcomed_member(runtime)
    first = client.get(f"/messages?member_id={member_id}&page_size=2", headers=STAFF)
    second = client.get(f"/messages?member_id={member_id}&page=2&page_size=2", headers=STAFF)
    assert first.status_code == second.status_code == 200
    assert json.loads(first.headers["X-Pagination"])["total"] == 3
    listed = [*first.get_json(), *second.get_json()]
    assert [m["member_id"] for m in listed] == [member_id] * 3
    assert [m["created_at"] for m in listed] == sorted(
        (m["created_at"] for m in listed), reverse=True
    )
    assert {(m["template"], m["state"], m["attempts"]) for m in listed} == {
        ("welcome", "queued", 0)
    }


def test_staff_see_one_message_by_its_id(client: FlaskClient, runtime: Runtime) -> None:
    member_id = welcomed_member(runtime)
    [listed] = client.get(f"/messages?member_id={member_id}", headers=STAFF).get_json()
    response = client.get(f"/messages/{listed['id']}", headers=STAFF)
    assert response.status_code == 200
    assert response.get_json() == listed


def test_no_answer_carries_an_email_address(client: FlaskClient, runtime: Runtime) -> None:
    member_id = welcomed_member(runtime)
    listing = client.get(f"/messages?member_id={member_id}", headers=STAFF)
    item = client.get(f"/messages/{listing.get_json()[0]['id']}", headers=STAFF)
    assert "asha@example.org" not in listing.get_data(as_text=True)
    assert "asha@example.org" not in item.get_data(as_text=True)


def test_an_unknown_message_is_not_found(client: FlaskClient) -> None:
    response = client.get("/messages/no-such-message", headers=STAFF)
    assert response.status_code == 404
    assert response.get_json()["message"] == "no message with that id"


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer not-the-staff-token"}, 401),
        (bearer("member-1"), 403),
        ({"Authorization": "Basic dev-staff-token"}, 401),
    ],
)
@pytest.mark.parametrize("path", ["/messages?member_id=m1", "/messages/m1", "/messages"])
def test_only_staff_may_read_mail(
    refusing_client: FlaskClient, headers: dict[str, str], status: int, path: str
) -> None:
    response = refusing_client.get(path, headers=headers)
    assert response.status_code == status
    assert "message" in response.get_json()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("member_id=", "member_id"),
        ("state=lost", "state"),
        (f"member_id={'x' * 37}", "member_id"),
        ("member_id=m1&page=0", "page"),
        ("member_id=m1&page=first", "page"),
        ("member_id=m1&page_size=0", "page_size"),
        ("member_id=m1&page_size=1000", "page_size"),
    ],
)
def test_a_bad_query_gets_a_4xx_naming_the_field(
    refusing_client: FlaskClient, query: str, field: str
) -> None:
    response = refusing_client.get(f"/messages?{query}", headers=STAFF)
    assert 400 <= response.status_code < 500
    assert field in response.get_json()["errors"]["query"]
