"""Who may call each route: anonymous callers, members, the organiser, and staff."""

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from events.entrypoints.web import create_app
from qplatform.web.access import ROLES_EXTENSION
from tests.events.conftest import STAFF
from tests.events.examples import form
from tests.events.talk_examples import series_form, talk_form
from tests.support.auth import bearer

ANONYMOUS: dict[str, str] = {}
MEMBER = bearer("ann")
ORGANISER = bearer("org")
POST: dict[str, object] = {
    "kind": "blog",
    "title": "Crisis care",
    "body": "What we *learnt*",
    "pillar": "learn",
}


@dataclass(frozen=True)
class World:
    """A published member's event with Ann registered, and another still pending."""

    event_id: str
    pending_id: str
    hidden_id: str
    registration_id: str
    draft_id: str
    submitted_id: str
    post_id: str
    comment_id: str
    talk_id: str
    request_id: str
    series_id: str


def _build(client: FlaskClient) -> World:
    event_id = client.post("/events", json=form(), headers=ORGANISER).get_json()["id"]
    pending_id = client.post("/events", json=form(), headers=ORGANISER).get_json()["id"]
    hidden_id = client.post("/events", json=form(), headers=ORGANISER).get_json()["id"]
    for published in (event_id, hidden_id):
        client.post(f"/moderation/events/{published}/publish", headers=STAFF)
    client.put(f"/moderation/events/{hidden_id}/hidden", json={"reason": "Off"}, headers=STAFF)
    registration = client.post(f"/events/{event_id}/registrations", headers=MEMBER)
    draft_id, submitted_id, post_id = (_post(client) for _ in range(3))
    for submitted in (submitted_id, post_id):
        client.post(f"/posts/{submitted}/submit", headers=MEMBER)
    client.post(f"/posts/{post_id}/publish", headers=STAFF)
    comment = client.post(f"/posts/{post_id}/comments", json={"text": "Hi"}, headers=MEMBER)
    talk_id = client.post("/talks", json=talk_form(), headers=ORGANISER).get_json()["id"]
    request = client.post(f"/talks/{talk_id}/requests", json={"message": "Hi"}, headers=MEMBER)
    series_id = client.post("/series", json=series_form(), headers=ORGANISER).get_json()["id"]
    return World(
        event_id,
        pending_id,
        hidden_id,
        registration.get_json()["id"],
        draft_id,
        submitted_id,
        post_id,
        comment.get_json()["id"],
        talk_id,
        request.get_json()["id"],
        series_id,
    )


def _post(client: FlaskClient) -> str:
    answer = client.post("/posts", json=POST, headers=MEMBER)
    return str(answer.get_json()["id"])


@pytest.fixture(scope="module")
def world_template(
    sqlite_template: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[World]]:
    """Build one world per kind of caller once, in a database file each test gets a copy of."""
    path = tmp_path_factory.mktemp("world") / "events.db"
    shutil.copyfile(sqlite_template("events"), path)
    app = create_app({"database_url": f"sqlite:///{path}"})
    worlds = [_build(app.test_client()) for _ in CALLERS]
    app.extensions["qplatform"].close()
    return path, worlds


@pytest.fixture
def worlds(world_template: tuple[Path, list[World]], database_url: str) -> list[World]:
    """Give this test its own copy of the worlds, as its database."""
    shutil.copyfile(world_template[0], database_url.removeprefix("sqlite:///"))
    return world_template[1]


