"""Members' contact details, the mail queued for them, and the events a digest will list."""

import enum
import hashlib
import uuid
from datetime import UTC, datetime

from sqlalchemy import JSON, Enum, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from qplatform.db.engine import new_metadata
from qplatform.db.types import UtcDateTime


class Base(DeclarativeBase):
    metadata = new_metadata()


class MessageState(enum.StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


def _new_id() -> str:
    return str(uuid.uuid4())


def _now() -> datetime:
    return datetime.now(UTC)


def message_key(cause_event_id: str, member_id: str, template: str) -> str:
    """Return the key that makes one event queue one mail of a kind per member."""
    return f"{cause_event_id}:{member_id}:{template}"


class Contact(Base):
    """How to reach a member by mail, as membership last told us."""

    __tablename__ = "contacts"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    display_name: Mapped[str] = mapped_column(String(200))
    consents: Mapped[list[str]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=_now)


class Message(Base):
    """One mail to one member; its address is looked up only when it is sent."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_state_created_at", "state", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=_new_id)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    member_id: Mapped[str] = mapped_column(String(36), index=True)
    template: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    state: Mapped[MessageState] = mapped_column(
        Enum(
            MessageState,
            native_enum=False,
            length=20,
            values_callable=lambda e: [m.value for m in e],
        ),
        default=MessageState.QUEUED,
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=_now)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    @property
    def mail_id(self) -> str:
        """Return a stable token for the Message-ID header, so a resend can be recognised."""
        return hashlib.sha256(self.idempotency_key.encode()).hexdigest()[:32]

    def mark_sent(self) -> None:
        """Record that the mail server took the mail."""
        self.attempts += 1
        self.state = MessageState.SENT
        self.sent_at = _now()
        self.last_error = None

    def mark_failed(self, error: str) -> None:
        """Record that the mail server refused the mail for good."""
        self.attempts += 1
        self.state = MessageState.FAILED
        self.last_error = error[:2000]

    def record_retry(self, error: str) -> None:
        """Record a failed attempt that is worth trying again."""
        self.attempts += 1
        self.last_error = error[:2000]


class KnownEvent(Base):
    """A Q event as the events service announced it, kept for the monthly digest."""

    __tablename__ = "known_events"

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40))
    pillar: Mapped[str] = mapped_column(String(40))
    region: Mapped[str | None] = mapped_column(String(60))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime())
    timezone: Mapped[str] = mapped_column(String(60))
    capacity: Mapped[int] = mapped_column(Integer)
