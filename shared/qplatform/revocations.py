"""Access that ends before its tokens expire: each service's own table of revocations.

Membership says when access ends: a member left (`member-left`), lost a role
(`member-role-changed`, not granted) or logged out (`session-ended`). Every other service
keeps what those events revoke in its own `revocations` table, from its consumer;
membership writes the same rows in the transaction that ends the access. The shared
bearer check (`qplatform.web.auth`) refuses a token that a row revokes, so access ends
everywhere within the time an event takes to arrive, not when the token expires.

A row is kept only as long as a token it revokes could still be presented, and is keyed
by a digest, so the table names nobody.
"""

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, delete, insert, select, update

from qplatform.db.plumbing import PlumbingTables
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.messaging.handlers import Handler, HandlerKey, ReceivedEvent

# Longer than any access token lives, so a row never goes while a token it revokes is good.
KEPT_FOR = timedelta(days=1)


def revoke_member(uow: UnitOfWork, member_id: str, *, before: datetime) -> None:
    """Refuse every access token of a member issued before `before`."""
    _revoke(uow, _key("member", member_id), before)


def revoke_session(uow: UnitOfWork, session_id: str, *, before: datetime) -> None:
    """Refuse every access token of a session issued before `before` (when it ended)."""
    _revoke(uow, _key("session", session_id), before)


def is_revoked(
    connection: Connection,
    tables: PlumbingTables,
    *,
    member_id: str,
    session_id: str | None,
    issued_at: datetime,
) -> bool:
    """Tell whether a token of `member_id` (and `session_id`) issued at `issued_at` is revoked."""
    keys = [_key("member", member_id)] + ([_key("session", session_id)] if session_id else [])
    table = tables.revocations
    found = connection.execute(select(table.c.revoked_before).where(table.c.key.in_(keys)))
    return any(issued_at < _aware(before) for (before,) in found)


def end_access_of_leaver(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Refuse the tokens of a member who left."""
    revoke_member(uow, event.data["member_id"], before=event.data["left_at"])


def end_access_of_revoked_role(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Refuse a member's tokens issued before a role was taken away, so none still holds it."""
    if not event.data["granted"]:
        revoke_member(uow, event.data["member_id"], before=event.data["changed_at"])


def end_access_of_session(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Refuse the tokens of a session the member ended."""
    revoke_session(uow, event.data["session_id"], before=event.data["ended_at"])


ACCESS_ENDINGS: dict[HandlerKey, Handler] = {
    ("member-left", 1): end_access_of_leaver,
    ("member-role-changed", 1): end_access_of_revoked_role,
    ("session-ended", 1): end_access_of_session,
}


def with_access_endings(handlers: Mapping[HandlerKey, Handler]) -> dict[HandlerKey, Handler]:
    """Return `handlers` with each ending of access revoked first, in the same transaction."""
    combined = dict(handlers)
    for key, ending in ACCESS_ENDINGS.items():
        own = handlers.get(key)
        combined[key] = ending if own is None else _both(ending, own)
    return combined


def _both(first: Handler, then: Handler) -> Handler:
    def handle(uow: UnitOfWork, event: ReceivedEvent) -> None:
        first(uow, event)
        then(uow, event)

    handle.__doc__ = then.__doc__
    handle.__qualname__ = then.__qualname__
    return handle


def _revoke(uow: UnitOfWork, key: str, before: datetime) -> None:
    table = uow.tables.revocations
    session = uow.session
    session.execute(delete(table).where(table.c.revoked_before < datetime.now(UTC) - KEPT_FOR))
    held = session.execute(
        select(table.c.revoked_before).where(table.c.key == key).with_for_update()
    ).first()
    if held is None:
        session.execute(insert(table).values(key=key, revoked_before=before))
    elif _aware(held[0]) < before:
        session.execute(update(table).where(table.c.key == key).values(revoked_before=before))


def _key(kind: str, identifier: str) -> str:
    return hashlib.sha256(f"{kind}:{identifier}".encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
