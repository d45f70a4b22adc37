"""Notifications' database: its tables, the outbox and inbox, and the mail repositories."""

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

# Importing every model module completes the metadata.
from notifications.domain import copies, edition, groups, preferences  # noqa: F401
from notifications.domain.model import Base, Contact, Message, MessageState, now
from qplatform.db.plumbing import add_plumbing_tables

METADATA = Base.metadata
PLUMBING = add_plumbing_tables(METADATA)


class Contacts:
    """Members' contact details, as the service layer finds and keeps them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, contact: Contact) -> None:
        self._session.add(contact)

    def get(self, member_id: str) -> Contact | None:
        return self._session.get(Contact, member_id)

    def delete(self, contact: Contact) -> None:
        self._session.delete(contact)


class Messages:
    """Mail to members, as the service layer finds and keeps it."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, message: Message) -> None:
        self._session.add(message)

    def get(self, message_id: str) -> Message | None:
        return self._session.get(Message, message_id)

    def with_key(self, idempotency_key: str) -> Message | None:
        query = select(Message).where(Message.idempotency_key == idempotency_key)
        return self._session.scalars(query).first()

    def claim_next_due(self, now: datetime) -> tuple[Message, Contact] | None:
        """Lock and return the oldest queued mail that is due and has an address, with it.

        Other dispatchers skip the locked row, so two replicas never send the same mail.
        """
        query = (
            select(Message, Contact)
            .join(Contact, Contact.member_id == Message.member_id)
            .where(Message.state == MessageState.QUEUED)
            .where(or_(Message.next_attempt_at.is_(None), Message.next_attempt_at <= now))
            .order_by(Message.created_at, Message.id)
            .limit(1)
            .with_for_update(skip_locked=True, of=Message)
        )
        row = self._session.execute(query).first()
        return (row[0], row[1]) if row else None

    def take(self, message_id: str) -> bool:
        """Mark a queued mail being sent unless another sender did first; tell which."""
        result = self._session.execute(
            update(Message)
            .where(Message.id == message_id, Message.state == MessageState.QUEUED)
            .values(state=MessageState.SENDING, handed_over_at=now())
        )
        return bool(getattr(result, "rowcount", 0) == 1)

    def sending_since_before(self, moment: datetime) -> Sequence[Message]:
        """Lock and return the mail marked being sent before `moment` and not recorded since."""
        query = (
            select(Message)
            .where(Message.state == MessageState.SENDING, Message.handed_over_at < moment)
            .with_for_update(skip_locked=True)
        )
        return self._session.scalars(query).all()

    def oldest_created_in_state(self, state: MessageState) -> datetime | None:
        """Return when the oldest mail in `state` was queued, or None if none is."""
        query = select(func.min(Message.created_at)).where(Message.state == state)
        oldest = self._session.execute(query).scalar_one()
        # SQLite hands aggregates back as naive timestamps; they were written in UTC.
        return oldest.replace(tzinfo=UTC) if oldest and oldest.tzinfo is None else oldest

    def count_in_state(self, state: MessageState) -> int:
        query = select(func.count()).select_from(Message).where(Message.state == state)
        return self._session.execute(query).scalar_one()

    def in_state(self, state: MessageState, *, offset: int, limit: int) -> Sequence[Message]:
        """Return one page of the mail in `state`, oldest first."""
        query = (
            select(Message)
            .where(Message.state == state)
            .order_by(Message.created_at, Message.id)
            .offset(offset)
            .limit(limit)
        )
        return self._session.scalars(query).all()

    def newest(self, state: MessageState | None, *, offset: int, limit: int) -> Sequence[Message]:
        """Return one page of every member's mail, in `state` if given, newest first."""
        query = select(Message).order_by(Message.created_at.desc(), Message.id.desc())
        if state is not None:
            query = query.where(Message.state == state)
        return self._session.scalars(query.offset(offset).limit(limit)).all()

    def count_all(self, state: MessageState | None) -> int:
        query = select(func.count()).select_from(Message)
        if state is not None:
            query = query.where(Message.state == state)
        return self._session.execute(query).scalar_one()

    def all_of(self, member_id: str) -> Sequence[Message]:
        """Return every mail of a member."""
        return self._session.scalars(select(Message).where(Message.member_id == member_id)).all()

    def for_member(self, member_id: str, *, offset: int, limit: int) -> Sequence[Message]:
        """Return one page of a member's mail, newest first."""
        query = (
            select(Message)
            .where(Message.member_id == member_id)
            .order_by(Message.created_at.desc(), Message.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return self._session.scalars(query).all()

    def count_for_member(self, member_id: str, *, unread_only: bool = False) -> int:
        query = select(func.count()).select_from(Message).where(Message.member_id == member_id)
        if unread_only:
            query = query.where(Message.read_at.is_(None))
        return self._session.execute(query).scalar_one()

    def mark_all_read(self, member_id: str, at: datetime) -> None:
        """Mark every unread mail of a member read."""
        self._session.execute(
            update(Message)
            .where(Message.member_id == member_id, Message.read_at.is_(None))
            .values(read_at=at)
        )
