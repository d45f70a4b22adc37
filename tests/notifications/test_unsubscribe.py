"""Every non-transactional mail carries a one-click unsubscribe pair (RFC 8058) that works."""

from urllib.parse import urlparse

import pytest
from flask.testing import FlaskClient

from notifications.domain.digest import Month
from notifications.domain.model import MessageState
from notifications.service_layer.digests import queue_digests
from notifications.service_layer.dispatch import dispatch_pending
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    delivery_for,
    handle,
    joining,
    messages_of,
    new_member_id,
)
from tests.notifications.smtp_server import ReceivedMail, SmtpServer
from tests.support.auth import bearer


def digest_and_welcome(runtime: Runtime, server: SmtpServer, month: str) -> tuple[str, list]:
    member_id = new_member_id()
    handle(
        runtime,
        *joining(member_id, "Asha Patel"),
        contact_recorded(member_id, "asha@example.org", consents=["digest"]),
    )
    with runtime.unit_of_work() as uow:
        queue_digests(uow=uow, month=Month.parse(month))
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(server), limit=10)
    return member_id, server.to("asha@example.org")


def link_path(mail: ReceivedMail) -> str:
    return urlparse(mail.message["List-Unsubscribe"].strip("<>")).path.removeprefix(
        "/notifications"
    )


def test_a_digest_carries_the_one_click_pair_and_the_welcome_does_not(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    _, (welcome, digest) = digest_and_welcome(runtime, smtp_server, "2026-12")
    assert welcome.message["List-Unsubscribe"] is None
    assert digest.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = digest.message["List-Unsubscribe"]
    assert link.startswith("<http://127.0.0.1:8080/notifications/unsubscribe/")
    assert link.strip("<>") in digest.text and link.strip("<>") in digest.html


def test_opening_the_link_only_asks_and_a_post_unsubscribes_at_once(
    client: FlaskClient, runtime: Runtime, smtp_server: SmtpServer
) -> None:
    member_id, (_, digest) = digest_and_welcome(runtime, smtp_server, "2026-12")
    prefs = "/me/preferences"
    page = client.get(link_path(digest))
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert '<form method="post"' in page.get_data(as_text=True)
    assert client.get(prefs, headers=bearer(member_id)).get_json()["digest"] is True
    done = client.post(link_path(digest), data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "unsubscribed" in done.get_data(as_text=True)
    for shown in (page, done):  # opened from a phone's mail app as often as not
        assert 'name="viewport" content="width=device-width' in shown.get_data(as_text=True)
    assert client.get(prefs, headers=bearer(member_id)).get_json() == {
        "digest": False,
        "coffee-trials": False,
        "events": False,
        "community-news": False,
        "talk-requests": False,
    }


def test_after_unsubscribing_queued_mail_of_that_category_is_not_sent(
    client: FlaskClient, runtime: Runtime, smtp_server: SmtpServer
) -> None:
    member_id, (_, digest) = digest_and_welcome(runtime, smtp_server, "2026-11")
    handle(runtime, contact_recorded(member_id, "asha@example.org"))
    with runtime.unit_of_work() as uow:
        queue_digests(uow=uow, month=Month.parse("2026-12"))
    client.post(link_path(digest))
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(smtp_server), limit=10)
    assert len(smtp_server.to("asha@example.org")) == 2
    last = messages_of(runtime, member_id)[-1]
    assert (last.state, last.last_error) == (
        MessageState.FAILED,
        "member does not want digest mail",
    )


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("token", ["forged", "WyJtMSIsImRpZ2VzdCJd.bad-signature"])
def test_a_forged_link_gets_a_4xx_naming_the_token(
    refusing_client: FlaskClient, method: str, token: str
) -> None:
    response = getattr(refusing_client, method)(f"/unsubscribe/{token}")
    assert response.status_code == 422
    assert "token" in response.get_json()["errors"]["json"]
