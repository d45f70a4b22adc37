"""Notifications' unit of work and repositories in memory, for the fast tier."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from notifications.domain.copies import (
    CollaborationNews,
    DigestRun,
    KnownCoffeeRound,
    KnownEvent,
    KnownMember,
    KnownPost,
    KnownRegion,
)
from notifications.domain.edition import DigestEdition
from notifications.domain.groups import KnownGroup
from notifications.domain.model import Contact, Message, MessageState, new_id
from notifications.domain.preferences import Bounce, Preference, Suppression
from qplatform.clock import SYSTEM_CLOCK, Clock
from qplatform.db.memory import InMemoryUnitOfWork


class FakeContacts:
    def __init__(self) -> None:
        self.rows: dict[str, Contact] = {}

    def add(self, contact: Contact) -> None:
        self.rows[contact.member_id] = contact

    def get(self, member_id: str) -> Contact | None:
        return self.rows.get(member_id)

    def delete(self, contact: Contact) -> None:
        self.rows.pop(contact.member_id, None)


class FakeMessages:
    def __init__(self, clock: Clock) -> None:
        self.rows: list[Message] = []
        self._clock = clock

    def add(self, message: Message) -> None:
        # What the database fills in by default on insert.
        message.id = message.id or new_id()
        message.state = message.state or MessageState.QUEUED
        message.attempts = message.attempts or 0
        message.category = message.category or "transactional"
        message.context = message.context if message.context is not None else {}
        message.attachments = message.attachments or []
        message.created_at = message.created_at or self._clock.now()
        self.rows.append(message)

    def add_rows(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            self.add(Message(**row))

    def get(self, message_id: str) -> Message | None:
        return next((m for m in self.rows if m.id == message_id), None)

    def with_key(self, idempotency_key: str) -> Message | None:
        return next((m for m in self.rows if m.idempotency_key == idempotency_key), None)

    def for_member(self, member_id: str, *, offset: int, limit: int) -> Sequence[Message]:
        mine = [m for m in self.rows if m.member_id == member_id]
        newest = sorted(mine, key=lambda m: (m.created_at, m.id), reverse=True)
        return newest[offset : offset + limit]

    def count_for_member(self, member_id: str, *, unread_only: bool = False) -> int:
        mine = [m for m in self.rows if m.member_id == member_id]
        return len([m for m in mine if m.read_at is None] if unread_only else mine)

    def mark_all_read(self, member_id: str, at: datetime) -> None:
        for message in self.rows:
            if message.member_id == member_id and message.read_at is None:
                message.read_at = at

    def all_of(self, member_id: str) -> Sequence[Message]:
        return [m for m in self.rows if m.member_id == member_id]

    def keys_starting(self, prefix: str) -> Sequence[str]:
        return [m.idempotency_key for m in self.rows if m.idempotency_key.startswith(prefix)]

    def any_not_failed_starting(self, prefix: str) -> bool:
        return any(
            m.idempotency_key.startswith(prefix) and m.state != MessageState.FAILED
            for m in self.rows
        )

    def queue_failed_again(self, prefix: str) -> int:
        failed = [
            m
            for m in self.rows
            if m.idempotency_key.startswith(prefix) and m.state == MessageState.FAILED
        ]
        for message in failed:
            message.state, message.next_attempt_at, message.last_error = (
                MessageState.QUEUED,
                None,
                None,
            )
        return len(failed)

    def of_template(self, template: str) -> list[Message]:
        """Return the mail of one template, for tests to read."""
        return [m for m in self.rows if m.template == template]


class FakePreferences:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], Preference] = {}

    def add(self, preference: Preference) -> None:
        self.rows[(preference.member_id, preference.category)] = preference

    def get(self, member_id: str, category: str) -> Preference | None:
        return self.rows.get((member_id, category))

    def of(self, member_id: str) -> Sequence[Preference]:
        mine = [p for (member, _), p in self.rows.items() if member == member_id]
        return sorted(mine, key=lambda p: p.category)

    def subscribers_after(self, category: str, after: str, *, limit: int) -> Sequence[str]:
        found = sorted(
            p.member_id
            for p in self.rows.values()
            if p.category == category and p.subscribed and p.member_id > after
        )
        return found[:limit]


class FakeBounces:
    def __init__(self) -> None:
        self.rows: list[Bounce] = []

    def add(self, bounce: Bounce) -> None:
        self.rows.append(bounce)

    def count(self, member_id: str, kind: str) -> int:
        return len([b for b in self.rows if b.member_id == member_id and b.kind == kind])


class FakeSuppressions:
    def __init__(self) -> None:
        self.rows: dict[str, Suppression] = {}

    def add(self, suppression: Suppression) -> None:
        self.rows[suppression.member_id] = suppression

    def get(self, member_id: str) -> Suppression | None:
        return self.rows.get(member_id)

    def delete(self, member_id: str) -> None:
        self.rows.pop(member_id, None)


class FakeKnownEvents:
    def __init__(self) -> None:
        self.rows: dict[str, KnownEvent] = {}

    def add(self, event: KnownEvent) -> None:
        self.rows[event.event_id] = event

    def get(self, event_id: str) -> KnownEvent | None:
        return self.rows.get(event_id)

    def listed_between(self, since: datetime, until: datetime) -> Sequence[KnownEvent]:
        listed = [e for e in self.rows.values() if since <= e.starts_at < until and not e.hidden]
        return sorted(listed, key=lambda e: (e.starts_at, e.event_id))


class FakeKnownMembers:
    def __init__(self) -> None:
        self.rows: dict[str, KnownMember] = {}

    def add(self, member: KnownMember) -> None:
        self.rows[member.member_id] = member

    def get(self, member_id: str) -> KnownMember | None:
        return self.rows.get(member_id)

    def joined_between(self, since: datetime, until: datetime) -> Sequence[KnownMember]:
        joined = [m for m in self.rows.values() if m.joined_at and since <= m.joined_at < until]
        return sorted(joined, key=lambda m: m.joined_at, reverse=True)

    def with_ids_between(self, first: str, last: str) -> Sequence[KnownMember]:
        return [m for m in self.rows.values() if first <= m.member_id <= last]


class FakeKnownRegions:
    def __init__(self) -> None:
        self.rows: dict[str, KnownRegion] = {}

    def names(self) -> dict[str, str]:
        return {slug: region.name for slug, region in self.rows.items()}


class FakeKnownPosts:
    def __init__(self) -> None:
        self.rows: dict[str, KnownPost] = {}

    def add(self, post: KnownPost) -> None:
        self.rows[post.post_id] = post

    def get(self, post_id: str) -> KnownPost | None:
        return self.rows.get(post_id)

    def published_between(
        self, since: datetime, until: datetime, *, limit: int
    ) -> Sequence[KnownPost]:
        posts = [p for p in self.rows.values() if since <= p.published_at < until]
        return sorted(posts, key=lambda p: p.published_at, reverse=True)[:limit]


class FakeKnownCoffeeRounds:
    def __init__(self) -> None:
        self.rows: list[KnownCoffeeRound] = []

    def last_completed_before(self, moment: datetime) -> KnownCoffeeRound | None:
        done = [r for r in self.rows if r.completed_at < moment]
        return max(done, key=lambda r: r.completed_at, default=None)


class FakeKnownGroups:
    def __init__(self) -> None:
        self.rows: list[KnownGroup] = []

    def created_before(self, moment: datetime) -> Sequence[KnownGroup]:
        return [g for g in self.rows if g.created_at < moment]


class FakeGroupPlaces:
    def members_per_group(self) -> dict[str, int]:
        return {}

    def joined_per_group(self, since: datetime, until: datetime) -> dict[str, int]:
        return {}

    def groups_by_member_between(self, first: str, last: str) -> dict[str, list[str]]:
        return {}


class FakeSurveyInvitations:
    def titles_by_member_between(self, first: str, last: str) -> dict[str, list[str]]:
        return {}


class FakeCollaborationNews:
    def __init__(self) -> None:
        self.rows: list[CollaborationNews] = []

    def between(self, since: datetime, until: datetime) -> Sequence[CollaborationNews]:
        return sorted(
            (n for n in self.rows if since <= n.at < until), key=lambda n: n.at, reverse=True
        )


class FakeDigestRuns:
    def __init__(self) -> None:
        self.rows: dict[str, DigestRun] = {}

    def add(self, run: DigestRun) -> None:
        self.rows[run.month] = run

    def get(self, month: str) -> DigestRun | None:
        return self.rows.get(month)


class FakeDigestEditions:
    def __init__(self) -> None:
        self.rows: dict[str, DigestEdition] = {}

    def add(self, edition: DigestEdition) -> None:
        self.rows[edition.month] = edition

    def get(self, month: str) -> DigestEdition | None:
        return self.rows.get(month)


class FakeNotificationsUnitOfWork(InMemoryUnitOfWork):
    """Notifications' unit of work with the repositories its unit tests need, in memory."""

    def __init__(self, clock: Clock = SYSTEM_CLOCK) -> None:
        super().__init__(source="notifications", clock=clock)
        self.contacts = FakeContacts()
        self.messages = FakeMessages(clock)
        self.preferences = FakePreferences()
        self.bounces = FakeBounces()
        self.suppressions = FakeSuppressions()
        self.known_events = FakeKnownEvents()
        self.known_members = FakeKnownMembers()
        self.known_regions = FakeKnownRegions()
        self.known_posts = FakeKnownPosts()
        self.known_coffee_rounds = FakeKnownCoffeeRounds()
        self.known_groups = FakeKnownGroups()
        self.group_places = FakeGroupPlaces()
        self.survey_invitations = FakeSurveyInvitations()
        self.collaboration_news = FakeCollaborationNews()
        self.digest_runs = FakeDigestRuns()
        self.digest_editions = FakeDigestEditions()
