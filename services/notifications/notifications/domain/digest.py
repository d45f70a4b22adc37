"""The monthly digest's rules: which month, which events, which new members, in what words."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from notifications.domain.copies import (
    CollaborationNews,
    KnownCoffeeRound,
    KnownEvent,
    KnownMember,
    KnownPost,
)
from notifications.domain.groups import KnownGroup
from qplatform.regions import REGION_NAMES

EVENTS_PER_DIGEST = 10
NEW_MEMBERS_LISTED = 5
POSTS_PER_DIGEST = 5
LOOKAHEAD = timedelta(days=62)
# A digest missed at its hour is still queued this long after it (a worker was down).
CATCH_UP = timedelta(days=3)


@dataclass(frozen=True)
class Month:
    """A calendar month, named like 2026-12."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> "Month":
        """Read a month written as YYYY-MM."""
        parsed = datetime.strptime(text, "%Y-%m")
        return cls(parsed.year, parsed.month)

    @classmethod
    def of(cls, moment: datetime) -> "Month":
        return cls(moment.year, moment.month)

    @property
    def name(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return date(self.year, self.month, 1).strftime("%B %Y")

    @property
    def starts_at(self) -> datetime:
        return datetime(self.year, self.month, 1, tzinfo=UTC)

    @property
    def previous(self) -> "Month":
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)


def digest_due(moment: datetime, *, day: int, hour: int) -> Month | None:
    """Return the month whose digest is due at `moment`, or None outside its window.

    The window lasts CATCH_UP from the digest's day and hour, so a worker that was down
    catches up, but a service first started late in a month does not mail everyone at once.
    """
    month = Month.of(moment)
    due = month.starts_at + timedelta(days=day - 1, hours=hour)
    return month if due <= moment < due + CATCH_UP else None


def region_label(region: str | None, names: Mapping[str, str]) -> str:
    """Return a region's name as members read it: the name staff last gave it in `names`."""
    if region is None:
        return "your region"
    # A region staff never changed since the platform started has not been announced.
    return names.get(region) or REGION_NAMES.get(region) or region.replace("-", " ").capitalize()


def event_entry(event: KnownEvent, regions: Mapping[str, str]) -> dict[str, Any]:
    """Return an event as the digest lists it, in the venue's local time."""
    local = event.starts_at.astimezone(ZoneInfo(event.timezone))
    return {
        "title": event.title,
        "kind": event.kind.replace("-", " "),
        "starts": local.strftime("%a %d %b %Y, %H:%M"),
        "region": event.region,
        "region_label": region_label(event.region, regions),
        "venue": event.venue,
        "timezone": event.timezone,
        "for_you": False,
    }


def member_entry(member: KnownMember) -> dict[str, str]:
    """Return a new member as the digest lists them."""
    return {"display_name": member.display_name, "organisation": member.organisation}


def post_entry(post: KnownPost) -> dict[str, Any]:
    """Return a news item or blog as the digest lists it."""
    return {"title": post.title, "kind": post.kind, "for_you": False}


def group_entry(group: KnownGroup, members: int, new_members: int) -> dict[str, Any]:
    """Return a group's news as the digest of one of its members tells it."""
    return {"name": group.name, "members": members, "new_members": new_members}


def started_group_entry(group: KnownGroup) -> dict[str, Any]:
    """Return a newly started group as the digest suggests it."""
    return {"group_id": group.group_id, "name": group.name, "purpose": group.purpose}


def coffee_entry(coffee_round: KnownCoffeeRound | None) -> dict[str, int] | None:
    """Return the figures of the last coffee round, if there was one."""
    if coffee_round is None:
        return None
    return {
        "number": coffee_round.number,
        "participants": coffee_round.participants,
        "matches": coffee_round.matches,
    }


RESOURCE, LAB_OPENED, LAB_CLOSED = "resource", "lab-opened", "lab-closed"
COLLABORATION_NEWS_LISTED = 5


def collaboration_entries(news: list[CollaborationNews]) -> dict[str, list[dict[str, str]]]:
    """Return last month's Lab news and new resources, as the digest lists them."""
    said = {LAB_OPENED: "opened", LAB_CLOSED: "closed; its outputs are open to every member"}
    lab = [{"title": n.title, "what": said[n.kind]} for n in news if n.kind in said]
    resources = [{"title": n.title} for n in news if n.kind == RESOURCE]
    return {
        "lab_news": lab[:COLLABORATION_NEWS_LISTED],
        "new_resources": resources[:COLLABORATION_NEWS_LISTED],
    }


def digest_context(
    month: Month,
    region: str | None,
    new_members: list[dict[str, str]],
    new_member_count: int,
    coffee: dict[str, int] | None,
    regions: Mapping[str, str],
) -> dict[str, Any]:
    """Return what every digest in `region` says, before it is made a member's own."""
    return {
        "month_label": month.label,
        "region_label": region_label(region, regions),
        "new_members": new_members[:NEW_MEMBERS_LISTED],
        "new_member_count": new_member_count,
        "coffee": coffee,
    }
