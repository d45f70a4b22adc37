"""A mail is handed to the server at most once; one that cannot be built fails alone."""

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from prometheus_client import REGISTRY
from sqlalchemy import select

from notifications.bootstrap import bootstrap, build_dispatcher
from notifications.domain.model import Contact, Message, MessageState
from notifications.service_layer.dispatch import dispatch_pending, mark_interrupted
from qplatform.config import Settings
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    delivery_for,
    handle,
    joining,
    messages_of,
    new_member_id,
    staged_events,
)
from tests.notifications.smtp_server import SmtpServer
from tests.support.auth import STAFF
from tests.support.waiting import wait_until

HOSTILE = [
    # display name, address
    ("Mallory\r\nBcc: everyone@example.org", "mallory@example.org"),
    ("Mallory\nPatel", "mallory@example.org"),
    ("Mallory Patel", "mällory@example.org"),
    ("Mallory Patel", "mallory@exämple.org"),
]


def member(runtime: Runtime, email: str, name: str = "Asha Patel") -> str:
    member_id = new_member_id()
    handle(runtime, *joining(member_id, "Asha Patel"), contact_recorded(member_id, email))
    with runtime.unit_of_work() as uow:
        # Set as stored, past any check upstream: the sender must hold its own ground.
        contact = uow.session.get(Contact, member_id)
        assert contact is not None
        contact.email, contact.display_name = email, name
        uow.commit()
    return member_id


def unbuildable() -> float:
    labels = {"template": "welcome", "outcome": "unbuildable"}
    return REGISTRY.get_sample_value("qp_mail_dispatched_total", labels) or 0.0


@pytest.mark.parametrize(("name", "address"), HOSTILE)
def test_a_mail_that_cannot_be_built_fails_with_its_reason_and_the_rest_still_go(
    runtime: Runtime, smtp_server: SmtpServer, name: str, address: str
) -> None:
    before = unbuildable()
    asha = member(runtime, "asha@example.org")
    mallory = member(runtime, address, name)
    sam = member(runtime, "sam@example.org", "Sam Okafor")
    sent = dispatch_pending(
        uow_factory=runtime.unit_of_work, delivery=delivery_for(smtp_server), limit=10
    )
    assert sent == 3
    assert [m.rcpt_tos for m in smtp_server.messages] == [["asha@example.org"], ["sam@example.org"]]
    assert not any("everyone@example.org" in m.raw.decode() for m in smtp_server.messages)
    [failed] = messages_of(runtime, mallory)
    assert failed.state == MessageState.FAILED
    assert failed.last_error and "cannot build the mail" in failed.last_error
    assert address not in failed.last_error
    assert unbuildable() == before + 1
    [event] = [e for e in staged_events(runtime, "notification-failed")]
    assert event["subject"] == failed.id
    for member_id in (asha, sam):
        assert [m.state for m in messages_of(runtime, member_id)] == [MessageState.SENT]


def test_a_burst_goes_out_over_one_connection(runtime: Runtime, smtp_server: SmtpServer) -> None:
    for n in range(12):
        member(runtime, f"member{n}@example.org")
    delivery = delivery_for(smtp_server)
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery, limit=20)
    assert len(smtp_server.messages) == 12
    assert len({mail.peer for mail in smtp_server.messages}) == 1


DISPATCH_ONCE = """
from notifications.bootstrap import bootstrap, build_delivery
from notifications.service_layer.dispatch import dispatch_pending
runtime = bootstrap()
delivery = build_delivery(runtime.settings)
dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery, limit=5)
"""


def dispatch_in_a_worker_killed_at_hand_over(settings: Settings, server: SmtpServer) -> int:
    """Run a real process that sends mail; SIGKILL it once the server has the first mail."""
    env = {
        **os.environ,
        "QP_DATABASE_URL": settings.database_url,
        "QP_SMTP_HOST": server.host,
        "QP_SMTP_PORT": str(server.port),
        "QP_MAIL_RATE_PER_SECOND": "0",
    }
    worker = subprocess.Popen([sys.executable, "-c", DISPATCH_ONCE], env=env)
    server.on_data.append(lambda: os.kill(worker.pid, signal.SIGKILL))
    try:
        return worker.wait(timeout=60)
    finally:
        server.on_data.clear()


