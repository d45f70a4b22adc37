"""Sending queued mail through a real SMTP server on loopback."""

import time

import pytest
from prometheus_client import REGISTRY

from notifications.adapters.mailer import MailServerUnavailable
from notifications.domain.model import MessageState
from notifications.service_layer.delivery import Delivery, RateLimit
from notifications.service_layer.dispatch import dispatch_pending, measure_queue_age
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    SENDER,
    contact_recorded,
    delivery_for,
    handle,
    joining,
    messages_of,
    new_member_id,
    staged_events,
)
from tests.notifications.smtp_server import SmtpServer


def dispatch(runtime: Runtime, delivery: Delivery, limit: int = 10) -> int:
    return dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery, limit=limit)


def new_member(runtime: Runtime, email: str, *, with_contact: bool = True) -> str:
    member_id = new_member_id()
    handle(runtime, *joining(member_id, "Asha Patel"))
    if with_contact:
        handle(runtime, contact_recorded(member_id, email, "Asha Patel"))
    return member_id


def test_a_welcome_goes_out_with_text_and_html_parts_and_is_announced_without_the_address(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    member_id = new_member(runtime, "asha@example.org")
    assert dispatch(runtime, delivery_for(smtp_server)) == 1
    [mail] = smtp_server.messages
    assert mail.rcpt_tos == ["asha@example.org"]
    assert (mail.message["To"], mail.message["From"]) == ("Asha Patel <asha@example.org>", SENDER)
    assert mail.message["Subject"] == "Welcome to Q"
    assert mail.message.get_content_type() == "multipart/alternative"
    assert mail.text.startswith("Dear Asha Patel,")
    assert "<p>Dear Asha Patel,</p>" in mail.html
    assert mail.message["List-Unsubscribe"] is None
    [message] = messages_of(runtime, member_id)
    assert mail.message["Message-ID"] == f"<{message.mail_id}@q.health.org.uk>"
    assert (message.state, message.attempts, message.last_error) == (MessageState.SENT, 1, None)
    [sent] = staged_events(runtime, "notification-sent")
    assert sent["subject"] == message.id
    assert sent["data"]["member_id"] == member_id
    assert "asha@example.org" not in str(sent)
    assert dispatch(runtime, delivery_for(smtp_server)) == 0
    assert len(smtp_server.messages) == 1


def test_a_message_waits_until_the_members_contact_arrives(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    member_id = new_member(runtime, "asha@example.org", with_contact=False)
    assert dispatch(runtime, delivery_for(smtp_server)) == 0
    assert messages_of(runtime, member_id)[0].state == MessageState.QUEUED
    handle(runtime, contact_recorded(member_id, "asha@example.org"))
    assert dispatch(runtime, delivery_for(smtp_server)) == 1
    assert [mail.rcpt_tos for mail in smtp_server.messages] == [["asha@example.org"]]


def test_mail_stays_queued_while_the_server_is_down_and_never_fails_for_it(
    runtime: Runtime,
) -> None:
    server = SmtpServer()
    member_id = new_member(runtime, "asha@example.org")
    delivery = delivery_for(server, mail_max_attempts=2)
    for _ in range(3):
        with pytest.raises(MailServerUnavailable):
            dispatch(runtime, delivery)
    [message] = messages_of(runtime, member_id)
    assert (message.state, message.attempts) == (MessageState.QUEUED, 3)
    assert message.last_error and "refused" in message.last_error.lower()
    with server:
        assert dispatch(runtime, delivery) == 1
    assert len(server.to("asha@example.org")) == 1
    assert messages_of(runtime, member_id)[0].state == MessageState.SENT


def test_a_deferred_mail_waits_longer_after_each_attempt_then_fails_for_good(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    smtp_server.deferred.add("busy@example.org")
    member_id = new_member(runtime, "busy@example.org")
    delivery = delivery_for(
        smtp_server, mail_max_attempts=3, mail_retry_initial_seconds=60, mail_retry_max_seconds=600
    )
    assert dispatch(runtime, delivery) == 1
    [first] = messages_of(runtime, member_id)
    assert first.state == MessageState.QUEUED and first.next_attempt_at is not None
    assert dispatch(runtime, delivery) == 0, "not due before its next attempt"
    delays = []
    for _ in range(2):
        with runtime.unit_of_work() as uow:
            message = uow.session.get(type(first), first.id)
            assert message is not None and message.next_attempt_at is not None
            delays.append((message.next_attempt_at - message.created_at).total_seconds())
            message.next_attempt_at = message.created_at
            uow.commit()
        dispatch(runtime, delivery)
    [message] = messages_of(runtime, member_id)
    assert (message.state, message.attempts) == (MessageState.FAILED, 3)
    assert delays[0] == pytest.approx(60, abs=5) and delays[1] == pytest.approx(120, abs=5)
    [failed] = staged_events(runtime, "notification-failed")
    assert "451" in failed["data"]["reason"] and "busy@example.org" not in str(failed)
    assert smtp_server.messages == []


def test_mail_goes_out_oldest_first_and_no_more_than_the_limit_per_pass(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    addresses = [f"member{n}@example.org" for n in range(3)]
    for address in addresses:
        new_member(runtime, address)
    assert dispatch(runtime, delivery_for(smtp_server), limit=2) == 2
    assert dispatch(runtime, delivery_for(smtp_server), limit=2) == 1
    assert [mail.rcpt_tos[0] for mail in smtp_server.messages] == addresses


def test_a_refused_address_fails_its_mail_without_holding_up_the_next(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    smtp_server.refused.add("gone@example.org")
    refused = new_member(runtime, "gone@example.org")
    new_member(runtime, "asha@example.org")
    assert dispatch(runtime, delivery_for(smtp_server)) == 2
    [message] = messages_of(runtime, refused)
    assert (message.state, message.attempts) == (MessageState.FAILED, 1)
    assert message.last_error and "550" in message.last_error
    assert "gone@example.org" not in message.last_error
    assert [mail.rcpt_tos for mail in smtp_server.messages] == [["asha@example.org"]]
    assert [e["subject"] for e in staged_events(runtime, "notification-failed")] == [message.id]


def test_the_rate_limit_spaces_hand_overs() -> None:
    limit = RateLimit(per_second=50)
    started = time.monotonic()
    for _ in range(6):
        limit.wait()
    assert time.monotonic() - started >= 0.1


# Loopback in a test; production sets QP_SMTP_STARTTLS with credentials.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_mail_goes_out_through_a_server_that_wants_credentials(runtime: Runtime) -> None:
    new_member(runtime, "asha@example.org")
    with SmtpServer(login=("q-mailer", "right")) as server:
        wrong = delivery_for(
            server, smtp_username="q-mailer", smtp_password="wrong", smtp_timeout_seconds=0.5
        )
        with pytest.raises(MailServerUnavailable):
            dispatch(runtime, wrong)
        right = delivery_for(server, smtp_username="q-mailer", smtp_password="right")
        assert dispatch(runtime, right) == 1
    assert len(server.to("asha@example.org")) == 1


def test_mail_waiting_for_an_address_shows_in_the_queue_age_gauge(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    member_id = new_member(runtime, "no-one@example.org", with_contact=False)
    with runtime.unit_of_work() as uow:
        measure_queue_age(uow)
    waited = REGISTRY.get_sample_value("qp_mail_oldest_queued_age_seconds")
    assert waited is not None and waited > 0

    handle(runtime, contact_recorded(member_id, "asha@example.org", "Asha Patel"))
    dispatch(runtime, delivery_for(smtp_server))
    with runtime.unit_of_work() as uow:
        measure_queue_age(uow)
    assert REGISTRY.get_sample_value("qp_mail_oldest_queued_age_seconds") == 0
