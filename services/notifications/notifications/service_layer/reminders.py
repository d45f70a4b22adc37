"""Remind members of an event they have a place at, the day before at nine, local time."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from notifications.domain.copies import KnownEvent
from notifications.domain.digest import event_entry
from notifications.domain.letters import EVENT_REMINDER
from notifications.service_layer.queueing import queue_letter
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork

REMINDER_HOUR = time(9)
HORIZON = timedelta(days=2)


def reminder_moment(event: KnownEvent) -> datetime:
    """Return when to remind: nine o'clock the day before, in the event's time zone."""
    zone = ZoneInfo(event.timezone)
    day_before = event.starts_at.astimezone(zone).date() - timedelta(days=1)
    return datetime.combine(day_before, REMINDER_HOUR, tzinfo=zone)


def queue_due_reminders(*, uow: NotificationsUnitOfWork, now: datetime) -> int:
    """Queue the reminders that are due and not yet queued; return how many."""
    upcoming = uow.known_events.unreminded_between(now, now + HORIZON)
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


def _remind(uow: NotificationsUnitOfWork, event: KnownEvent, now: datetime) -> int:
    members = uow.registrations.members_at(event.event_id)
    regions = uow.known_regions.names()
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
