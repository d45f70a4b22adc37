"""A turned-down applicant is told once, politely, and their address is not kept after."""

import uuid

import pytest
from sqlalchemy import select

from notifications.domain.model import Contact, MessageState
from notifications.service_layer.dispatch import dispatch_pending
from qplatform.config import Settings
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    delivery_for,
    handle,
    messages_of,
    staged_events,
    tombstone,
)
from tests.notifications.smtp_server import SmtpServer
from tests.notifications.their_events import application_decided

REASON = "We could not see improvement work in your application yet; tell us more next wave."


def send_all(runtime: Runtime, server: SmtpServer) -> int:
    return dispatch_pending(
        uow_factory=runtime.unit_of_work, delivery=delivery_for(server), limit=9
    )


def address_kept(runtime: Runtime, application_id: str) -> bool:
    with runtime.unit_of_work() as uow:
        return uow.session.get(Contact, application_id) is not None


def forget(settings: Settings, runtime: Runtime, application_id: str) -> None:
    """Handle the tombstone that follows each decision on the applicant-contact topic."""
    assert tombstone(settings, runtime, "membership.applicant-contact", application_id) == "handled"


def test_a_rejected_applicant_gets_one_polite_mail_with_the_reason(
    settings: Settings, runtime: Runtime, smtp_server: SmtpServer
) -> None:
    application_id = str(uuid.uuid4())
    decided = application_decided(application_id, "robin@example.org", reason=REASON)
    handle(runtime, decided)
    forget(settings, runtime, application_id)
    handle(runtime, decided)
    assert send_all(runtime, smtp_server) == 1
    [mail] = smtp_server.messages
    assert mail.rcpt_tos == ["robin@example.org"]
    assert mail.message["Subject"] == "Your application to join Q"
    assert mail.message["List-Unsubscribe"] is None
    assert mail.text.startswith("Dear Robin Lee,") and "Thank you for applying" in mail.text
    assert REASON in mail.text and "apply again in a later wave" in mail.text
    assert "<blockquote>We could not see improvement work" in mail.html
    [sent] = staged_events(runtime, "notification-sent")
    assert "robin@example.org" not in str(sent) and REASON not in str(sent)


def test_a_rejection_without_a_reason_says_none(runtime: Runtime, smtp_server: SmtpServer) -> None:
    handle(runtime, application_decided(str(uuid.uuid4()), "robin@example.org", reason=None))
    send_all(runtime, smtp_server)
    [mail] = smtp_server.messages
    assert "reason" not in mail.text and "None" not in mail.text


def test_an_approved_applicant_gets_no_decision_mail_and_no_address_is_kept(
    runtime: Runtime,
) -> None:
    application_id = str(uuid.uuid4())
    handle(runtime, application_decided(application_id, "robin@example.org", "approved"))
    assert messages_of(runtime, application_id) == []
    assert not address_kept(runtime, application_id)


def test_the_address_waits_for_the_mail_then_both_are_forgotten(
    settings: Settings, runtime: Runtime, smtp_server: SmtpServer
) -> None:
    application_id = str(uuid.uuid4())
    decided = application_decided(application_id, "robin@example.org", reason=REASON)
    handle(runtime, decided)
    forget(settings, runtime, application_id)
    assert address_kept(runtime, application_id)
    send_all(runtime, smtp_server)
    assert not address_kept(runtime, application_id)
    [message] = messages_of(runtime, application_id)
    assert message.state == MessageState.SENT
    assert (message.body_text, message.body_html, message.context) == ("", None, {})
    handle(runtime, decided)
    assert not address_kept(runtime, application_id)
    assert len(messages_of(runtime, application_id)) == 1


def test_a_refused_address_is_forgotten_when_the_mail_is_given_up(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    application_id = str(uuid.uuid4())
    smtp_server.refused.add("robin@example.org")
    handle(runtime, application_decided(application_id, "robin@example.org", reason=REASON))
    send_all(runtime, smtp_server)
    [message] = messages_of(runtime, application_id)
    assert message.state == MessageState.FAILED
    assert not address_kept(runtime, application_id)


@pytest.mark.parametrize("when", ["before the mail", "after the mail"])
def test_a_tombstone_leaves_no_applicant_address_behind(
    settings: Settings, runtime: Runtime, smtp_server: SmtpServer, when: str
) -> None:
    application_id = str(uuid.uuid4())
    handle(runtime, application_decided(application_id, "robin@example.org", reason=REASON))
    if when == "after the mail":
        send_all(runtime, smtp_server)
    forget(settings, runtime, application_id)
    send_all(runtime, smtp_server)
    with runtime.unit_of_work() as uow:
        assert uow.session.scalars(select(Contact)).all() == []
    assert len(smtp_server.messages) == 1
