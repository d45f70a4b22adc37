"""Collaboration's copy of members, and what it knows of their waves, coffee and events."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from qplatform.clock import SYSTEM_CLOCK
from qplatform.db.engine import new_metadata
from qplatform.db.types import UtcDateTime


class Base(DeclarativeBase):
    metadata = new_metadata()

    def columns(self) -> dict[str, Any]:
        """Return the row's columns by name, to show beside what is worked out from it."""
        return {column.key: getattr(self, column.key) for column in self.__table__.columns}


def now() -> datetime:
    """Return the real time: what a row records when no use case gave it an instant."""
    return SYSTEM_CLOCK.now()


class Member(Base):
    """A member as membership's events describe them; a leaver keeps no name or region."""

    __tablename__ = "members"

    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    region: Mapped[str | None] = mapped_column(String(100), index=True)
    coffee_trials: Mapped[bool] = mapped_column(default=False)
    interests: Mapped[list[str]] = mapped_column(JSON, default=list)
    left: Mapped[bool] = mapped_column(default=False)


class ApplicationWave(Base):
    """Which recruitment wave an application to Q came in, until it is decided."""

    __tablename__ = "application_waves"

    application_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    wave_id: Mapped[str] = mapped_column(String(64))


class MemberWave(Base):
    """The recruitment wave a member joined in."""

    __tablename__ = "member_waves"

    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    wave_id: Mapped[str] = mapped_column(String(64), index=True)


class Attendee(Base):
    """A member with a confirmed place at, or recorded as attending, a Q event."""

    __tablename__ = "attendees"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    since: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)
