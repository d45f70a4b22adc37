"""In-memory stand-ins for the events service's unit of work and repositories."""

from typing import TypeVar

from events.adapters.repositories.events import EventFilter
from events.domain.members import Member
from events.domain.model import Event
from events.domain.posts import Comment, Post, PostStatus
from events.domain.registrations import Registration, RegistrationStatus
from events.domain.series import Series
from qplatform.clock import FixedClock
from qplatform.db.memory import InMemoryUnitOfWork
from qplatform.paging import Page, PageRequest

T = TypeVar("T")


def _page(items: list[T], page: PageRequest) -> Page[T]:
    return Page(items[page.offset : page.offset + page.size], len(items))


class FakeEvents:
    def __init__(self) -> None:
        self.kept: dict[str, Event] = {}

    def add(self, event: Event) -> None:
        self.kept[event.id] = event

    def get(self, event_id: str) -> Event | None:
        return self.kept.get(event_id)

    def lock(self, event_id: str) -> Event | None:
        return self.kept.get(event_id)

    def matching(self, where: EventFilter, page: PageRequest) -> Page[Event]:
        found = [e for e in self.kept.values() if _matches(e, where)]
        found.sort(key=lambda e: (e.starts_at, e.id), reverse=where.past)
        return _page(found, page)

    def first(self, where: EventFilter, limit: int) -> list[Event]:
        return list(self.matching(where, PageRequest(1, limit)).items)


def _matches(event: Event, where: EventFilter) -> bool:
    over = event.ends_at <= where.now
    return (
        event.status in where.statuses
        and over == where.past
        and all(
            value is None or getattr(event, name) == value
            for name, value in (("region", where.region), ("series_id", where.series_id))
        )
    )


class FakeRegistrations:
    def __init__(self) -> None:
        self.kept: dict[str, Registration] = {}

    def add(self, registration: Registration) -> None:
        self.kept[registration.id] = registration

    def get(self, registration_id: str) -> Registration | None:
        return self.kept.get(registration_id)

    def reload(self, registration: Registration) -> None:
        """Nothing to read again: memory holds the one copy."""

    def of(self, event_id: str, member_id: str) -> Registration | None:
        return next(
            (r for r in self.kept.values() if (r.event_id, r.member_id) == (event_id, member_id)),
            None,
        )

    def confirmed_count(self, event_id: str) -> int:
        return len(self._of_event(event_id, RegistrationStatus.CONFIRMED))

    def active(self, event_id: str) -> list[Registration]:
        return self._of_event(event_id, RegistrationStatus.CONFIRMED) + self.waitlist(event_id)

    def waitlist(self, event_id: str) -> list[Registration]:
        return self._of_event(event_id, RegistrationStatus.WAITLISTED)

    def of_member(self, member_id: str) -> list[Registration]:
        return [r for r in self.kept.values() if r.member_id == member_id and r.is_active]

    def _of_event(self, event_id: str, status: RegistrationStatus) -> list[Registration]:
        found = [r for r in self.kept.values() if r.event_id == event_id and r.status is status]
        return sorted(found, key=lambda r: (r.queued_at, r.id))


class FakeMembers:
    def __init__(self) -> None:
        self.kept: dict[str, Member] = {}

    def get(self, member_id: str) -> Member | None:
        return self.kept.get(member_id)

    def get_or_add(self, member_id: str) -> Member:
        if member_id not in self.kept:
            self.kept[member_id] = Member(
                member_id=member_id, display_name="Member", has_left=False, trusted_organiser=False
            )
        return self.kept[member_id]

    def names(self, member_ids: set[str]) -> dict[str, str]:
        return {i: m.shown_name for i, m in self.kept.items() if i in member_ids}


class FakePosts:
    def __init__(self) -> None:
        self.kept: dict[str, Post] = {}

    def add(self, post: Post) -> None:
        self.kept[post.id] = post

    def get(self, post_id: str) -> Post | None:
        return self.kept.get(post_id)

    def with_status(self, status: PostStatus, page: PageRequest) -> Page[Post]:
        found = [p for p in self.kept.values() if p.status is status]
        return _page(sorted(found, key=lambda p: p.created_at, reverse=True), page)

    def by_author(self, author_id: str) -> list[Post]:
        return [p for p in self.kept.values() if p.author_id == author_id]


class FakeComments:
    def __init__(self) -> None:
        self.kept: dict[str, Comment] = {}
        self.flags: set[tuple[str, str]] = set()

    def add(self, comment: Comment) -> None:
        self.kept[comment.id] = comment

    def get(self, comment_id: str) -> Comment | None:
        return self.kept.get(comment_id)

    def under(self, on_id: str, *, with_hidden: bool) -> list[Comment]:
        found = [c for c in self.kept.values() if c.on_id == on_id]
        return [c for c in found if with_hidden or not c.hidden]

    def by_author(self, author_id: str) -> list[Comment]:
        return [c for c in self.kept.values() if c.author_id == author_id]

    def has_flagged(self, comment_id: str, member_id: str) -> bool:
        return (comment_id, member_id) in self.flags

    def add_flag(self, comment_id: str, member_id: str) -> None:
        self.flags.add((comment_id, member_id))


class FakeTalkOffers:
    def by_speaker(self, speaker_id: str) -> list[object]:
        return []


class FakeTalkRequests:
    def involving(self, member_id: str) -> list[object]:
        return []


class FakeEventSeries:
    def __init__(self) -> None:
        self.kept: dict[str, Series] = {}

    def add(self, series: Series) -> None:
        self.kept[series.id] = series

    def get(self, series_id: str) -> Series | None:
        return self.kept.get(series_id)


class FakeEventsUnitOfWork(InMemoryUnitOfWork):
    """The events unit of work on in-memory repositories, at the instant `clock` tells."""

    def __init__(self, clock: FixedClock) -> None:
        super().__init__(source="events", clock=clock)
        self.fixed_clock = clock
        self.events = FakeEvents()
        self.registrations = FakeRegistrations()
        self.members = FakeMembers()
        self.posts = FakePosts()
        self.comments = FakeComments()
        self.talk_offers = FakeTalkOffers()
        self.talk_requests = FakeTalkRequests()
        self.event_series = FakeEventSeries()
