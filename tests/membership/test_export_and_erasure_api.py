"""A member downloads what membership holds about them, and leaves Q without a trace."""

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from membership.adapters.storage import PLUMBING
from membership.domain.model import Application
from tests.membership.conftest import an_application, outbox, staged
from tests.membership.responses import total
from tests.support.auth import STAFF, bearer


def a_member(client: FlaskClient) -> str:
    receipt = client.post("/applications", json=an_application()).json
    member: str = client.post(f"/applications/{receipt['id']}/approve", headers=STAFF).json[
        "member_id"
    ]
    client.patch(f"/members/{member}/profile", json={"bio": "Coach."}, headers=bearer(member))
    return member


def test_a_member_downloads_everything_held_about_them(client: FlaskClient) -> None:
    member = a_member(client)
    response = client.get(f"/members/{member}/export", headers=bearer(member))
    assert response.status_code == 200
    export = response.json
    assert export["profile"]["email"] == "asha.patel@example.org"
    assert export["profile"]["bio"] == "Coach."
    [application] = export["applications"]
    assert application["statement"].startswith("Led a quality improvement")
    assert application["consent_version"] == "2026-01"
    assert export["account"] == {"has_password": False, "sessions": []}
    assert client.get(f"/members/{member}/export", headers=bearer("other")).status_code == 403


def test_a_member_who_leaves_is_erased_and_announced_without_personal_data(
    client: FlaskClient, app: Flask
) -> None:
    member = a_member(client)
    assert client.delete(f"/members/{member}/membership", headers=bearer(member)).status_code == 204
    assert client.get(f"/members/{member}").status_code == 404
    assert total(client.get("/directory")) == 0
    [left] = staged(app, "member-left")
    assert set(left) == {"member_id", "left_at"}
    with app.extensions["qplatform"].engine.connect() as connection:
        [application] = connection.execute(select(Application.__table__)).mappings().all()
        outbox = PLUMBING.outbox
        tombstones = connection.execute(
            select(outbox.c.topic, outbox.c.key, outbox.c.payload).where(
                outbox.c.event_type == "tombstone", outbox.c.key == member
            )
        ).all()
    assert "asha" not in str(dict(application)).lower()
    assert (application["region"], application["status"]) == ("north-west-coast", "approved")
    assert sorted(t.topic.rsplit(".", 1)[-1] for t in tombstones) == [
        "member-contact",
        "member-profile",
    ]
    assert {(t.key, t.payload) for t in tombstones} == {(member, None)}


def test_a_leavers_name_organisation_and_address_are_gone_from_the_outbox(
    client: FlaskClient, app: Flask
) -> None:
    member = a_member(client)
    personal = ("Asha Patel", "Lancashire Teaching Hospitals", "asha.patel@example.org")
    assert any(word in str(outbox(app)) for word in personal)
    client.delete(f"/members/{member}/membership", headers=bearer(member))
    assert [word for word in personal if word in str(outbox(app))] == []
    assert "member-left" in [kind for kind, _, _ in outbox(app)]


def test_someone_who_left_may_apply_again(client: FlaskClient) -> None:
    member = a_member(client)
    client.delete(f"/members/{member}/membership", headers=STAFF)
    assert client.post("/applications", json=an_application()).status_code == 201


def test_only_the_member_and_staff_erase_a_member(client: FlaskClient) -> None:
    member = a_member(client)
    assert client.delete(f"/members/{member}/membership").status_code == 401
    assert client.delete(f"/members/{member}/membership", headers=bearer("x")).status_code == 403
    assert client.get(f"/members/{member}").status_code == 200
