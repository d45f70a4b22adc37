"""Every kind of mail, as received by a real SMTP server, keeps the RFCs it claims."""

import re
import uuid
from datetime import UTC, datetime, timedelta
from email.message import Message
from email.utils import parsedate_to_datetime

import pytest

from notifications.domain.digest import Month
from notifications.service_layer.digests import queue_digests
from notifications.service_layer.dispatch import dispatch_pending
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    delivery_for,
    event_created,
    handle,
    joining,
    new_member_id,
)
from tests.notifications.smtp_server import ReceivedMail, SmtpServer
from tests.notifications.their_events import (
    match_made,
    password_setup_requested,
    registration,
)

# RFC 5322 msg-id: "<" dot-atom-text "@" dot-atom-text ">"
ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
DOT_ATOM = rf"{ATOM}(?:\.{ATOM})*"
MSG_ID = re.compile(rf"^<{DOT_ATOM}@{DOT_ATOM}>$")
ONE_CLICK = "List-Unsubscribe=One-Click"

# subject starts with, MIME tree, whether it offers one-click unsubscribe
KINDS = [
    ("Welcome to Q", ["multipart/alternative", "text/plain", "text/html"], False),
    ("Set your Q password", ["multipart/alternative", "text/plain", "text/html"], False),
    (
        "Your place at",
        [
            "multipart/mixed",
            "multipart/alternative",
            "text/plain",
            "text/html",
            "text/calendar",
        ],
        False,
    ),
    ("Your coffee match", ["multipart/alternative", "text/plain", "text/html"], False),
    ("Q-municate", ["multipart/alternative", "text/plain", "text/html"], True),
]


@pytest.fixture
def every_kind(runtime: Runtime, smtp_server: SmtpServer) -> list[ReceivedMail]:
    asha, sam, event_id = new_member_id(), new_member_id(), str(uuid.uuid4())
    consents = ["digest", "coffee-trials"]
    handle(
        runtime,
        *joining(asha, "Asha Patel", joined_at=datetime(2026, 11, 15, tzinfo=UTC)),
        contact_recorded(asha, "asha@example.org", "Asha Patel", consents=consents),
        *joining(sam, "Sam Okafor"),
        contact_recorded(sam, "sam@example.org", "Sam Okafor", consents=consents),
        password_setup_requested(asha, "asha@example.org", "one-time"),
        event_created(event_id, venue="Q Lab, Manchester", region="north-west-coast"),
        registration("registration-confirmed", event_id, asha),
        match_made([asha, sam]),
    )
    with runtime.unit_of_work() as uow:
        queue_digests(uow=uow, month=Month(2026, 12))
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(smtp_server), limit=20)
    return smtp_server.to("asha@example.org")


def mime_tree(message: Message) -> list[str]:
    return [part.get_content_type() for part in message.walk()]


@pytest.mark.parametrize(("subject", "tree", "unsubscribe"), KINDS)
def test_each_mail_has_the_headers_and_structure_the_rfcs_require(
    every_kind: list[ReceivedMail], subject: str, tree: list[str], unsubscribe: bool
) -> None:
    [mail] = [m for m in every_kind if m.message["Subject"].startswith(subject)]
    message = mail.message
    for name in ("Date", "From", "To", "Subject", "Message-ID", "MIME-Version"):
        assert len(message.get_all(name, [])) == 1, f"{name} must appear exactly once"
    sent = parsedate_to_datetime(message["Date"])
    assert sent.tzinfo is not None
    assert abs(datetime.now(UTC) - sent) < timedelta(minutes=5)
    assert MSG_ID.match(message["Message-ID"]), message["Message-ID"]
    assert message["MIME-Version"] == "1.0"
    assert mime_tree(message) == tree
    for part in message.walk():
        if part.get_content_maintype() == "text":
            assert part.get_content_charset() in ("us-ascii", "utf-8")
    lines = mail.raw.split(b"\r\n")
    assert all(len(line) <= 998 for line in lines), "RFC 5322 2.1.1: lines of at most 998"
    assert b"\n" not in b"".join(lines), "every line ends in CRLF"
    if unsubscribe:
        assert re.fullmatch(r"<https?://[^>\s]+>", message["List-Unsubscribe"])
        assert message["List-Unsubscribe-Post"] == ONE_CLICK
    else:
        assert message["List-Unsubscribe"] is None
        assert message["List-Unsubscribe-Post"] is None


def test_every_mail_gets_its_own_message_id_and_a_resend_would_keep_it(
    every_kind: list[ReceivedMail],
) -> None:
    ids = [mail.message["Message-ID"] for mail in every_kind]
    assert len(ids) == len(KINDS) and len(set(ids)) == len(ids)


def test_a_calendar_attachment_is_named_and_declares_its_method(
    every_kind: list[ReceivedMail],
) -> None:
    [mail] = [m for m in every_kind if m.message["Subject"].startswith("Your place")]
    [calendar] = [p for p in mail.message.walk() if p.get_content_type() == "text/calendar"]
    assert calendar.get_filename() == "event.ics"
    assert "METHOD:PUBLISH" in mail.part("text/calendar")
