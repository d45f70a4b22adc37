"""Compose the monthly digest for every member who wants it, from notifications' own copies."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, or_, select, true
from sqlalchemy.orm import Session

from notifications.adapters.copies import DigestRuns, KnownMembers
from notifications.adapters.links import UnsubscribeLinks
from notifications.adapters.storage import Contacts
from notifications.adapters.templates import render, render_subject
from notifications.domain import errors
from notifications.domain.copies import (
    DigestRun,
    KnownCoffeeRound,
    KnownEvent,
    KnownMember,
    KnownPost,
)
from notifications.domain.digest import (
    LOOKAHEAD,
    POSTS_PER_DIGEST,
    Community,
    Month,
    coffee_entry,
    digest_context,
    event_entry,
    member_entry,
    post_entry,
)
from notifications.domain.letters import DIGEST, Letter
from notifications.domain.model import Message, MessageState, message_key, new_id, now
from notifications.domain.preferences import Preference
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.errors import Conflict

BATCH = 5000


@dataclass
class DigestSources:
    """What every digest of one month draws on, read once and shared by region."""

    month: Month
    events: list[KnownEvent]
    new_members: dict[str, list[KnownMember]]
    community: Community
    _contexts: dict[str | None, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def read(cls, session: Session, month: Month) -> "DigestSources":
        """Read the month's upcoming events and last month's new members, everywhere."""
        return cls._read(session, month, true(), true())

    @classmethod
    def read_for_region(cls, session: Session, month: Month, region: str | None) -> "DigestSources":
        """Read only what the digest of a member in `region` needs."""
        in_region = or_(KnownEvent.region.is_(None), KnownEvent.region == region)
        return cls._read(session, month, in_region, KnownMember.region == region)

    @classmethod
    def _read(
        cls, session: Session, month: Month, event_filter: Any, member_filter: Any
    ) -> "DigestSources":
        starts = month.starts_at
        events = session.scalars(
            select(KnownEvent)
            .where(KnownEvent.starts_at >= starts, KnownEvent.starts_at < starts + LOOKAHEAD)
            .where(event_filter)
            .order_by(KnownEvent.starts_at, KnownEvent.event_id)
        ).all()
        joined = session.scalars(
            select(KnownMember)
            .where(KnownMember.joined_at >= month.previous.starts_at)
            .where(KnownMember.joined_at < starts, member_filter)
            .order_by(KnownMember.joined_at.desc())
        ).all()
        by_region: dict[str, list[KnownMember]] = defaultdict(list)
        for member in joined:
            by_region[member.region].append(member)
        return cls(month, list(events), dict(by_region), _community(session, month))

    def context_for(self, region: str | None) -> dict[str, Any]:
        """Return the digest of a member in `region`: its events and online ones, its joiners."""
        if region not in self._contexts:
            events = [event_entry(e) for e in self.events if e.region in (None, region)]
            joined = self.new_members.get(region or "", [])
            self._contexts[region] = digest_context(
                self.month,
                region,
                events,
                [member_entry(m) for m in joined[:5]],
                len(joined),
                self.community,
            )
        return self._contexts[region]


def _community(session: Session, month: Month) -> Community:
    posts = session.scalars(
        select(KnownPost)
        .where(KnownPost.published_at >= month.previous.starts_at)
        .where(KnownPost.published_at < month.starts_at)
        .order_by(KnownPost.published_at.desc())
        .limit(POSTS_PER_DIGEST)
    ).all()
    last_round = session.scalars(
        select(KnownCoffeeRound)
        .where(KnownCoffeeRound.completed_at < month.starts_at)
        .order_by(KnownCoffeeRound.completed_at.desc())
        .limit(1)
    ).first()
    return Community([post_entry(post) for post in posts], coffee_entry(last_round))


def queue_digests(*, uow: UnitOfWork, month: Month) -> int:
    """Queue the month's digest for every member who wants it; return how many were queued."""
    runs = DigestRuns(uow.session)
    if runs.get(month.name) is not None:
        raise Conflict(f"the digest of {month.name} is already queued", field="month")
    sources = DigestSources.read(uow.session, month)
    subject = render_subject(DIGEST, {"month_label": month.label})
    recipients = uow.session.execute(
        select(Preference.member_id, KnownMember.region)
        .outerjoin(KnownMember, KnownMember.member_id == Preference.member_id)
        .where(Preference.category == DIGEST, Preference.subscribed.is_(True))
    ).all()
    for start in range(0, len(recipients), BATCH):
        rows = [
            _row(member_id, subject, sources.context_for(region), month)
            for member_id, region in recipients[start : start + BATCH]
        ]
        uow.session.execute(insert(Message), rows)
    runs.add(DigestRun(month=month.name, messages=len(recipients)))
    uow.commit()
    return len(recipients)


def _row(member_id: str, subject: str, context: dict[str, Any], month: Month) -> dict[str, Any]:
    return {
        "id": new_id(),
        "idempotency_key": message_key(f"digest-{month.name}", member_id, DIGEST),
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
    region = member.region if member else None
    name = contact.display_name if contact else member.display_name if member else ""
    sources = DigestSources.read_for_region(uow.session, month, region)
    context = {**sources.context_for(region), "display_name": name}
    url = links.url(member_id, DIGEST)
    return render(DIGEST, context, category=DIGEST, unsubscribe_url=url)
