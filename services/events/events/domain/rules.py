"""Q's rules about what an event may be, each naming the field it guards."""

import re
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from events.domain import errors
from qplatform.events.contracts.events import KINDS, PILLARS
from qplatform.regions import REGIONS

TITLE_MAX = 200
DESCRIPTION_MAX = 10_000


def checked_title(title: str) -> str:
    """Return `title` without surrounding blanks, refusing a blank or overlong one."""
    title = title.strip()
    if not 1 <= len(title) <= TITLE_MAX:
        raise errors.InvalidTitle(f"title must be 1 to {TITLE_MAX} characters", field="title")
    return title


def checked_description(description: str | None) -> str | None:
    """Return `description`, or None when it is blank; refuse an overlong one."""
    if description is not None and len(description) > DESCRIPTION_MAX:
        raise errors.DescriptionTooLong(
            f"description must be at most {DESCRIPTION_MAX:,} characters", field="description"
        )
    return description if description and description.strip() else None


def check_category(kind: str, pillar: str) -> None:
    """Refuse a kind or a pillar that Q does not have."""
    if kind not in KINDS:
        raise errors.UnknownKind(f"kind must be one of {', '.join(KINDS)}", field="kind")
    if pillar not in PILLARS:
        raise errors.UnknownPillar(f"pillar must be one of {', '.join(PILLARS)}", field="pillar")


def check_region(region: str | None) -> None:
    """Refuse a region that is not Q's; None means the event is not tied to one."""
    if region is not None and region not in REGIONS:
        raise errors.UnknownRegion(f"unknown region '{region}'", field="region")


def check_schedule(starts_at: datetime, ends_at: datetime) -> None:
    """Refuse times without a zone, and an event that does not end after it starts."""
    for name, moment in (("starts_at", starts_at), ("ends_at", ends_at)):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise errors.InvalidSchedule(f"{name} must include a UTC offset", field=name)
    if ends_at <= starts_at:
        raise errors.InvalidSchedule("ends_at must be after starts_at", field="ends_at")


def check_timezone(name: str) -> None:
    """Refuse a name that is not an IANA time zone, such as 'Europe/London'."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise errors.UnknownTimezone(
            f"unknown time zone '{name}'; use an IANA name such as Europe/London",
            field="timezone",
        ) from None


CAPACITY_MAX = 100_000


def check_capacity(capacity: int) -> None:
    """Refuse a capacity below one place, or beyond any venue or webinar."""
    if (
        isinstance(capacity, bool)
        or not isinstance(capacity, int)
        or not 1 <= capacity <= CAPACITY_MAX
    ):
        raise errors.InvalidCapacity(
            f"capacity must be a whole number from 1 to {CAPACITY_MAX:,}", field="capacity"
        )


TOPIC_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOPICS_MAX = 10
TOPIC_MAX = 40


def checked_topics(topics: Iterable[str]) -> tuple[str, ...]:
    """Return `topics` without repeats, refusing any that is not a short lower-case slug."""
    kept = tuple(dict.fromkeys(topics))
    if len(kept) > TOPICS_MAX:
        raise errors.InvalidTopics(f"at most {TOPICS_MAX} topics", field="topics")
    for topic in kept:
        if len(topic) > TOPIC_MAX or not TOPIC_SLUG.match(topic):
            raise errors.InvalidTopics(
                f"'{topic}' is not a topic; use lower-case words joined by '-'", field="topics"
            )
    return kept


def check_registration_window(
    opens_at: datetime | None, closes_at: datetime | None, ends_at: datetime
) -> None:
    """Refuse a window that closes before it opens or after the event ends."""
    for name, moment in (
        ("registration_opens_at", opens_at),
        ("registration_closes_at", closes_at),
    ):
        if moment is not None and moment.utcoffset() is None:
            raise errors.InvalidRegistrationWindow(f"{name} must include a UTC offset", field=name)
    if opens_at and closes_at and closes_at <= opens_at:
        raise errors.InvalidRegistrationWindow(
            "registration_closes_at must be after registration_opens_at",
            field="registration_closes_at",
        )
    if closes_at and closes_at > ends_at:
        raise errors.InvalidRegistrationWindow(
            "registration_closes_at must not be after ends_at", field="registration_closes_at"
        )
