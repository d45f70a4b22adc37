"""Matching's copy of upcoming Q events, to suggest the ones a member would care about."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from matching.domain.model import Base
from qplatform.db.types import UtcDateTime


class UpcomingEvent(Base):
    """A published Q event, as the events service announced it."""

    __tablename__ = "upcoming_events"

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40))
    region: Mapped[str | None] = mapped_column(String(60))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    topics: Mapped[list[str]] = mapped_column(JSON(), default=list)


@dataclass(frozen=True)
class EventSuggestion:
    """An event worth going to, and why in a few words."""

    event_id: str
    title: str
    kind: str
    region: str | None
    starts_at: datetime
    reason: str


def suggest_events(
    topics_of_interest: frozenset[str], region: str, events: Iterable[UpcomingEvent], limit: int
) -> list[EventSuggestion]:
    """Return up to `limit` events on the member's topics, soonest first, nearby or online."""
    found = []
    for event in events:
        shared = topics_of_interest & set(event.topics or [])
        if not shared or event.region not in (None, region):
            continue
        where = "online" if event.region is None else "in your region"
        found.append(
            EventSuggestion(
                event_id=event.event_id,
                title=event.title,
                kind=event.kind,
                region=event.region,
                starts_at=event.starts_at,
                reason=f"About {', '.join(sorted(shared))}; {where}.",
            )
        )
    return sorted(found, key=lambda s: (s.starts_at, s.event_id))[:limit]
