"""Staff write a month's editorial and opportunities; every digest of the month shows them."""

from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient

from notifications.service_layer.dispatch import dispatch_pending
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    delivery_for,
    handle,
    joining,
    new_member_id,
)
from tests.notifications.smtp_server import SmtpServer
from tests.support.auth import STAFF, bearer

EDITION = {
    "month": "2026-12",
    "editorial": "Welcome to <b>winter</b> & its work.\r\n\r\nSecond <script>x()</script>thought.",
    "opportunities": [
        {
            "title": "Join the Q Lab on <i>flow</i>",
            "description": "Nine months, one problem.",
            "url": "https://q.health.org.uk/lab",
        },
        {"title": "Peer review a bid"},
    ],
}


def reader(runtime: Runtime) -> str:
    member_id = new_member_id()
    handle(
        runtime,
        *joining(member_id, "Asha Patel", joined_at=datetime(2026, 11, 15, tzinfo=UTC)),
        contact_recorded(member_id, "asha@example.org", "Asha Patel", consents=["digest"]),
    )
    return member_id


def test_the_edition_is_kept_as_plain_text_without_markup(client: FlaskClient) -> None:
    written = client.put("/digests/edition", json=EDITION, headers=STAFF)
    shown = client.get("/digests/edition?month=2026-12", headers=STAFF)
    assert written.status_code == 200
    body = shown.get_json()
    assert body["editorial"] == "Welcome to winter & its work.\n\nSecond thought."
    assert [o["title"] for o in body["opportunities"]] == [
        "Join the Q Lab on flow",
        "Peer review a bid",
    ]
    assert body["opportunities"][1] == {
        "title": "Peer review a bid",
        "description": "",
        "url": None,
    }


def test_the_digest_shows_the_edition_in_plain_text_and_html(
    client: FlaskClient, runtime: Runtime, smtp_server: SmtpServer
) -> None:
    member_id = reader(runtime)
    client.put("/digests/edition", json=EDITION, headers=STAFF)
    preview = client.get(f"/digests/preview?member_id={member_id}&month=2026-12", headers=STAFF)
    assert "From the Q team" in preview.get_json()["text"]
    assert client.post("/digests", json={"month": "2026-12"}, headers=STAFF).status_code == 201
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(smtp_server), limit=9)
    [digest] = [
        m for m in smtp_server.to("asha@example.org") if "Q-municate" in m.message["Subject"]
    ]
    text = digest.text.replace("\r\n", "\n")
    assert "Welcome to winter & its work.\n\nSecond thought." in text
    assert (
        "- Join the Q Lab on flow: Nine months, one problem. (https://q.health.org.uk/lab)" in text
    )
    assert "<p>Welcome to winter &amp; its work.</p>" in digest.html
    assert '<a href="https://q.health.org.uk/lab">Join the Q Lab on flow</a>' in digest.html
    assert "<script>" not in digest.html and "<b>" not in digest.html


def test_the_edition_cannot_change_once_the_month_is_queued(
    client: FlaskClient, runtime: Runtime
) -> None:
    reader(runtime)
    client.post("/digests", json={"month": "2026-12"}, headers=STAFF)
    response = client.put("/digests/edition", json=EDITION, headers=STAFF)
    assert response.status_code == 409
    assert "month" in response.get_json()["errors"]["json"]


BAD = [
    ({"editorial": "x" * 3001}, "editorial"),
    ({"editorial": "bell \x07"}, "editorial"),
    ({"opportunities": [{"title": ""}]}, "opportunities"),
    ({"opportunities": [{"title": "two\nlines"}]}, "opportunities"),
    ({"opportunities": [{"title": "t", "url": "javascript:alert(1)"}]}, "opportunities"),
    ({"opportunities": [{"title": "t"}] * 9}, "opportunities"),
    ({"month": "2026-13"}, "month"),
]


@pytest.mark.parametrize(("change", "field"), BAD)
def test_a_bad_edition_gets_a_422_naming_the_field_and_keeps_nothing(
    client: FlaskClient, change: dict[str, object], field: str
) -> None:
    response = client.put("/digests/edition", json={**EDITION, **change}, headers=STAFF)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]["json"]
    shown = client.get("/digests/edition?month=2026-12", headers=STAFF).get_json()
    assert shown["editorial"] == ""


@pytest.mark.parametrize("headers", [{}, bearer("member-1")])
def test_only_staff_read_or_write_the_edition(client: FlaskClient, headers: dict[str, str]) -> None:
    assert client.put("/digests/edition", json=EDITION, headers=headers).status_code in (401, 403)
    assert client.get("/digests/edition?month=2026-12", headers=headers).status_code in (401, 403)
