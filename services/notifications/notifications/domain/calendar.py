"""Calendar entries (RFC 5545) that members add to their diaries from a mail."""

from collections.abc import Mapping
from datetime import datetime

import icalendar

from notifications.domain.copies import KnownEvent
from notifications.domain.digest import region_label
from notifications.domain.letters import Attachment

PRODUCT = "-//Q Community//Notifications//EN"
# The events service's feeds use the same UID, so a mailed entry and a feed update one entry.
UID_DOMAIN = "q.health.org.uk"


def calendar_entry(
    event: KnownEvent, regions: Mapping[str, str], *, stamp: datetime, cancelled: bool = False
) -> Attachment:
    """Return the `.ics` of a Q event; the same UID lets a later copy replace it."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    entry = icalendar.Event()
    entry.add("uid", f"{event.event_id}@{UID_DOMAIN}")
    entry.add("dtstamp", stamp)
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.ends_at)
    entry.add("summary", event.title)
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    location = where(event, regions)
    if location:
        entry.add("location", location)
    if event.description:
        entry.add("description", event.description)
    calendar.add_component(entry)
    # The library escapes and folds every line, so no title or venue can break the file.
    content = calendar.to_ical().decode()
    return Attachment(filename="event.ics", content_type="text/calendar", content=content)


def where(event: KnownEvent, regions: Mapping[str, str]) -> str | None:
    """Return where an event takes place as a diary shows it; None for an online event."""
    if event.venue and event.region:
        return f"{event.venue}, {region_label(event.region, regions)}"
    if event.venue:
        return event.venue
    return region_label(event.region, regions) if event.region else None
