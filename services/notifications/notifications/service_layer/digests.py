"""Compose the monthly digest for every member who wants it, from notifications' own copies."""

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from notifications.adapters.links import UnsubscribeLinks
from notifications.adapters.templates import render, render_subject
from notifications.domain import errors
from notifications.domain.copies import DigestRun
from notifications.domain.digest import Month, digest_due
from notifications.domain.letters import DIGEST, Letter
from notifications.domain.model import MessageState, message_key, new_id
from notifications.domain.personal import Reader
from notifications.service_layer.digest_sources import DigestSources, readers_between
from notifications.service_layer.editions import edition_context
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.errors import Conflict
from qplatform.tracing import current_carrier, fanning_out

log = logging.getLogger(__name__)

BATCH = 5000
# The reader of a member whose joining notifications has not heard of yet.
NOWHERE = Reader(region=None)


def queue_due_digest(*, uow: NotificationsUnitOfWork, now: datetime, day: int, hour: int) -> int:
    """Queue the digest due at `now` unless it is queued already; return how many mails."""
    month = digest_due(now, day=day, hour=hour)
    if month is None:
        return 0
    run = uow.digest_runs.get(month.name)
    if run is not None and run.messages > 0:
        return 0
    try:
        count = queue_digests(uow=uow, month=month)
    except Conflict:
        return 0
    log.info("digest queued", extra={"month": month.name, "messages": count})
    return count


def queue_digests(*, uow: NotificationsUnitOfWork, month: Month) -> int:
    """Queue the month's digest for every member who wants it; return how many were queued."""
    runs = uow.digest_runs
    run = runs.get(month.name)
    if run is not None and _reaching_members(uow, month):
        raise Conflict(f"the digest of {month.name} is already queued", field="month")
    # A run that reached nobody (no members yet, or every mail failed) does not hold the month.
    requeued = _queue_failed_again(uow, month)
    already = set(_keys_of(uow, month))
    sources = DigestSources.read(uow, month)
    edition = edition_context(uow, month)
    subject = render_subject(DIGEST, {"month_label": month.label})
    queued, batch = requeued, _recipients(uow, after="")
    moment = uow.clock.now()
    # Each mail's sending gets a trace of its own that links to the digest run's.
    with fanning_out():
        cause = current_carrier()
    cause_columns = {"traceparent": cause.traceparent, "tracestate": cause.tracestate}
    while batch:
        readers = readers_between(uow, batch[0], batch[-1])
        rows = [
            _row(member_id, subject, _context(sources, readers, member_id, edition), month, moment)
            | cause_columns
            for member_id in batch
            if message_key(_cause(month), member_id, DIGEST) not in already
        ]
        if rows:
            uow.messages.add_rows(rows)
        queued += len(rows)
        batch = _recipients(uow, after=batch[-1])
    if run is None:
        runs.add(DigestRun(month=month.name, messages=queued, queued_at=moment))
    else:
        run.messages, run.queued_at = queued, moment
    uow.commit()
    return queued


def _context(
    sources: DigestSources, readers: dict[str, Reader], member_id: str, edition: dict[str, Any]
) -> dict[str, Any]:
    return {**sources.context_for(readers.get(member_id, NOWHERE)), **edition}


def _cause(month: Month) -> str:
    return f"digest-{month.name}"


def _queue_failed_again(uow: NotificationsUnitOfWork, month: Month) -> int:
    return uow.messages.queue_failed_again(f"{_cause(month)}:")


def _keys_of(uow: NotificationsUnitOfWork, month: Month) -> Sequence[str]:
    # The failed mail of an earlier run keeps its key, so its member is left out again.
    return uow.messages.keys_starting(f"{_cause(month)}:")


def _reaching_members(uow: NotificationsUnitOfWork, month: Month) -> bool:
    """Tell whether some of the month's digest was sent or is still on its way."""
    return uow.messages.any_not_failed_starting(f"{_cause(month)}:")


def _recipients(uow: NotificationsUnitOfWork, *, after: str) -> Sequence[str]:
    # A batch at a time, in id order, so memory does not grow with the membership.
    return uow.preferences.subscribers_after(DIGEST, after, limit=BATCH)


def _row(
    member_id: str, subject: str, context: dict[str, Any], month: Month, moment: datetime
) -> dict[str, Any]:
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
        "created_at": moment,
    }


def preview_digest(
    *, uow: NotificationsUnitOfWork, links: UnsubscribeLinks, member_id: str, month: Month
) -> Letter:
    """Write the digest a member would get for `month`, without queueing it."""
    member = uow.known_members.get(member_id)
    contact = uow.contacts.get(member_id)
    if member is None and contact is None:
        raise errors.MemberNotFound("no member with that id", field="member_id")
    name = contact.display_name if contact else member.display_name if member else ""
    reader = readers_between(uow, member_id, member_id).get(member_id, NOWHERE)
    sources = DigestSources.read_for_region(uow, month, reader.region)
    edition = edition_context(uow, month)
    context = {**sources.context_for(reader), **edition, "display_name": name}
    url = links.url(member_id, DIGEST)
    return render(DIGEST, context, category=DIGEST, unsubscribe_url=url)
