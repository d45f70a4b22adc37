"""Read what a month's digests draw on, once, and make each member's digest from it."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from notifications.domain.copies import CollaborationNews, KnownEvent, KnownMember
from notifications.domain.digest import (
    EVENTS_PER_DIGEST,
    LOOKAHEAD,
    POSTS_PER_DIGEST,
    Month,
    coffee_entry,
    collaboration_entries,
    digest_context,
    event_entry,
    member_entry,
    post_entry,
)
from notifications.domain.personal import GroupNews, InterestPicks, Reader
from notifications.service_layer.group_news import read_group_news
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork

# A member's posts are picked from at most this many of the month's newest.
POSTS_READ = 200


@dataclass
class DigestSources:
    """What every digest of one month draws on, read once; shared by region and interests."""

    month: Month
    events: list[KnownEvent]
    new_members: dict[str, list[KnownMember]]
    posts: InterestPicks
    coffee: dict[str, int] | None
    groups: GroupNews
    region_names: dict[str, str]
    collaboration: list[CollaborationNews]
    _regions: dict[str | None, tuple[dict[str, Any], InterestPicks]] = field(default_factory=dict)

    @classmethod
    def read(cls, uow: NotificationsUnitOfWork, month: Month) -> "DigestSources":
        """Read the month's upcoming events and last month's news, everywhere."""
        starts, since = month.starts_at, month.previous.starts_at
        events = uow.known_events.listed_between(starts, starts + LOOKAHEAD)
        joined = uow.known_members.joined_between(since, starts)
        return cls._read(uow, month, events, joined)

    @classmethod
    def read_for_region(
        cls, uow: NotificationsUnitOfWork, month: Month, region: str | None
    ) -> "DigestSources":
        """Read only what the digest of a member in `region` needs."""
        starts, since = month.starts_at, month.previous.starts_at
        events = uow.known_events.listed_between_for(starts, starts + LOOKAHEAD, region)
        joined = uow.known_members.joined_between_in(since, starts, region)
        return cls._read(uow, month, events, joined)

    @classmethod
    def _read(
        cls,
        uow: NotificationsUnitOfWork,
        month: Month,
        events: Sequence[KnownEvent],
        joined: Sequence[KnownMember],
    ) -> "DigestSources":
        by_region: dict[str, list[KnownMember]] = defaultdict(list)
        for member in joined:
            by_region[member.region].append(member)
        since, until = month.previous.starts_at, month.starts_at
        return cls(
            month,
            list(events),
            dict(by_region),
            _posts(uow, month),
            coffee_entry(uow.known_coffee_rounds.last_completed_before(until)),
            read_group_news(uow, month),
            uow.known_regions.names(),
            list(uow.collaboration_news.between(since, until)),
        )

    def context_for(self, reader: Reader) -> dict[str, Any]:
        """Return one member's digest: their region's news, picked for their interests."""
        base, events = self._region(reader.region)
        return {
            **base,
            "events": events.pick(reader.interests),
            "posts": self.posts.pick(reader.interests),
            "groups": self.groups.of_member(reader.groups),
            "new_groups": self.groups.suggested(reader),
            "open_surveys": list(reader.surveys),
        }

    def _region(self, region: str | None) -> tuple[dict[str, Any], InterestPicks]:
        if region not in self._regions:
            names = self.region_names
            events = [
                (event_entry(e, names), e.topics) for e in self.events if e.region in (None, region)
            ]
            joined = self.new_members.get(region or "", [])
            listed = [member_entry(m) for m in joined[:5]]
            base = digest_context(self.month, region, listed, len(joined), self.coffee, names)
            base |= collaboration_entries(self.collaboration)
            self._regions[region] = (base, InterestPicks(events, limit=EVENTS_PER_DIGEST))
        return self._regions[region]


def _posts(uow: NotificationsUnitOfWork, month: Month) -> InterestPicks:
    since, until = month.previous.starts_at, month.starts_at
    posts = uow.known_posts.published_between(since, until, limit=POSTS_READ)
    return InterestPicks([(post_entry(p), p.topics) for p in posts], limit=POSTS_PER_DIGEST)


def readers_between(uow: NotificationsUnitOfWork, first: str, last: str) -> dict[str, Reader]:
    """Return the reader each member whose id sorts from `first` to `last` makes."""
    places = uow.group_places.groups_by_member_between(first, last)
    surveys = uow.survey_invitations.titles_by_member_between(first, last)
    return {
        member.member_id: Reader(
            member.region,
            frozenset(member.interests or ()),
            tuple(places.get(member.member_id, ())),
            tuple(surveys.get(member.member_id, ())),
        )
        for member in uow.known_members.with_ids_between(first, last)
    }
