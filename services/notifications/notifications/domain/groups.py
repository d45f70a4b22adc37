"""Special interest groups and their members, as membership announced them."""

from datetime import datetime

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from notifications.domain.model import Base
from qplatform.db.types import UtcDateTime


class KnownGroup(Base):
    """A special interest group: its name, what it is for and the topics it covers."""

    __tablename__ = "known_groups"

    group_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(String(2000))
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class GroupPlace(Base):
    """One member's place in a group, and when they took it."""

    __tablename__ = "group_places"
    __table_args__ = (Index("ix_group_places_member_id", "member_id"),)

    group_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
