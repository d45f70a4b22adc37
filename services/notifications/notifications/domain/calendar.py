"""Calendar entries (RFC 5545) that members add to their diaries from a mail."""

from datetime import datetime

from notifications.domain.copies import KnownEvent
from notifications.domain.letters import Attachment


def _text(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return escaped.replace("\n", "\\n")


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def calendar_entry(event: KnownEvent, *, stamp: datetime, cancelled: bool = False) -> Attachment:
    """Return the `.ics` of a Q event; the same UID lets a later copy replace it."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Q Community//Notifications//EN",
        f"METHOD:{'CANCEL' if cancelled else 'PUBLISH'}",
        "BEGIN:VEVENT",
        f"UID:{event.event_id}@q.health.org.uk",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(event.starts_at)}",
        f"DTEND:{_utc(event.ends_at)}",
        f"SUMMARY:{_text(event.title)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return Attachment(
        filename="event.ics", content_type="text/calendar", content="\r\n".join(lines) + "\r\n"
    )
