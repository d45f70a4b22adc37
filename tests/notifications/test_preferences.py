"""Members choose what mail they get, starting from the consent they gave at joining."""

import pytest
from flask.testing import FlaskClient

from qplatform.runtime import Runtime
from tests.notifications.examples import contact_recorded, handle, new_member_id
from tests.support.auth import STAFF, bearer

PATH = "/me/preferences"


def member_with(runtime: Runtime, consents: list[str]) -> str:
    member_id = new_member_id()
    handle(runtime, contact_recorded(member_id, "asha@example.org", consents=consents))
    return member_id


def test_preferences_start_from_the_consent_given_at_joining(
    client: FlaskClient, runtime: Runtime
) -> None:
    member_id = member_with(runtime, ["digest", "events"])
    response = client.get(PATH, headers=bearer(member_id))
    assert response.status_code == 200
    assert response.get_json() == {
        "digest": True,
        "coffee-trials": False,
        "events": True,
        "community-news": False,
        "talk-requests": False,
    }


def test_a_later_contact_update_keeps_choices_the_member_made(
    client: FlaskClient, runtime: Runtime
) -> None:
    member_id = member_with(runtime, ["digest"])
    client.patch(PATH, json={"digest": False}, headers=bearer(member_id))
    handle(runtime, contact_recorded(member_id, "asha@example.org", consents=["digest"]))
    assert client.get(PATH, headers=bearer(member_id)).get_json()["digest"] is False


def test_a_member_changes_only_the_categories_they_name(
    client: FlaskClient, runtime: Runtime
) -> None:
    member_id = member_with(runtime, ["digest"])
    response = client.patch(
        PATH, json={"coffee-trials": True, "digest": False}, headers=bearer(member_id)
    )
    assert response.status_code == 200
    assert response.get_json() == {
        "digest": False,
        "coffee-trials": True,
        "events": False,
        "community-news": False,
        "talk-requests": False,
    }
    assert client.get(PATH, headers=bearer(member_id)).get_json() == response.get_json()


def test_a_member_sees_only_their_own_preferences(client: FlaskClient, runtime: Runtime) -> None:
    asha = member_with(runtime, ["digest"])
    other = client.get(PATH, headers=bearer(new_member_id())).get_json()
    assert other == dict.fromkeys(other, False)
    assert client.get(PATH, headers=bearer(asha)).get_json()["digest"] is True


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "_schema"),
        ({"digest": "maybe"}, "digest"),
        ({"events": None}, "events"),
        ({"transactional": False}, "transactional"),
        ({"newsletter": True}, "newsletter"),
    ],
)
def test_a_bad_change_gets_a_4xx_naming_the_field_and_changes_nothing(
    client: FlaskClient, runtime: Runtime, body: dict[str, object], field: str
) -> None:
    member_id = member_with(runtime, ["digest"])
    response = client.patch(PATH, json=body, headers=bearer(member_id))
    assert 400 <= response.status_code < 500
    assert field in response.get_json()["errors"]["json"]
    assert client.get(PATH, headers=bearer(member_id)).get_json()["digest"] is True


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer forged"}, 401), (STAFF, 403)],
)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", PATH),
        ("patch", PATH),
        ("get", "/me/notifications"),
        ("get", "/me/notifications/unread-count"),
        ("post", "/me/notifications/read"),
        ("post", "/me/notifications/m1/read"),
    ],
)
def test_only_a_signed_in_member_has_preferences_and_a_feed(
    refusing_client: FlaskClient, headers: dict[str, str], status: int, method: str, path: str
) -> None:
    response = getattr(refusing_client, method)(path, json={"digest": False}, headers=headers)
    assert response.status_code == status
    assert "message" in response.get_json()