ROUTES: list[tuple[str, str, dict[str, object] | None]] = [
    ("GET", "/events", None),
    ("POST", "/events", form()),
    ("GET", "/events/mine", None),
    ("GET", "/events/{event}", None),
    ("PATCH", "/events/{event}", {"title": "Renamed"}),
    ("POST", "/events/{event}/cancel", {"reason": "Unwell"}),
    ("POST", "/events/{event}/registrations", None),
    ("GET", "/events/{event}/registrations", None),
    ("GET", "/events/{event}/registrations/mine", None),
    ("DELETE", "/events/{event}/registrations/mine", None),
    ("PUT", "/events/{event}/registrations/{registration}/attendance", {"attendance": "attended"}),
    ("GET", "/moderation/events", None),
    ("POST", "/moderation/events/{pending}/publish", None),
    ("POST", "/moderation/events/{pending}/reject", {"reason": "Off topic"}),
    ("GET", "/moderation/events?status=hidden", None),
    ("PUT", "/moderation/events/{event}/hidden", {"reason": "Sells a product"}),
    ("DELETE", "/moderation/events/{hidden}/hidden", None),
    ("GET", "/events/{hidden}", None),
    ("PUT", "/moderation/organisers/org", {"trusted": True}),
    ("GET", "/moderation/organisers/org/events", None),
    ("GET", "/moderation/posts", None),
    ("GET", "/posts", None),
    ("POST", "/posts", POST),
    ("GET", "/posts/mine", None),
    ("GET", "/posts/{post}", None),
    ("GET", "/posts/{draft}", None),
    ("PATCH", "/posts/{draft}", {"title": "v2"}),
    ("POST", "/posts/{draft}/submit", None),
    ("POST", "/posts/{submitted}/publish", None),
    ("POST", "/posts/{submitted}/reject", {"reason": "Needs sources"}),
    ("GET", "/posts/{post}/comments", None),
    ("POST", "/posts/{post}/comments", {"text": "Agreed"}),
    ("GET", "/events/{event}/comments", None),
    ("POST", "/events/{event}/comments", {"text": "See you there"}),
    ("POST", "/comments/{comment}/flag", None),
    ("GET", "/comments/flagged", None),
    ("PUT", "/comments/{comment}/hidden", None),
    ("DELETE", "/comments/{comment}/hidden", None),
    ("GET", "/calendars/events.ics", None),
    ("GET", "/calendars/regions/scotland.ics", None),
    ("GET", "/calendars/pillars/learn.ics", None),
    ("GET", "/calendars/events/{event}.ics", None),
    ("GET", "/calendars/mine", None),
    ("DELETE", "/calendars/mine", None),
    ("GET", "/talks?subject=measuring", None),
    ("POST", "/talks", talk_form()),
    ("GET", "/talks/{talk}", None),
    ("PATCH", "/talks/{talk}", {"format": "online"}),
    ("DELETE", "/talks/{talk}", None),
    ("POST", "/talks/{talk}/requests", {"message": "Our May conference?"}),
    ("GET", "/talks/requests", None),
    ("GET", "/talks/requests/{request}", None),
    ("POST", "/talks/requests/{request}/accept", {}),
    ("POST", "/talks/requests/{request}/decline", {"reply": "Not this time"}),
    ("GET", "/series", None),
    ("POST", "/series", series_form()),
    ("GET", "/series/{series}", None),
    ("GET", "/series/{series}/calendar.ics", None),
    ("GET", "/figures/attendance", None),
]
CALLERS = [("anonymous", ANONYMOUS), ("member", MEMBER), ("organiser", ORGANISER), ("staff", STAFF)]
# Status per caller: anonymous, a member (Ann, registered), the organiser, staff.
EXPECTED = [
    (200, 200, 200, 200),
    (401, 201, 201, 201),
    (401, 200, 200, 403),
    (200, 200, 200, 200),
    (401, 403, 200, 200),
    (401, 403, 200, 200),
    (401, 409, 201, 403),
    (401, 403, 200, 200),
    (401, 200, 404, 403),
    (401, 200, 404, 403),
    (401, 403, 200, 200),
    (401, 403, 403, 200),
    (401, 403, 403, 200),
    (401, 403, 403, 200),
    (401, 403, 403, 200),
    (401, 403, 403, 200),
    (401, 403, 403, 200),
    (404, 404, 200, 200),
    (401, 403, 403, 204),
    (401, 403, 403, 200),
    (401, 403, 403, 200),
    (200, 200, 200, 200),
    (401, 201, 201, 403),
    (401, 200, 200, 403),
    (200, 200, 200, 200),
    (404, 200, 404, 200),
    (401, 200, 403, 403),
    (401, 200, 403, 403),
    (401, 403, 403, 200),
    (401, 403, 403, 200),
    (401, 200, 200, 200),
    (401, 201, 201, 403),
    (401, 200, 200, 200),
    (401, 201, 201, 403),
    (401, 204, 204, 204),
    (401, 403, 403, 200),
    (401, 403, 403, 200),
    (401, 403, 403, 200),
    (200, 200, 200, 200),
    (200, 200, 200, 200),
    (200, 200, 200, 200),
    (200, 200, 200, 200),
    (401, 200, 200, 403),
    (401, 200, 200, 403),
    (401, 200, 200, 200),
    (401, 201, 201, 403),
    (401, 200, 200, 200),
    (401, 403, 200, 200),
    (401, 403, 204, 204),
    (401, 201, 403, 403),
    (401, 200, 200, 403),
    (401, 200, 200, 200),
    (401, 403, 200, 403),
    (401, 403, 200, 403),
    (200, 200, 200, 200),
    (401, 201, 201, 201),
    (200, 200, 200, 200),
    (200, 200, 200, 200),
    (401, 403, 403, 200),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    [(*route, statuses) for route, statuses in zip(ROUTES, EXPECTED, strict=True)],
    ids=[f"{method} {path}" for method, path, _ in ROUTES],
)
def test_each_route_answers_each_kind_of_caller_as_the_table_says(
    worlds: list[World],
    client: FlaskClient,
    method: str,
    path: str,
    body: dict[str, object] | None,
    expected: tuple[int, ...],
) -> None:
    seen = {}
    for (who, headers), world in zip(CALLERS, worlds, strict=True):
        url = path.format(
            event=world.event_id,
            pending=world.pending_id,
            hidden=world.hidden_id,
            registration=world.registration_id,
            draft=world.draft_id,
            submitted=world.submitted_id,
            post=world.post_id,
            comment=world.comment_id,
            talk=world.talk_id,
            request=world.request_id,
            series=world.series_id,
        )
        seen[who] = client.open(url, method=method, json=body, headers=headers).status_code
    assert seen == dict(zip([who for who, _ in CALLERS], expected, strict=True))


