"""Q events: webinars, site visits, face-to-face and online gatherings."""

import enum
import uuid
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Enum, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from events.domain import errors, rules
from qplatform.db.engine import new_metadata
from qplatform.db.types import UtcDateTime


class Base(DeclarativeBase):
    metadata = new_metadata()


def string_enum(kind: type[enum.StrEnum]) -> Enum:
    """Store a StrEnum as its values in a short string column."""
    return Enum(
        kind, native_enum=False, length=20, values_callable=lambda ks: [k.value for k in ks]
    )


class EventStatus(enum.StrEnum):
    PENDING = "pending"
    PUBLISHED = "published"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    # Taken down by staff after publication; its registrations stay, members no longer see it.
    HIDDEN = "hidden"


# Shown only to the event's organiser and staff.
UNSHOWN = (EventStatus.PENDING, EventStatus.REJECTED, EventStatus.HIDDEN)


@dataclass(frozen=True)
class EventDetails:
    """What an organiser says about an event."""

    title: str
    kind: str
    pillar: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    capacity: int
    description: str | None = None
    region: str | None = None
    topics: tuple[str, ...] = ()
    venue: str | None = None
    online_link: str | None = None
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    series_id: str | None = None


def checked(details: EventDetails) -> dict[str, Any]:
    """Check `details` against Q's rules and return them as the event's column values."""
    rules.check_category(details.kind, details.pillar)
    rules.check_region(details.region)
    rules.check_schedule(details.starts_at, details.ends_at)
    rules.check_timezone(details.timezone)
    rules.check_capacity(details.capacity)
    rules.check_registration_window(
        details.registration_opens_at, details.registration_closes_at, details.ends_at
    )
    values = asdict(details)
    values["title"] = rules.checked_title(details.title)
    values["description"] = rules.checked_description(details.description)
    values["topics"] = ",".join(rules.checked_topics(details.topics))
    for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        values[name] = values[name] and values[name].astimezone(UTC)
    return values


class Event(Base):
    """Something members can attend, at a time and, unless online, in a region."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_status_starts_at", "status", "starts_at"),
        Index("ix_events_organiser_id", "organiser_id"),
        Index("ix_events_series_id_starts_at", "series_id", "starts_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(rules.TITLE_MAX))
    description: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    pillar: Mapped[str] = mapped_column(String(20))
    region: Mapped[str | None] = mapped_column(String(60))
    topics: Mapped[str] = mapped_column(String(500), default="", server_default="")
    venue: Mapped[str | None] = mapped_column(String(300))
    online_link: Mapped[str | None] = mapped_column(String(500))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime())
    timezone: Mapped[str] = mapped_column(String(64))
    capacity: Mapped[int] = mapped_column(Integer)
    registration_opens_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    registration_closes_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    organiser_id: Mapped[str | None] = mapped_column(String(64))
    series_id: Mapped[str | None] = mapped_column(String(36))
    status: Mapped[EventStatus] = mapped_column(string_enum(EventStatus))
    rejection_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    @classmethod
    def create(
        cls, details: EventDetails, *, organiser_id: str | None = None, now: datetime
    ) -> "Event":
        """Check `details` against Q's rules and return the new event, awaiting moderation."""
        return cls(
            id=str(uuid.uuid4()),
            organiser_id=organiser_id,
            status=EventStatus.PENDING,
            created_at=now,
            **checked(details),
        )

    @property
    def topic_list(self) -> list[str]:
        return self.topics.split(",") if self.topics else []

    def details(self) -> EventDetails:
        """Return what the organiser said about this event."""
        names = EventDetails.__dataclass_fields__
        values = {name: getattr(self, name) for name in names}
        return EventDetails(**{**values, "topics": tuple(self.topic_list)})

    def change(self, **changes: Any) -> list[str]:
        """Apply `changes` under Q's rules; return the names of the fields that changed."""
        if self.status in (EventStatus.REJECTED, EventStatus.CANCELLED):
            raise errors.AlreadyDecided(f"the event is {self.status.value}")
        values = checked(replace(self.details(), **changes))
        changed = [name for name, value in values.items() if getattr(self, name) != value]
        for name in changed:
            setattr(self, name, values[name])
        return changed

    def publish(self) -> None:
        """Open the event to members."""
        self._decide(EventStatus.PUBLISHED)

    def reject(self, reason: str) -> None:
        """Refuse a member's event, saying why."""
        self._decide(EventStatus.REJECTED)
        self.rejection_reason = reason

    def cancel(self) -> None:
        """Call the event off."""
        if self.status is EventStatus.CANCELLED:
            raise errors.AlreadyDecided("the event is already cancelled")
        self.status = EventStatus.CANCELLED

    def hide(self) -> None:
        """Take a published event down from members."""
        if self.status is not EventStatus.PUBLISHED:
            raise errors.AlreadyDecided(f"the event is {self.status.value}")
        self.status = EventStatus.HIDDEN

    def restore(self) -> None:
        """Show a hidden event to members again."""
        if self.status is not EventStatus.HIDDEN:
            raise errors.AlreadyDecided(f"the event is {self.status.value}")
        self.status = EventStatus.PUBLISHED

    def is_registration_open(self, now: datetime) -> bool:
        """Tell whether members may register at `now`."""
        opens = self.registration_opens_at or self.created_at
        closes = self.registration_closes_at or self.ends_at
        return self.status is EventStatus.PUBLISHED and opens <= now < closes

    def _decide(self, status: EventStatus) -> None:
        if self.status is not EventStatus.PENDING:
            raise errors.AlreadyDecided(f"the event is already {self.status.value}")
        self.status = status
