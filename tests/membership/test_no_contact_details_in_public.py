"""Nothing public shows contact details: no open route, and no event of any type on a public topic.

Unlike test_no_email_in_public, this walks every open GET route the OpenAPI document lists
and every event type membership publishes, after a world that stages each of them.
"""

import json
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from qplatform.events import CATALOG
from tests.analytics.test_no_contact_details import EMAIL, contact_details
from tests.membership.conftest import an_application, outbox, password_link
from tests.membership.responses import body
from tests.support.auth import STAFF, bearer

SPEC = json.loads((Path(__file__).parents[2] / "docs" / "openapi" / "membership.json").read_text())
OPEN_ROUTES = sorted(
    path
    for path, methods in SPEC["paths"].items()
    if "get" in methods and not methods["get"].get("security")
)
PROFILE = {
    "bio": "Improvement coach in emergency care.",
    "expertise": ["lean"],
    "tags": ["sepsis"],
    "interests": ["flow"],
    "links": ["https://example.org/asha"],
}


@pytest.fixture
def database_backend() -> str:
    """Look on SQLite: what is shown and staged does not depend on the database."""
    return "sqlite"


def a_member(client: FlaskClient, email: str, name: str) -> str:
    receipt = body(client.post("/applications", json=an_application(email=email, name=name)))
    approved = client.post(f"/applications/{receipt['id']}/approve", headers=STAFF)
    return str(body(approved)["member_id"])


@pytest.fixture
def world(client: FlaskClient, app: Flask) -> dict[str, str]:
    """Do one of everything membership announces; return the ids the open routes need."""
    client.patch("/regions/scotland", json={"name": "Alba"}, headers=STAFF)
    wave = client.get("/waves").json[0]["id"]
    client.patch(f"/waves/{wave}", json={"target": 60}, headers=STAFF)
    asha = a_member(client, "asha.patel@example.org", "Asha Patel")
    password = {"token": password_link(app), "password": "a long and memorable passphrase"}
    client.post("/accounts/password", json=password)
    login = {"email": "asha.patel@example.org", "password": password["password"]}
    tokens = body(client.post("/accounts/login", json=login))
    client.post("/accounts/logout", json={"refresh_token": tokens["refresh_token"]})
    ben = a_member(client, "ben.okafor@example.org", "Ben Okafor")
    client.patch(f"/members/{asha}/profile", json=PROFILE, headers=bearer(asha))
    client.put(f"/members/{asha}/roles/connector", json={}, headers=STAFF)
    group = client.post("/groups", json={"name": "Flow", "purpose": "Share."}, headers=bearer(asha))
    members = f"/groups/{body(group)['id']}/members"
    client.post(members, headers=bearer(ben))
    client.delete(f"{members}/{ben}", headers=bearer(ben))
    turned_down = body(client.post("/applications", json=an_application(email="cara@x.org")))
    reason = {"reason": "Email cara@x.org about the next wave."}
    client.post(f"/applications/{turned_down['id']}/reject", json=reason, headers=STAFF)
    withdrawn = body(client.post("/applications", json=an_application(email="dan@x.org")))
    code = {"code": withdrawn["withdrawal_code"]}
    client.post(f"/applications/{withdrawn['id']}/withdraw", json=code)
    client.delete(f"/members/{ben}/membership", headers=bearer(ben))
    client.post(f"/waves/{wave}/close", headers=STAFF)
    return {"member_id": asha, "group_id": body(group)["id"], "wave_id": wave}


def test_no_open_route_shows_a_contact_detail(client: FlaskClient, world: dict[str, str]) -> None:
    for path in OPEN_ROUTES:
        for headers in ({}, bearer("someone-else")):
            response = client.get(path.format(**world), headers=headers)
            assert response.status_code == 200, path
            assert not EMAIL.search(response.get_data(as_text=True)), path


def test_no_public_event_of_any_type_carries_a_contact_detail(
    app: Flask, world: dict[str, str]
) -> None:
    staged = [(kind, topic, json.loads(payload)) for kind, topic, payload in outbox(app) if payload]
    published = {spec.type for spec in CATALOG.specs() if spec.producer == "membership"}
    assert {kind for kind, _, _ in staged} == published
    public = [(kind, event) for kind, topic, event in staged if not _restricted(topic)]
    leaks = [(kind, found) for kind, event in public if (found := contact_details(event))]
    assert leaks == []


def test_no_public_event_names_a_member_or_their_work(app: Flask, world: dict[str, str]) -> None:
    personal = ("Asha Patel", "Ben Okafor", "Lancashire Teaching Hospitals", "Improvement Lead")
    public = [payload for _, topic, payload in outbox(app) if payload and not _restricted(topic)]
    assert public
    assert [p for p in public if any(words in p for words in personal)] == []


def _restricted(topic: str) -> bool:
    return any(s.topic.restricted for s in CATALOG.specs() if topic.endswith(s.topic.name))
