"""Special interest groups that members form around an improvement topic."""

from datetime import datetime

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from membership.domain.model import Base, new_id
from qplatform.db.types import UtcDateTime


class InterestGroup(Base):
    """A group any member may start and others join."""

    __tablename__ = "interest_groups"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    purpose: Mapped[str] = mapped_column(Text)
    topics: Mapped[list[str]] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class GroupMembership(Base):
    """One member's place in one group."""

    __tablename__ = "group_memberships"

    group_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime())
