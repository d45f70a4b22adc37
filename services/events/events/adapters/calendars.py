"""Q events as iCalendar (RFC 5545) feeds that calendar apps subscribe to."""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from events.domain.model import Event

PRODUCT = "-//Q Community//Q Events//EN"
REMINDER = timedelta(hours=1)
# The UID the mailed calendar entries carry too, so a feed and a mail update one entry.
UID_DOMAIN = "q.health.org.uk"


def calendar_of(
    events: Iterable[Event], *, name: str, with_links: bool = False, reminders: bool = False
) -> bytes:
    """Return `events` as one calendar; links and reminders only in a member's own feed."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # An X- property is written as given unless typed as text, which escapes line breaks.
    calendar.add("x-wr-calname", icalendar.vText(name))
    for event in events:
        calendar.add_component(_entry(event, with_link=with_links, reminder=reminders))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _entry(event: Event, *, with_link: bool, reminder: bool) -> icalendar.Event:
    zone = ZoneInfo(event.timezone)
    entry = icalendar.Event()
    entry.add("uid", f"{event.id}@{UID_DOMAIN}")
    entry.add("dtstamp", datetime.now(UTC))
    entry.add("created", event.created_at)
    entry.add("summary", event.title)
    entry.add("dtstart", event.starts_at.astimezone(zone))
    entry.add("dtend", event.ends_at.astimezone(zone))
    entry.add("categories", [event.pillar, event.kind, *event.topic_list])
    entry.add("status", "CANCELLED" if event.status.value == "cancelled" else "CONFIRMED")
    description = event.description or ""
    if with_link and event.online_link:
        entry.add("url", event.online_link)
        description = f"{description}\n\nJoin: {event.online_link}".strip()
    if description:
        entry.add("description", description)
    if event.venue:
        entry.add("location", event.venue)
    if reminder:
        entry.add_component(_reminder(event))
    return entry


def _reminder(event: Event) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Starting soon: {event.title}")
    alarm.add("trigger", -REMINDER)
    return alarm
