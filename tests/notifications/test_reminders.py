"""Members with a place are reminded the day before an event, at nine in its time zone."""

import uuid
from datetime import UTC, datetime

import pytest

from notifications.domain.copies import KnownEvent
from notifications.service_layer.dispatch import dispatch_pending
from notifications.service_layer.reminders import queue_due_reminders, reminder_moment
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    delivery_for,
    event_created,
    handle,
    new_member_id,
)
from tests.notifications.smtp_server import SmtpServer
from tests.notifications.their_events import registration

STARTS = datetime(2026, 12, 10, 13, tzinfo=UTC)


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("starts_at", "zone", "moment"),
    [
        (STARTS, "Europe/London", datetime(2026, 12, 9, 9, tzinfo=UTC)),
        (
            datetime(2026, 7, 10, 13, tzinfo=UTC),
            "Europe/London",
            datetime(2026, 7, 9, 8, tzinfo=UTC),
        ),
        (
            datetime(2026, 12, 10, 0, 30, tzinfo=UTC),
            "Europe/London",
            datetime(2026, 12, 9, 9, tzinfo=UTC),
        ),
        (
            datetime(2026, 12, 10, 2, tzinfo=UTC),
            "America/New_York",
            datetime(2026, 12, 8, 14, tzinfo=UTC),
        ),
    ],
)
def test_the_reminder_is_at_nine_the_day_before_in_the_events_time_zone(
    starts_at: datetime, zone: str, moment: datetime
) -> None:
    event = KnownEvent(starts_at=starts_at, timezone=zone)
    assert reminder_moment(event) == moment


def remind(runtime: Runtime, now: datetime) -> int:
    with runtime.unit_of_work() as uow:
        return queue_due_reminders(uow=uow, now=now)


def test_members_with_a_place_are_reminded_once_when_it_is_due(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    event_id = str(uuid.uuid4())
    handle(runtime, event_created(event_id, starts_at=STARTS))
    places = {}
    for name, consents in [("asha", ["events"]), ("sam", ["events"]), ("quiet", [])]:
        member_id = places[name] = new_member_id()
        handle(
            runtime,
            contact_recorded(member_id, f"{name}@example.org", consents=consents),
            registration("registration-confirmed", event_id, member_id),
        )
    handle(runtime, registration("registration-cancelled", event_id, places["sam"]))
    assert remind(runtime, datetime(2026, 12, 9, 8, 59, tzinfo=UTC)) == 0
    assert remind(runtime, datetime(2026, 12, 9, 9, 0, tzinfo=UTC)) == 2
    assert remind(runtime, datetime(2026, 12, 9, 9, 1, tzinfo=UTC)) == 0
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(smtp_server), limit=20)
    reminders = [m for m in smtp_server.messages if m.message["Subject"].startswith("Tomorrow")]
    assert [m.rcpt_tos for m in reminders] == [["asha@example.org"]]
    assert reminders[0].message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Thu 10 Dec 2026, 13:00" in reminders[0].text


def test_a_reminder_for_an_event_later_the_same_day_says_today(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    event_id, asha = str(uuid.uuid4()), new_member_id()
    evening = datetime(2026, 12, 10, 18, tzinfo=UTC)
    handle(runtime, event_created(event_id, starts_at=evening, ends_at=evening))
    handle(
        runtime,
        contact_recorded(asha, "asha@example.org", consents=["events"]),
        registration("registration-confirmed", event_id, asha),
    )
    assert remind(runtime, datetime(2026, 12, 10, 11, tzinfo=UTC)) == 1
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(smtp_server), limit=20)
    subjects = ("Today:", "Tomorrow:")
    [reminder] = [m for m in smtp_server.messages if m.message["Subject"].startswith(subjects)]
    assert reminder.message["Subject"] == "Today: Improvement in mental health services"
    assert "you have a place today at:" in reminder.text
    assert "tomorrow" not in (reminder.text + reminder.html).lower()
