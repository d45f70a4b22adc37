"""Members' contact details and the mail queued for them, with its delivery state."""

import enum
import hashlib
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Enum, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from qplatform.clock import SYSTEM_CLOCK
from qplatform.db.engine import new_metadata
from qplatform.db.types import UtcDateTime


class Base(DeclarativeBase):
    metadata = new_metadata()


class MessageState(enum.StrEnum):
    QUEUED = "queued"
    # Being handed to the mail server: a mail left in this state was maybe sent.
    SENDING = "sending"
    # Maybe sent: staff decide whether to send it again or mark it sent.
    UNCERTAIN = "uncertain"
    SENT = "sent"
    FAILED = "failed"
    BOUNCED = "bounced"


ERASED = "(erased)"


def new_id() -> str:
    """Return a fresh random id."""
    return str(uuid.uuid4())


def now() -> datetime:
    """Return the time a row is written, for columns the database fills in by default."""
    return SYSTEM_CLOCK.now()


def message_key(cause_event_id: str, member_id: str, template: str) -> str:
    """Return the key that makes one event queue one mail of a kind per member."""
    return f"{cause_event_id}:{member_id}:{template}"


def address_hash(email: str) -> str:
    """Return a digest that recognises an address without keeping it."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


class Contact(Base):
    """How to reach a member by mail, as membership last told us."""

    __tablename__ = "contacts"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    display_name: Mapped[str] = mapped_column(String(200))
    consents: Mapped[list[str]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)


class Message(Base):
    """One mail to one member; its address is looked up only when it is sent."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_state_created_at", "state", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    member_id: Mapped[str] = mapped_column(String(36), index=True)
    template: Mapped[str] = mapped_column(String(60))
    category: Mapped[str] = mapped_column(String(40), default="transactional")
    subject: Mapped[str] = mapped_column(String(300))
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    body_text: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str | None] = mapped_column(Text)
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
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
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    handed_over_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The trace of what queued the mail, which its sending continues (or links to, for a
    # digest's many mails).
    traceparent: Mapped[str | None] = mapped_column(String(55))
    tracestate: Mapped[str | None] = mapped_column(String(512))

    @property
    def mail_id(self) -> str:
        """Return a stable token for the Message-ID header, so a resend can be recognised."""
        return hashlib.sha256(self.idempotency_key.encode()).hexdigest()[:32]

    @property
    def transactional(self) -> bool:
        """Tell whether the mail goes out whatever the member's preferences."""
        return self.category == "transactional"

    def start_sending(self, at: datetime) -> None:
        """Record that the mail is about to be handed over, at `at`, before it is."""
        self.state = MessageState.SENDING
        self.handed_over_at = at

    def mark_uncertain(self, reason: str) -> None:
        """Record that the mail may or may not have reached the server, and why."""
        self.attempts += 1
        self.state = MessageState.UNCERTAIN
        self.last_error = reason[:2000]
        self.next_attempt_at = None

    def send_again(self) -> None:
        """Put a mail whose hand-over is in doubt back in the queue, as staff decided."""
        self.state = MessageState.QUEUED
        self.next_attempt_at = None

    def mark_sent(self, at: datetime) -> None:
        """Record that the mail server took the mail at `at`."""
        self.attempts += 1
        self.state = MessageState.SENT
        self.sent_at = at
        self.last_error = None
        self.next_attempt_at = None

    def mark_failed(self, error: str, *, attempted: bool = True) -> None:
        """Record that the mail will not be sent, and why."""
        self.attempts += int(attempted)
        self.state = MessageState.FAILED
        self.last_error = error[:2000]
        self.next_attempt_at = None

    def mark_bounced(self, reason: str) -> None:
        """Record that the mail came back after the server took it."""
        self.state = MessageState.BOUNCED
        self.last_error = reason[:2000]

    def defer(self, error: str, *, at: datetime, initial: float, maximum: float) -> None:
        """Record a failed attempt at `at` and wait twice as long as last time before the next."""
        self.attempts += 1
        self.state = MessageState.QUEUED
        self.last_error = error[:2000]
        delay = min(initial * 2 ** (self.attempts - 1), maximum)
        self.next_attempt_at = at + timedelta(seconds=delay)

    def scrub(self) -> None:
        """Forget what the mail said, keeping only that it existed."""
        self.body_text = ""
        self.body_html = None
        self.attachments = []

    def erase(self) -> None:
        """Forget everything the mail said, its subject and context included."""
        self.scrub()
        self.subject = ERASED
        self.context = {}
