"""Organisers list their own events and authors their own posts, in every state."""

import json

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.events.conftest import STAFF
from tests.events.examples import form, rows
from tests.support.auth import bearer

ORG = bearer("org")
POST = {"kind": "blog", "title": "Crisis care", "body": "Hello", "pillar": "learn"}


def _event(client: FlaskClient, title: str, day: int = 1, headers: dict[str, str] = ORG) -> str:
    body = form(
        title=title, starts_at=f"2031-06-0{day}T10:00:00+00:00", ends_at=f"2031-06-0{day}T11:00:00Z"
    )
    return str(client.post("/events", json=body, headers=headers).get_json()["id"])


def _titles(answer: TestResponse) -> list[tuple[str, str, str | None]]:
    return [(e["title"], e["status"], e["rejection_reason"]) for e in answer.get_json()]


def _season(client: FlaskClient) -> None:
    """Give the organiser one event in each state, and someone else one event."""
    _, published, rejected = (_event(client, title, day) for day, title in enumerate("ABC", 1))
    _event(client, "D", 4, headers=bearer("someone-else"))
    client.post(f"/moderation/events/{published}/publish", headers=STAFF)
    client.post(
        f"/moderation/events/{rejected}/reject", json={"reason": "Off topic"}, headers=STAFF
    )


def test_an_organiser_lists_their_own_events_in_every_state_with_why_one_was_rejected(
    client: FlaskClient,
) -> None:
    _season(client)
    mine = client.get("/events/mine", headers=ORG)
    assert mine.status_code == 200
    assert _titles(mine) == [
        ("C", "rejected", "Off topic"),
        ("B", "published", None),
        ("A", "pending", None),
    ]
    assert client.get("/events/mine", headers=bearer("nobody")).get_json() == []


def test_an_organiser_narrows_their_events_to_some_states(client: FlaskClient) -> None:
    _season(client)
    answer = client.get("/events/mine?status=pending&status=rejected", headers=ORG)
    assert [title for title, _, _ in _titles(answer)] == ["C", "A"]
    assert json.loads(answer.headers["X-Pagination"])["total"] == 2


def test_staff_list_any_organisers_events_in_every_state(client: FlaskClient) -> None:
    _season(client)
    answer = client.get("/moderation/organisers/org/events?status=rejected", headers=STAFF)
    assert _titles(answer) == [("C", "rejected", "Off topic")]


def test_an_organisers_events_at_the_same_time_keep_one_order_across_pages(
    client: FlaskClient,
) -> None:
    made = {_event(client, f"same {n}") for n in range(5)}
    seen = []
    for page in (1, 2, 3):
        answer = client.get(f"/events/mine?page={page}&page_size=2", headers=ORG)
        seen += [event["id"] for event in answer.get_json()]
    assert set(seen) == made and seen == sorted(seen, reverse=True)


def test_an_author_lists_their_own_posts_in_every_state_with_why_one_was_rejected(
    client: FlaskClient,
) -> None:
    ids = [
        client.post("/posts", json={**POST, "title": t}, headers=ORG).get_json()["id"]
        for t in "ABCD"
    ]
    client.post("/posts", json=POST, headers=bearer("someone-else"))
    for post_id in ids[1:]:
        client.post(f"/posts/{post_id}/submit", headers=ORG)
    client.post(f"/posts/{ids[2]}/reject", json={"reason": "Needs sources"}, headers=STAFF)
    client.post(f"/posts/{ids[3]}/publish", headers=STAFF)
    mine = client.get("/posts/mine", headers=ORG).get_json()
    assert {p["title"]: (p["status"], p["rejection_reason"]) for p in mine} == {
        "A": ("draft", None),
        "B": ("submitted", None),
        "C": ("rejected", "Needs sources"),
        "D": ("published", None),
    }
    unpublished = client.get("/posts/mine?status=draft&status=rejected", headers=ORG).get_json()
    assert sorted(p["title"] for p in unpublished) == ["A", "C"]
    queue = client.get("/moderation/posts", headers=STAFF).get_json()
    assert [p["title"] for p in queue] == ["B"]


BAD_QUERIES = [
    ("/events/mine?status=lost", ORG, "status"),
    ("/events/mine?page=0", ORG, "page"),
    ("/events/mine?page_size=1000", ORG, "page_size"),
    ("/moderation/organisers/org/events?status=draft", STAFF, "status"),
    ("/moderation/organisers/org/events?page=first", STAFF, "page"),
    ("/posts/mine?status=pending", ORG, "status"),
    ("/posts/mine?page_size=0", ORG, "page_size"),
]


@pytest.mark.parametrize(
    ("path", "headers", "field"), BAD_QUERIES, ids=[path for path, _, _ in BAD_QUERIES]
)
def test_a_bad_listing_query_gets_a_422_naming_the_argument_and_nothing_is_written(
    unwritten_client: FlaskClient, path: str, headers: dict[str, str], field: str
) -> None:
    answer = unwritten_client.get(path, headers=headers)
    assert answer.status_code == 422
    assert field in answer.get_json()["errors"]["query"]
    assert rows(unwritten_client.application.extensions["qplatform"].engine) == (0, 0)
