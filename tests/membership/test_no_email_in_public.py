"""No public endpoint and no public topic carries an email address; the restricted one does."""

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from membership.entrypoints.worker import build_worker
from qplatform.config import Settings
from qplatform.events import CATALOG
from tests.membership.conftest import an_application, outbox
from tests.support.auth import STAFF, bearer
from tests.support.running import running
from tests.support.topics import read_topic

CONTACT_TOPICS = {"membership.member-contact", "membership.applicant-contact"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def a_member_with_a_full_profile(client: FlaskClient) -> str:
    """Approve an applicant, fill in their profile and withdraw another application."""
    receipt = client.post("/applications", json=an_application()).json
    member = client.post(f"/applications/{receipt['id']}/approve", headers=STAFF).json["member_id"]
    profile = {"bio": "Coach.", "expertise": ["lean"], "links": ["https://example.org/asha"]}
    client.patch(f"/members/{member}/profile", json=profile, headers=bearer(member))
    client.put(f"/members/{member}/roles/connector", json={}, headers=STAFF)
    other = client.post("/applications", json=an_application(email="ben@example.org")).json
    client.post(f"/applications/{other['id']}/withdraw", json={"code": other["withdrawal_code"]})
    return str(member)


@pytest.fixture
def database_backend() -> str:
    """Read the streams once, from SQLite: what is published does not depend on the database."""
    return "sqlite"


def test_no_public_endpoint_shows_an_email(client: FlaskClient) -> None:
    member = a_member_with_a_full_profile(client)
    public = [
        client.post("/applications", json=an_application(email="cara@example.org")),
        client.get(f"/members/{member}"),
        client.get(f"/members/{member}", headers=bearer("someone-else")),
        client.get("/directory?q=asha"),
        client.get("/regions"),
        client.get("/waves"),
        client.get("/expertise"),
    ]
    for response in public:
        assert response.status_code in (200, 201)
        assert not EMAIL.search(response.get_data(as_text=True)), response.request.path
    own = client.get(f"/members/{member}/profile", headers=bearer(member))
    assert own.json["email"] == "asha.patel@example.org"


def test_no_public_topic_carries_an_email(
    client: FlaskClient,
    app: Flask,
    database_url: str,
    kafka_bootstrap: str,
    settings_for: Callable[..., Settings],
) -> None:
    a_member_with_a_full_profile(client)
    settings = settings_for(
        "membership", database_url=database_url, kafka_bootstrap=kafka_bootstrap
    )
    topics = {spec.topic for spec in CATALOG.specs() if spec.producer == "membership"}
    with running(build_worker(settings)):
        for topic in topics:
            expected = sum(1 for _ in _staged_on(app, settings.topic(topic.name)))
            records = read_topic(
                kafka_bootstrap, settings.topic(topic.name), until=lambda r, n=expected: len(r) >= n
            )
            emails = [r for r in records if EMAIL.search((r.raw or b"").decode())]
            assert bool(emails) == (topic.name in CONTACT_TOPICS), topic.name


def _staged_on(app: Flask, topic: str) -> list[str]:
    return [kind for kind, on, _ in outbox(app) if on == topic]