# Operations the table does not call, as a secret or a second hiding is needed first.
UNLISTED = {
    ("GET", "/calendars/private/{secret}.ics"): ["anyone"],
    ("PUT", "/posts/{post_id}/hidden"): ["staff"],
    ("DELETE", "/posts/{post_id}/hidden"): ["staff"],
}


def _declared_roles(statuses: tuple[int, ...]) -> list[str]:
    """Read the roles a route declares off its row: who gets past the door at all."""
    anonymous, member, organiser, _ = statuses
    if anonymous != 401:
        return ["anyone"]
    if member == 403 and organiser == 403:
        return ["staff"]
    return ["member"]


def _operation_of(route: str, operations: list[tuple[str, str]]) -> tuple[str, str]:
    """Return the operation a row's request reaches: the most literal path that matches it."""
    method, path = route.split(" ")
    found = [
        (m, template)
        for m, template in operations
        if m == method and re.fullmatch(re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template)), path)
    ]
    return min(found, key=lambda operation: operation[1].count("{"))


def test_every_operation_declares_the_roles_its_row_in_the_table_shows(
    unwritten_client: FlaskClient,
) -> None:
    spec = unwritten_client.get("/openapi.json").get_json()
    declared = {
        (method.upper(), path): operation.get(ROLES_EXTENSION)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if method in ("get", "post", "put", "patch", "delete")
    }
    expected: dict[tuple[str, str], list[str]] = {}
    for (method, route, _), statuses in zip(ROUTES, EXPECTED, strict=True):
        found = _operation_of(f"{method} {route.split('?')[0]}", list(declared))
        expected[found] = _declared_roles(statuses)
    expected.update(UNLISTED)
    assert {key: declared[key] for key in expected} == expected
    assert set(declared) == set(expected), "every operation has a row in the table"
