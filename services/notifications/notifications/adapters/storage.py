"""Notifications' database: its tables, the outbox and inbox, and its repositories."""

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from notifications.domain.model import Base, Contact, KnownEvent, Message, MessageState
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

    def claim_next_deliverable(self) -> tuple[Message, Contact] | None:
        """Lock and return the oldest queued mail whose member has an address, with it.

        Other dispatchers skip the locked row, so two replicas never send the same mail.
        """
        query = (
            select(Message, Contact)
            .join(Contact, Contact.member_id == Message.member_id)
            .where(Message.state == MessageState.QUEUED)
            .order_by(Message.created_at, Message.id)
            .limit(1)
            .with_for_update(skip_locked=True, of=Message)
        )
        row = self._session.execute(query).first()
        return (row[0], row[1]) if row else None

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

    def count_for_member(self, member_id: str) -> int:
        query = select(func.count()).select_from(Message).where(Message.member_id == member_id)
        return self._session.execute(query).scalar_one()


class KnownEvents:
    """Q events remembered for the digest."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, event: KnownEvent) -> None:
        self._session.add(event)

    def get(self, event_id: str) -> KnownEvent | None:
        return self._session.get(KnownEvent, event_id)
