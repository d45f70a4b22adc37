"""Staff count places and attendance per kind of event and per pillar."""

from flask.testing import FlaskClient

from tests.events.conftest import STAFF
from tests.events.examples import form
from tests.support.auth import bearer

ORGANISER = bearer("org")


def _published(client: FlaskClient, **changes: object) -> str:
    event_id = str(client.post("/events", json=form(**changes), headers=ORGANISER).json["id"])
    client.post(f"/moderation/events/{event_id}/publish", headers=STAFF)
    return event_id


def _came(client: FlaskClient, event_id: str, member: str, attendance: str | None) -> None:
    placed = client.post(f"/events/{event_id}/registrations", headers=bearer(member))
    assert placed.status_code == 201, placed.json
    if attendance is not None:
        url = f"/events/{event_id}/registrations/{placed.json['id']}/attendance"
        recorded = client.put(url, json={"attendance": attendance}, headers=ORGANISER)
        assert recorded.status_code == 200, recorded.json


def test_staff_see_attendance_per_kind_and_per_pillar(client: FlaskClient) -> None:
    webinar = _published(client)
    visit = _published(client, kind="site-visit", pillar="collaborate", capacity=1)
    _came(client, webinar, "ann", "attended")
    _came(client, webinar, "bob", "no-show")
    _came(client, webinar, "cat", None)
    _came(client, visit, "ann", "attended")
    _came(client, visit, "dan", None)  # waitlisted: no place, so not counted
    figures = client.get("/figures/attendance", headers=STAFF)
    assert figures.status_code == 200
    assert figures.json["by_kind"] == {
        "webinar": {"confirmed": 3, "attended": 1, "no_show": 1},
        "site-visit": {"confirmed": 1, "attended": 1, "no_show": 0},
    }
    assert figures.json["by_pillar"]["collaborate"] == {
        "confirmed": 1,
        "attended": 1,
        "no_show": 0,
    }
    assert client.get("/figures/attendance", headers=ORGANISER).status_code == 403
