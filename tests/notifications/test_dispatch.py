"""Sending queued mail through a real SMTP server on loopback."""

import threading

import pytest

from notifications.adapters.mailer import MailServerUnavailable, SmtpMailer
from notifications.domain.model import Message, MessageState
from notifications.service_layer.dispatch import MailDispatcher, dispatch_pending
from notifications.service_layer.handlers import EVENT_HANDLERS
from qplatform.events import Envelope
from qplatform.messaging.backoff import Backoff
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    member_joined,
    new_member_id,
    received,
)
from tests.notifications.smtp_server import SmtpServer
from tests.support.waiting import wait_until

SENDER = "Q Community <hello@q.health.org.uk>"


def handle(runtime: Runtime, *events: Envelope) -> None:
    for event in events:
        with runtime.unit_of_work() as uow:
            EVENT_HANDLERS[(event.type, event.version)](uow, received(event))
            uow.commit()


def mailer_for(server: SmtpServer) -> SmtpMailer:
    return SmtpMailer(server.host, server.port, SENDER, timeout=5.0)


def dispatch(runtime: Runtime, server: SmtpServer, limit: int = 10) -> int:
    return dispatch_pending(
        uow_factory=runtime.unit_of_work, mailer=mailer_for(server), limit=limit
    )


def message_of(runtime: Runtime, member_id: str) -> Message:
    with runtime.unit_of_work() as uow:
        return uow.session.query(Message).filter_by(member_id=member_id).one()


def new_member(runtime: Runtime, email: str, *, with_contact: bool = True) -> str:
    member_id = new_member_id()
    handle(runtime, member_joined(member_id, "Asha Patel"))
    if with_contact:
        handle(runtime, contact_recorded(member_id, email, "Asha Patel"))
    return member_id


def test_a_queued_welcome_is_mailed_to_the_members_address(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    member_id = new_member(runtime, "asha@example.org")
    assert dispatch(runtime, smtp_server) == 1
    [mail] = smtp_server.messages
    assert mail.rcpt_tos == ["asha@example.org"]
    assert mail.message["To"] == "Asha Patel <asha@example.org>"
    assert mail.message["From"] == SENDER
    assert mail.message["Subject"] == "Welcome to Q"
    assert mail.text.startswith("Dear Asha Patel,")
    message = message_of(runtime, member_id)
    assert mail.message["Message-ID"] == f"<{message.mail_id}@q.health.org.uk>"
    assert (message.state, message.attempts, message.last_error) == (MessageState.SENT, 1, None)
    assert message.sent_at is not None
    assert dispatch(runtime, smtp_server) == 0
    assert len(smtp_server.messages) == 1


def test_a_message_waits_until_the_members_contact_arrives(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    member_id = new_member(runtime, "asha@example.org", with_contact=False)
    assert dispatch(runtime, smtp_server) == 0
    assert message_of(runtime, member_id).state == MessageState.QUEUED
    handle(runtime, contact_recorded(member_id, "asha@example.org"))
    assert dispatch(runtime, smtp_server) == 1
    assert [mail.rcpt_tos for mail in smtp_server.messages] == [["asha@example.org"]]


def test_mail_stays_queued_while_the_server_is_down_and_goes_out_once_it_is_back(
    runtime: Runtime,
) -> None:
    server = SmtpServer()
    member_id = new_member(runtime, "asha@example.org")
    with pytest.raises(MailServerUnavailable):
        dispatch(runtime, server)
    message = message_of(runtime, member_id)
    assert (message.state, message.attempts) == (MessageState.QUEUED, 1)
    assert message.last_error and "refused" in message.last_error.lower()
    with server:
        assert dispatch(runtime, server) == 1
    assert len(server.to("asha@example.org")) == 1
    assert (message_of(runtime, member_id).state, message_of(runtime, member_id).attempts) == (
        MessageState.SENT,
        2,
    )


def test_mail_goes_out_oldest_first_and_no_more_than_the_limit_per_pass(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    addresses = [f"member{n}@example.org" for n in range(3)]
    for address in addresses:
        new_member(runtime, address)
    assert dispatch(runtime, smtp_server, limit=2) == 2
    assert dispatch(runtime, smtp_server, limit=2) == 1
    assert [mail.rcpt_tos[0] for mail in smtp_server.messages] == addresses


def test_a_refused_address_fails_its_mail_without_holding_up_the_next(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    smtp_server.refused.add("gone@example.org")
    refused = new_member(runtime, "gone@example.org")
    new_member(runtime, "asha@example.org")
    assert dispatch(runtime, smtp_server) == 2
    message = message_of(runtime, refused)
    assert (message.state, message.attempts) == (MessageState.FAILED, 1)
    assert message.last_error and "550" in message.last_error
    assert "gone@example.org" not in message.last_error
    assert [mail.rcpt_tos for mail in smtp_server.messages] == [["asha@example.org"]]


def test_the_dispatcher_keeps_retrying_until_the_server_comes_back(runtime: Runtime) -> None:
    server = SmtpServer()
    member_id = new_member(runtime, "asha@example.org")
    dispatcher = MailDispatcher(
        uow_factory=runtime.unit_of_work,
        mailer=mailer_for(server),
        idle_seconds=0.05,
        backoff=Backoff(initial=0.05, maximum=0.2),
    )
    stop = threading.Event()
    thread = threading.Thread(target=dispatcher.run, args=(stop,))
    thread.start()
    try:
        wait_until(lambda: message_of(runtime, member_id).attempts >= 2, message="retries")
        with server:
            wait_until(lambda: server.messages, message="the welcome mail")
            wait_until(
                lambda: message_of(runtime, member_id).state == MessageState.SENT,
                message="the mail marked sent",
            )
    finally:
        stop.set()
        thread.join(timeout=10)
    assert len(server.messages) == 1
