"""A member's in-app feed: their own notifications, newest first, with an unread count."""

import json

from flask.testing import FlaskClient

from qplatform.runtime import Runtime
from tests.notifications.examples import contact_recorded, handle, member_joined, new_member_id
from tests.support.auth import bearer


def member_with_notifications(runtime: Runtime, count: int) -> str:
    member_id = new_member_id()
    handle(runtime, contact_recorded(member_id, "asha@example.org"))
    for _ in range(count):
        handle(runtime, member_joined(member_id))
    return member_id


def unread(client: FlaskClient, member_id: str) -> int:
    response = client.get("/me/notifications/unread-count", headers=bearer(member_id))
    assert response.status_code == 200
    return int(response.get_json()["unread"])


def test_a_member_pages_through_their_notifications_newest_first(
    client: FlaskClient, runtime: Runtime
) -> None:
    asha = member_with_notifications(runtime, 3)
    member_with_notifications(runtime, 2)
    first = client.get("/me/notifications?page_size=2", headers=bearer(asha))
    second = client.get("/me/notifications?page=2&page_size=2", headers=bearer(asha))
    assert json.loads(first.headers["X-Pagination"])["total"] == 3
    listed = [*first.get_json(), *second.get_json()]
    assert len(listed) == 3 and len({item["id"] for item in listed}) == 3
    stamps = [item["created_at"] for item in listed]
    assert stamps == sorted(stamps, reverse=True)
    assert {(item["subject"], item["read_at"]) for item in listed} == {("Welcome to Q", None)}


def test_marking_one_read_lowers_the_unread_count(client: FlaskClient, runtime: Runtime) -> None:
    asha = member_with_notifications(runtime, 2)
    assert unread(client, asha) == 2
    [newest, _] = client.get("/me/notifications", headers=bearer(asha)).get_json()
    response = client.post(f"/me/notifications/{newest['id']}/read", headers=bearer(asha))
    assert response.status_code == 200 and response.get_json()["read_at"] is not None
    assert unread(client, asha) == 1
    assert client.post("/me/notifications/read", headers=bearer(asha)).status_code == 204
    assert unread(client, asha) == 0


def test_a_member_cannot_see_or_mark_another_members_notifications(
    client: FlaskClient, runtime: Runtime
) -> None:
    asha = member_with_notifications(runtime, 1)
    sam = new_member_id()
    [item] = client.get("/me/notifications", headers=bearer(asha)).get_json()
    assert client.get("/me/notifications", headers=bearer(sam)).get_json() == []
    response = client.post(f"/me/notifications/{item['id']}/read", headers=bearer(sam))
    assert response.status_code == 404
    assert unread(client, asha) == 1


def test_a_bad_page_gets_a_4xx_naming_it(refusing_client: FlaskClient) -> None:
    for query, field in [("page=0", "page"), ("page_size=1000", "page_size")]:
        response = refusing_client.get(f"/me/notifications?{query}", headers=bearer("m1"))
        assert response.status_code == 422
        assert field in response.get_json()["errors"]["query"]
