"""What each member wants to receive, and the addresses that no longer take mail."""

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from notifications.domain.model import Base, new_id, now
from qplatform.db.types import UtcDateTime

TRANSACTIONAL = "transactional"
CATEGORIES = ("digest", "coffee-trials", "events", "community-news", "talk-requests")
# Members choose these when they join; requests for talks start when a member offers one.
ASKED_AT_JOINING = ("digest", "coffee-trials", "events", "community-news")
TALK_REQUESTS = "talk-requests"
HARD, SOFT = "hard", "soft"


class Preference(Base):
    """Whether a member wants mail of one category, and what last set it."""

    __tablename__ = "preferences"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    subscribed: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(40))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)


class Bounce(Base):
    """A report that a mail came back, kept so staff can see why an address is suppressed."""

    __tablename__ = "bounces"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    member_id: Mapped[str] = mapped_column(String(36), index=True)
    message_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)


class Suppression(Base):
    """A member's address that gets no more mail until membership records a new one."""

    __tablename__ = "suppressions"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    address_hash: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    bounces: Mapped[int] = mapped_column(Integer)
    suppressed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)
