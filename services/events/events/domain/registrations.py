"""Registrations: a member's place at an event, or their place in its waitlist."""

import enum
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from events.domain.model import Base, string_enum
from qplatform.db.types import UtcDateTime


class RegistrationStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class Attendance(enum.StrEnum):
    ATTENDED = "attended"
    NO_SHOW = "no-show"


class Registration(Base):
    """One member's registration for one event; waitlisted ones queue by `queued_at`."""

    __tablename__ = "registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "member_id"),
        Index("ix_registrations_event_id_status_queued_at", "event_id", "status", "queued_at"),
        Index("ix_registrations_member_id", "member_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), ForeignKey("events.id"))
    member_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[RegistrationStatus] = mapped_column(string_enum(RegistrationStatus))
    attendance: Mapped[Attendance | None] = mapped_column(string_enum(Attendance))
    queued_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

    @classmethod
    def new(cls, event_id: str, member_id: str, *, now: datetime) -> "Registration":
        """Return a member's registration, not yet placed."""
        return cls(
            id=str(uuid.uuid4()),
            event_id=event_id,
            member_id=member_id,
            status=RegistrationStatus.CANCELLED,
            queued_at=now,
            updated_at=now,
        )

    @property
    def is_active(self) -> bool:
        return self.status is not RegistrationStatus.CANCELLED

    def place(self, *, has_room: bool, now: datetime) -> None:
        """Confirm the registration if there is room, else put it at the end of the queue."""
        self.status = RegistrationStatus.CONFIRMED if has_room else RegistrationStatus.WAITLISTED
        self.attendance = None
        self.queued_at = self.updated_at = now

    def promote(self, *, now: datetime) -> None:
        """Give a waitlisted member the place that freed up."""
        self.status = RegistrationStatus.CONFIRMED
        self.updated_at = now

    def cancel(self, *, now: datetime) -> RegistrationStatus:
        """Give up the place or waitlist place; return what it was."""
        was = self.status
        self.status = RegistrationStatus.CANCELLED
        self.updated_at = now
        return was

    def record(self, attendance: Attendance, *, now: datetime) -> None:
        """Record whether the member came."""
        self.attendance = attendance
        self.updated_at = now
