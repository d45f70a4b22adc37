"""Q events: webinars, site visits, face-to-face and online gatherings."""

import enum
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Enum, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from events.domain import rules
from qplatform.db.engine import new_metadata
from qplatform.db.types import UtcDateTime


class Base(DeclarativeBase):
    metadata = new_metadata()


class EventStatus(enum.StrEnum):
    PUBLISHED = "published"


@dataclass(frozen=True)
class EventDetails:
    """What staff say about an event when they create it."""

    title: str
    kind: str
    pillar: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    capacity: int
    description: str | None = None
    region: str | None = None


class Event(Base):
    """Something members can attend, at a time and, unless online, in a region."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_status_starts_at", "status", "starts_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(rules.TITLE_MAX))
    description: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    pillar: Mapped[str] = mapped_column(String(20))
    region: Mapped[str | None] = mapped_column(String(60))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime())
    timezone: Mapped[str] = mapped_column(String(64))
    capacity: Mapped[int] = mapped_column(Integer)
    status: Mapped[EventStatus] = mapped_column(
        Enum(
            EventStatus,
            native_enum=False,
            length=20,
            values_callable=lambda kinds: [kind.value for kind in kinds],
        ),
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    @classmethod
    def create(cls, details: EventDetails) -> "Event":
        """Check `details` against Q's rules and return the new event, published."""
        title = rules.checked_title(details.title)
        description = rules.checked_description(details.description)
        rules.check_category(details.kind, details.pillar)
        rules.check_region(details.region)
        rules.check_schedule(details.starts_at, details.ends_at)
        rules.check_timezone(details.timezone)
        rules.check_capacity(details.capacity)
        return cls(
            id=str(uuid.uuid4()),
            title=title,
            description=description,
            kind=details.kind,
            pillar=details.pillar,
            region=details.region,
            starts_at=details.starts_at.astimezone(UTC),
            ends_at=details.ends_at.astimezone(UTC),
            timezone=details.timezone,
            capacity=details.capacity,
            status=EventStatus.PUBLISHED,
            created_at=datetime.now(UTC),
        )
