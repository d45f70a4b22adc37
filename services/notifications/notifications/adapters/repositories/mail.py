"""Repositories of members' contact details and the mail queued for them."""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Text, cast, func, insert, or_, select, update
from sqlalchemy.orm import Session

from notifications.domain.model import Contact, Message, MessageState


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

    def take(self, message_id: str, at: datetime) -> bool:
        """Mark a queued mail being sent at `at` unless another sender did first; tell which."""
        result = self._session.execute(
            update(Message)
            .where(Message.id == message_id, Message.state == MessageState.QUEUED)
            .values(state=MessageState.SENDING, handed_over_at=at)
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

    def add_rows(self, rows: list[dict[str, Any]]) -> None:
        """Insert many mails at once, given as column values (a digest's batch)."""
        self._session.execute(insert(Message), rows)

    def keys_starting(self, prefix: str) -> Sequence[str]:
        """Return the idempotency keys of every mail whose key starts with `prefix`."""
        query = select(Message.idempotency_key).where(_key_starts(prefix))
        return self._session.scalars(query).all()

    def any_not_failed_starting(self, prefix: str) -> bool:
        """Tell whether some mail whose key starts with `prefix` was sent or is on its way."""
        query = (
            select(Message.id)
            .where(_key_starts(prefix), Message.state != MessageState.FAILED)
            .limit(1)
        )
        return self._session.execute(query).first() is not None

    def queue_failed_again(self, prefix: str) -> int:
        """Queue again every failed mail whose key starts with `prefix`; return how many."""
        result = self._session.execute(
            update(Message)
            .where(_key_starts(prefix), Message.state == MessageState.FAILED)
            .values(state=MessageState.QUEUED, next_attempt_at=None, last_error=None)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def naming(self, name: str, *, escaped: str, besides: str) -> Sequence[Message]:
        """Return the mail of members other than `besides` whose words or context hold `name`."""
        naming = or_(
            Message.body_text.contains(name, autoescape=True),
            Message.body_html.contains(name, autoescape=True),
            cast(Message.context, Text).contains(name, autoescape=True),
            cast(Message.context, Text).contains(escaped, autoescape=True),
        )
        query = select(Message).where(Message.member_id != besides).where(naming)
        return self._session.scalars(query).all()


def _key_starts(prefix: str) -> Any:
    return Message.idempotency_key.like(f"{prefix}%")
