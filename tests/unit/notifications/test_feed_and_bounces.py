"""A member's feed, read and unread; mail that came back, and the addresses it stops."""

from datetime import UTC, datetime

import pytest

from notifications.domain.errors import MessageNotFound, NotificationNotFound
from notifications.domain.model import Contact, Message, MessageState, address_hash
from notifications.service_layer.bounces import record_bounce
from notifications.service_layer.feed import feed_page, mark_all_read, mark_read, unread_count
from qplatform.paging import PageRequest
from tests.unit.notifications.fakes import FakeNotificationsUnitOfWork
from tests.unit.notifications.world import a_unit_of_work

NOW = datetime(2026, 12, 7, 9, 15, tzinfo=UTC)


def a_mail(uow: FakeNotificationsUnitOfWork, member_id: str, n: int, **fields: object) -> Message:
    message = Message(
        idempotency_key=f"cause-{n}:{member_id}:welcome",
        member_id=member_id,
        template="welcome",
        subject=f"Mail {n}",
        created_at=datetime(2026, 12, 1, n, tzinfo=UTC),
        **fields,
    )
    uow.messages.add(message)
    return message


def test_the_feed_pages_a_members_own_notifications_newest_first() -> None:
    uow = a_unit_of_work(NOW)
    for n in range(1, 4):
        a_mail(uow, "asha", n)
    a_mail(uow, "sam", 4)
    with uow:
        first = feed_page(uow=uow, member_id="asha", page=PageRequest(number=1, size=2))
        second = feed_page(uow=uow, member_id="asha", page=PageRequest(number=2, size=2))
    assert [m.subject for m in first.items] == ["Mail 3", "Mail 2"]
    assert [m.subject for m in second.items] == ["Mail 1"]
    assert (first.total, second.total) == (3, 3)


def test_reading_a_notification_records_when_and_lowers_the_unread_count() -> None:
    uow = a_unit_of_work(NOW)
    mail = a_mail(uow, "asha", 1)
    a_mail(uow, "asha", 2)
    with uow:
        mark_read(uow=uow, member_id="asha", message_id=mail.id)
        assert unread_count(uow=uow, member_id="asha") == 1
    assert mail.read_at == NOW
    with uow:
        mark_all_read(uow=uow, member_id="asha")
        assert unread_count(uow=uow, member_id="asha") == 0


def test_a_member_cannot_mark_another_members_notification_read() -> None:
    uow = a_unit_of_work(NOW)
    sams = a_mail(uow, "sam", 1)
    with uow, pytest.raises(NotificationNotFound):
        mark_read(uow=uow, member_id="asha", message_id=sams.id)
    assert sams.read_at is None


def test_a_hard_bounce_suppresses_the_address_and_announces_the_failure() -> None:
    uow = a_unit_of_work(NOW)
    uow.contacts.add(Contact(member_id="asha", email="asha@example.org", display_name="Asha"))
    sent = a_mail(uow, "asha", 1, state=MessageState.SENT, attempts=1)
    with uow:
        bounce = record_bounce(
            uow=uow,
            message_id=sent.id,
            kind="hard",
            reason="550 asha@example.org: no such user",
            soft_limit=3,
        )
    assert bounce.reason == "550 <recipient>: no such user", "the address is not kept"
    assert sent.state == MessageState.BOUNCED
    suppression = uow.suppressions.get("asha")
    assert suppression is not None
    assert suppression.address_hash == address_hash("asha@example.org")
    [failed] = uow.events_of("notification-failed")
    assert failed["message_id"] == sent.id and failed["member_id"] == "asha"
    assert failed["reason"] == "hard bounce: 550 <recipient>: no such user"


def test_soft_bounces_suppress_the_address_only_at_the_limit() -> None:
    uow = a_unit_of_work(NOW)
    uow.contacts.add(Contact(member_id="asha", email="asha@example.org", display_name="Asha"))
    for n in range(1, 3):
        mail = a_mail(uow, "asha", n, state=MessageState.SENT, attempts=1)
        with uow:
            record_bounce(uow=uow, message_id=mail.id, kind="soft", reason="full", soft_limit=2)
        assert (uow.suppressions.get("asha") is not None) == (n == 2)


def test_a_bounce_for_mail_we_never_sent_is_refused_by_field() -> None:
    uow = a_unit_of_work(NOW)
    with uow, pytest.raises(MessageNotFound) as refused:
        record_bounce(uow=uow, message_id="nope", kind="hard", reason="550", soft_limit=3)
    assert refused.value.field == "message_id"
    assert uow.bounces.rows == [] and not uow.committed