def test_a_worker_killed_between_hand_over_and_record_leaves_the_mail_for_staff(
    settings: Settings, runtime: Runtime, smtp_server: SmtpServer, client: FlaskClient
) -> None:
    asha = member(runtime, "asha@example.org")
    assert dispatch_in_a_worker_killed_at_hand_over(settings, smtp_server) == -signal.SIGKILL
    assert len(smtp_server.to("asha@example.org")) == 1
    [message] = messages_of(runtime, asha)
    assert message.state == MessageState.SENDING
    delivery = delivery_for(smtp_server)
    assert dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery, limit=5) == 0
    later = mark_interrupted(uow_factory=runtime.unit_of_work, older_than=timedelta(0))
    assert later == 1
    assert dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery, limit=5) == 0
    assert len(smtp_server.to("asha@example.org")) == 1, "never sent twice on its own"
    assert REGISTRY.get_sample_value("qp_mail_uncertain") == 1
    listed = client.get("/messages/uncertain", headers=STAFF)
    assert [m["id"] for m in listed.get_json()] == [message.id]
    assert listed.get_json()[0]["state"] == "uncertain"
    marked = client.post(f"/messages/{message.id}/mark-sent", headers=STAFF)
    assert (marked.status_code, marked.get_json()["state"]) == (200, "sent")
    assert [e["subject"] for e in staged_events(runtime, "notification-sent")] == [message.id]
    again = client.post(f"/messages/{message.id}/resend", headers=STAFF)
    assert again.status_code == 409 and "message_id" in again.get_json()["errors"]["json"]
    assert len(smtp_server.to("asha@example.org")) == 1


def test_staff_send_an_uncertain_mail_again_when_it_did_not_arrive(
    settings: Settings, runtime: Runtime, smtp_server: SmtpServer, client: FlaskClient
) -> None:
    asha = member(runtime, "asha@example.org")
    dispatch_in_a_worker_killed_at_hand_over(settings, smtp_server)
    mark_interrupted(uow_factory=runtime.unit_of_work, older_than=timedelta(0))
    [message] = messages_of(runtime, asha)
    resent = client.post(f"/messages/{message.id}/resend", headers=STAFF)
    assert (resent.status_code, resent.get_json()["state"]) == (200, "queued")
    delivery = delivery_for(smtp_server)
    assert dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery, limit=5) == 1
    first, second = smtp_server.to("asha@example.org")
    assert first.message["Message-ID"] == second.message["Message-ID"]
    assert messages_of(runtime, asha)[0].state == MessageState.SENT


def test_a_database_outage_after_hand_over_leaves_the_mail_sending_not_queued(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    asha = member(runtime, "asha@example.org")
    calls = {"count": 0}

    def failing_after_hand_over() -> object:
        calls["count"] += 1
        if calls["count"] == 2:
            raise OSError("the database went away")
        return runtime.unit_of_work()

    with pytest.raises(OSError):
        dispatch_pending(
            uow_factory=failing_after_hand_over,  # type: ignore[arg-type]
            delivery=delivery_for(smtp_server),
            limit=5,
        )
    assert len(smtp_server.to("asha@example.org")) == 1
    assert messages_of(runtime, asha)[0].state == MessageState.SENDING
    delivery = delivery_for(smtp_server)
    assert dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery, limit=5) == 0
    assert len(smtp_server.to("asha@example.org")) == 1


def test_a_reply_lost_after_the_message_went_over_leaves_the_mail_uncertain(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    asha = member(runtime, "asha@example.org")
    # The server takes the mail but answers only after the sender has stopped waiting.
    smtp_server.on_data.append(lambda: time.sleep(1.0))
    delivery = delivery_for(smtp_server, smtp_timeout_seconds=0.3)
    assert dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery, limit=5) == 1
    smtp_server.on_data.clear()
    [message] = messages_of(runtime, asha)
    assert message.state == MessageState.UNCERTAIN
    assert message.last_error and "during hand-over" in message.last_error
    assert dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery, limit=5) == 0
    assert len(smtp_server.to("asha@example.org")) == 1


def test_several_senders_send_each_mail_of_a_burst_exactly_once(
    database_backend: str,
    fresh_database: Callable[[str, str], str],
    settings_for: Callable[..., Settings],
    smtp_server: SmtpServer,
) -> None:
    settings = settings_for(
        "notifications",
        database_url=fresh_database("notifications", database_backend),
        smtp_port=smtp_server.port,
        extra={"mail_rate_per_second": 0, "mail_senders": 4},
    )
    runtime = bootstrap(settings)
    addresses = [f"member{n}@example.org" for n in range(40)]
    for address in addresses:
        member(runtime, address)
    dispatcher = build_dispatcher(runtime)
    stop = threading.Event()
    loop = threading.Thread(target=dispatcher.run, args=(stop,))
    loop.start()
    try:
        wait_until(lambda: len(smtp_server.messages) >= len(addresses), message="every mail")
        wait_until(
            lambda: all(m.state == MessageState.SENT for m in all_messages(runtime)),
            message="every mail recorded sent",
        )
    finally:
        stop.set()
        loop.join()
        runtime.close()
    assert sorted(mail.rcpt_tos[0] for mail in smtp_server.messages) == sorted(addresses)


def all_messages(runtime: Runtime) -> list[Message]:
    with runtime.unit_of_work() as uow:
        return list(uow.session.scalars(select(Message)))
