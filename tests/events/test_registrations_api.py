"""Registering over HTTP, the online link shown only to members with a place, and bad input."""

import pytest
from flask.testing import FlaskClient

from tests.events.conftest import STAFF
from tests.events.examples import form, staged_types
from tests.support.auth import bearer

LINK = "https://meet.example.org/q-webinar"


def _webinar(client: FlaskClient, capacity: int = 1) -> str:
    body = form(capacity=capacity, online_link=LINK)
    answer = client.post("/events", json=body, headers=STAFF)
    assert answer.status_code == 201, answer.get_json()
    return str(answer.get_json()["id"])


def _link_seen_by(client: FlaskClient, event_id: str, headers: dict[str, str]) -> str | None:
    link: str | None = client.get(f"/events/{event_id}", headers=headers).get_json()["online_link"]
    return link


def test_the_link_is_shown_only_to_members_with_a_place(client: FlaskClient) -> None:
    event_id = _webinar(client)
    for member in ("ann", "bob"):
        client.post(f"/events/{event_id}/registrations", headers=bearer(member))
    assert _link_seen_by(client, event_id, bearer("ann")) == LINK
    assert _link_seen_by(client, event_id, bearer("bob")) is None
    assert _link_seen_by(client, event_id, {}) is None
    assert _link_seen_by(client, event_id, STAFF) == LINK
    assert LINK not in client.get("/events").get_data(as_text=True)


def test_a_place_given_up_over_http_goes_to_the_waitlist(client: FlaskClient) -> None:
    event_id = _webinar(client)
    first = client.post(f"/events/{event_id}/registrations", headers=bearer("ann"))
    second = client.post(f"/events/{event_id}/registrations", headers=bearer("bob"))
    assert (first.status_code, first.get_json()["status"]) == (201, "confirmed")
    assert (second.status_code, second.get_json()["status"]) == (201, "waitlisted")
    assert (first.get_json()["position"], second.get_json()["position"]) == (None, 1)
    third = client.post(f"/events/{event_id}/registrations", headers=bearer("cat"))
    assert third.get_json()["position"] == 2
    gone = client.delete(f"/events/{event_id}/registrations/mine", headers=bearer("ann"))
    assert gone.get_json()["status"] == "cancelled"
    mine = client.get(f"/events/{event_id}/registrations/mine", headers=bearer("bob"))
    assert mine.get_json()["status"] == "confirmed"
    waiting = client.get(f"/events/{event_id}/registrations/mine", headers=bearer("cat"))
    assert waiting.get_json()["position"] == 1
    assert _link_seen_by(client, event_id, bearer("bob")) == LINK


def test_a_member_submits_an_event_staff_see_it_in_moderation(client: FlaskClient) -> None:
    created = client.post("/events", json=form(), headers=bearer("org"))
    assert created.get_json()["status"] == "pending"
    queue = client.get("/moderation/events", headers=STAFF).get_json()
    assert [event["id"] for event in queue] == [created.get_json()["id"]]
    assert client.get(f"/events/{created.get_json()['id']}").status_code == 404


def _engine(client: FlaskClient) -> object:
    return client.application.extensions["qplatform"].engine


BAD_REQUESTS: list[tuple[str, str, str, dict[str, object], str]] = [
    ("PATCH", "/events/{event}", "blank title", {"title": ""}, "title"),
    ("PATCH", "/events/{event}", "unknown kind", {"kind": "lecture"}, "kind"),
    ("PATCH", "/events/{event}", "capacity text", {"capacity": "ten"}, "capacity"),
    ("PATCH", "/events/{event}", "capacity too low", {"capacity": 1}, "capacity"),
    ("PATCH", "/events/{event}", "ends early", {"ends_at": "2001-01-01T00:00:00+00:00"}, "ends_at"),
    ("PATCH", "/events/{event}", "link not https", {"online_link": "http://x.org"}, "online_link"),
    ("PATCH", "/events/{event}", "link script", {"online_link": "javascript:x"}, "online_link"),
    ("PATCH", "/events/{event}", "topic not a slug", {"topics": ["Mental Health"]}, "topics"),
    ("PATCH", "/events/{event}", "topics not a list", {"topics": "data"}, "topics"),
    ("PATCH", "/events/{event}", "unknown field", {"email": "a@b.org"}, "email"),
    (
        "PATCH",
        "/events/{event}",
        "window closes after end",
        {"registration_closes_at": "2099-01-01T00:00:00+00:00"},
        "registration_closes_at",
    ),
    ("POST", "/events/{event}/cancel", "reason too long", {"reason": "x" * 501}, "reason"),
    ("POST", "/events/{event}/cancel", "reason a number", {"reason": 5}, "reason"),
    ("POST", "/moderation/events/{event}/reject", "no reason", {}, "reason"),
    ("PUT", "/moderation/organisers/org", "trusted text", {"trusted": "maybe"}, "trusted"),
    (
        "PUT",
        "/events/{event}/registrations/{registration}/attendance",
        "unknown attendance",
        {"attendance": "late"},
        "attendance",
    ),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [case[:2] + case[3:] for case in BAD_REQUESTS],
    ids=[case[2] for case in BAD_REQUESTS],
)
def test_bad_input_on_any_route_gets_a_4xx_naming_the_field_and_nothing_is_written(
    client: FlaskClient, method: str, path: str, body: dict[str, object], field: str
) -> None:
    event_id = _webinar(client, capacity=3)
    registrations = f"/events/{event_id}/registrations"
    for member in ("ann", "bob"):
        registration = client.post(registrations, headers=bearer(member)).get_json()
    before = staged_types(_engine(client))  # type: ignore[arg-type]
    url = path.format(event=event_id, registration=registration["id"])
    answer = client.open(url, method=method, json=body, headers=STAFF)
    assert 400 <= answer.status_code < 500
    assert field in answer.get_json()["errors"]["json"]
    assert staged_types(_engine(client)) == before  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("region=atlantis", "region"),
        ("pillar=share", "pillar"),
        ("kind=lecture", "kind"),
        ("topic=Mental%20Health", "topic"),
        ("starts_from=tomorrow", "starts_from"),
        ("starts_before=2031-01-01T00:00:00", "starts_before"),
        ("when=someday", "when"),
    ],
)
def test_a_bad_search_gets_a_422_naming_the_argument(
    client: FlaskClient, query: str, field: str
) -> None:
    answer = client.get(f"/events?{query}")
    assert answer.status_code == 422
    assert field in answer.get_json()["errors"]["query"]


def test_unknown_events_and_registrations_are_json_404s(client: FlaskClient) -> None:
    event_id = _webinar(client)
    for method, url, body, headers in [
        ("POST", "/events/nope/registrations", None, bearer("ann")),
        ("PATCH", "/events/nope", {}, STAFF),
        (
            "PUT",
            f"/events/{event_id}/registrations/nope/attendance",
            {"attendance": "attended"},
            STAFF,
        ),
    ]:
        answer = client.open(url, method=method, json=body, headers=headers)
        assert answer.status_code == 404, (url, answer.get_json())
