"""Compose the monthly digest for every member who wants it, from notifications' own copies."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select, update

from notifications.adapters.copies import DigestRuns, KnownMembers
from notifications.adapters.links import UnsubscribeLinks
from notifications.adapters.storage import Contacts
from notifications.adapters.templates import render, render_subject
from notifications.domain import errors
from notifications.domain.copies import DigestRun
from notifications.domain.digest import Month
from notifications.domain.letters import DIGEST, Letter
from notifications.domain.model import Message, MessageState, message_key, new_id, now
from notifications.domain.personal import Reader
from notifications.domain.preferences import Preference
from notifications.service_layer.digest_sources import DigestSources, readers_between
from notifications.service_layer.editions import edition_context
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.errors import Conflict
from qplatform.tracing import current_carrier, fanning_out

BATCH = 5000
# The reader of a member whose joining notifications has not heard of yet.
NOWHERE = Reader(region=None)


def queue_digests(*, uow: UnitOfWork, month: Month) -> int:
    """Queue the month's digest for every member who wants it; return how many were queued."""
    runs = DigestRuns(uow.session)
    run = runs.get(month.name)
    if run is not None and _reaching_members(uow, month):
        raise Conflict(f"the digest of {month.name} is already queued", field="month")
    # A run that reached nobody (no members yet, or every mail failed) does not hold the month.
    requeued = _queue_failed_again(uow, month)
    already = set(_keys_of(uow, month))
    sources = DigestSources.read(uow.session, month)
    edition = edition_context(uow, month)
    subject = render_subject(DIGEST, {"month_label": month.label})
    queued, batch = requeued, _recipients(uow, after="")
    # Each mail's sending gets a trace of its own that links to the digest run's.
    with fanning_out():
        cause = current_carrier()
    cause_columns = {"traceparent": cause.traceparent, "tracestate": cause.tracestate}
    while batch:
        readers = readers_between(uow.session, batch[0], batch[-1])
        rows = [
            _row(member_id, subject, _context(sources, readers, member_id, edition), month)
            | cause_columns
            for member_id in batch
            if message_key(_cause(month), member_id, DIGEST) not in already
        ]
        if rows:
            uow.session.execute(insert(Message), rows)
        queued += len(rows)
        batch = _recipients(uow, after=batch[-1])
    if run is None:
        runs.add(DigestRun(month=month.name, messages=queued))
    else:
        run.messages, run.queued_at = queued, now()
    uow.commit()
    return queued


def _context(
    sources: DigestSources, readers: dict[str, Reader], member_id: str, edition: dict[str, Any]
) -> dict[str, Any]:
    return {**sources.context_for(readers.get(member_id, NOWHERE)), **edition}


def _cause(month: Month) -> str:
    return f"digest-{month.name}"


def _queue_failed_again(uow: UnitOfWork, month: Month) -> int:
    result = uow.session.execute(
        update(Message)
        .where(Message.idempotency_key.like(f"{_cause(month)}:%"))
        .where(Message.state == MessageState.FAILED)
        .values(state=MessageState.QUEUED, next_attempt_at=None, last_error=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _keys_of(uow: UnitOfWork, month: Month) -> Sequence[str]:
    # The failed mail of an earlier run keeps its key, so its member is left out again.
    return uow.session.scalars(
        select(Message.idempotency_key).where(Message.idempotency_key.like(f"{_cause(month)}:%"))
    ).all()


def _reaching_members(uow: UnitOfWork, month: Month) -> bool:
    """Tell whether some of the month's digest was sent or is still on its way."""
    query = (
        select(Message.id)
        .where(Message.idempotency_key.like(f"{_cause(month)}:%"))
        .where(Message.state != MessageState.FAILED)
        .limit(1)
    )
    return uow.session.execute(query).first() is not None


def _recipients(uow: UnitOfWork, *, after: str) -> Sequence[str]:
    # A batch at a time, in id order, so memory does not grow with the membership.
    return uow.session.scalars(
        select(Preference.member_id)
        .where(Preference.category == DIGEST, Preference.subscribed.is_(True))
        .where(Preference.member_id > after)
        .order_by(Preference.member_id)
        .limit(BATCH)
    ).all()


def _row(member_id: str, subject: str, context: dict[str, Any], month: Month) -> dict[str, Any]:
    return {
        "id": new_id(),
        "idempotency_key": message_key(_cause(month), member_id, DIGEST),
        "member_id": member_id,
        "template": DIGEST,
        "category": DIGEST,
        "subject": subject,
        "context": context,
        "body_text": "",
        "attachments": [],
        "state": MessageState.QUEUED,
        "attempts": 0,
        "created_at": now(),
    }


def preview_digest(
    *, uow: UnitOfWork, links: UnsubscribeLinks, member_id: str, month: Month
) -> Letter:
    """Write the digest a member would get for `month`, without queueing it."""
    member = KnownMembers(uow.session).get(member_id)
    contact = Contacts(uow.session).get(member_id)
    if member is None and contact is None:
        raise errors.MemberNotFound("no member with that id", field="member_id")
    name = contact.display_name if contact else member.display_name if member else ""
    reader = readers_between(uow.session, member_id, member_id).get(member_id, NOWHERE)
    sources = DigestSources.read_for_region(uow.session, month, reader.region)
    edition = edition_context(uow, month)
    context = {**sources.context_for(reader), **edition, "display_name": name}
    url = links.url(member_id, DIGEST)
    return render(DIGEST, context, category=DIGEST, unsubscribe_url=url)
