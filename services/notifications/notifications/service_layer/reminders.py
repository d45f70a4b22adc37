"""Remind members of an event they have a place at, the day before at nine, local time."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from notifications.adapters.copies import KnownRegions
from notifications.domain.copies import KnownEvent, Registration
from notifications.domain.digest import event_entry
from notifications.domain.letters import EVENT_REMINDER
from notifications.service_layer.queueing import queue_letter
from qplatform.db.unit_of_work import UnitOfWork

REMINDER_HOUR = time(9)
HORIZON = timedelta(days=2)


def reminder_moment(event: KnownEvent) -> datetime:
    """Return when to remind: nine o'clock the day before, in the event's time zone."""
    zone = ZoneInfo(event.timezone)
    day_before = event.starts_at.astimezone(zone).date() - timedelta(days=1)
    return datetime.combine(day_before, REMINDER_HOUR, tzinfo=zone)


def queue_due_reminders(*, uow: UnitOfWork, now: datetime) -> int:
    """Queue the reminders that are due and not yet queued; return how many."""
    upcoming = uow.session.scalars(
        select(KnownEvent)
        .where(KnownEvent.starts_at > now, KnownEvent.starts_at < now + HORIZON)
        .where(KnownEvent.reminded_at.is_(None))
    ).all()
    queued = 0
    for event in upcoming:
        if reminder_moment(event) <= now:
            queued += _remind(uow, event, now)
            event.reminded_at = now
    uow.commit()
    return queued


def day_of(event: KnownEvent, now: datetime) -> str:
    """Return "today" or "tomorrow": when the event is, seen from `now` in its time zone."""
    zone = ZoneInfo(event.timezone)
    same_day = event.starts_at.astimezone(zone).date() == now.astimezone(zone).date()
    return "today" if same_day else "tomorrow"


def _remind(uow: UnitOfWork, event: KnownEvent, now: datetime) -> int:
    members = uow.session.scalars(
        select(Registration.member_id).where(Registration.event_id == event.event_id)
    ).all()
    regions = KnownRegions(uow.session).names()
    context = {"event": event_entry(event, regions), "day": day_of(event, now)}
    for member_id in members:
        queue_letter(
            uow,
            cause_id=f"reminder-{event.event_id}",
            member_id=member_id,
            template=EVENT_REMINDER,
            context=context,
        )
    return len(members)
