"""Read what a month's digests draw on, once, and make each member's digest from it."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select, true
from sqlalchemy.orm import Session

from notifications.adapters.copies import KnownRegions
from notifications.domain.copies import (
    CollaborationNews,
    KnownCoffeeRound,
    KnownEvent,
    KnownMember,
    KnownPost,
    SurveyInvitation,
)
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
from notifications.domain.groups import GroupPlace
from notifications.domain.personal import GroupNews, InterestPicks, Reader
from notifications.service_layer.group_news import read_group_news

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
    def read(cls, session: Session, month: Month) -> "DigestSources":
        """Read the month's upcoming events and last month's news, everywhere."""
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
            .where(event_filter, KnownEvent.hidden.is_(False))
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
        return cls(
            month,
            list(events),
            dict(by_region),
            _posts(session, month),
            _coffee(session, month),
            read_group_news(session, month),
            KnownRegions(session).names(),
            _collaboration(session, month),
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


def _posts(session: Session, month: Month) -> InterestPicks:
    posts = session.scalars(
        select(KnownPost)
        .where(KnownPost.published_at >= month.previous.starts_at)
        .where(KnownPost.published_at < month.starts_at)
        .order_by(KnownPost.published_at.desc())
        .limit(POSTS_READ)
    ).all()
    return InterestPicks([(post_entry(p), p.topics) for p in posts], limit=POSTS_PER_DIGEST)


def _collaboration(session: Session, month: Month) -> list[CollaborationNews]:
    return list(
        session.scalars(
            select(CollaborationNews)
            .where(CollaborationNews.at >= month.previous.starts_at)
            .where(CollaborationNews.at < month.starts_at)
            .order_by(CollaborationNews.at.desc())
        )
    )


def _coffee(session: Session, month: Month) -> dict[str, int] | None:
    last_round = session.scalars(
        select(KnownCoffeeRound)
        .where(KnownCoffeeRound.completed_at < month.starts_at)
        .order_by(KnownCoffeeRound.completed_at.desc())
        .limit(1)
    ).first()
    return coffee_entry(last_round)


def readers_between(session: Session, first: str, last: str) -> dict[str, Reader]:
    """Return the reader each member whose id sorts from `first` to `last` makes."""
    places: dict[str, list[str]] = defaultdict(list)
    in_range = GroupPlace.member_id.between(first, last)
    for member_id, group_id in session.execute(
        select(GroupPlace.member_id, GroupPlace.group_id).where(in_range)
    ):
        places[member_id].append(group_id)
    surveys: dict[str, list[str]] = defaultdict(list)
    invited = SurveyInvitation.member_id.between(first, last)
    for member_id, title in session.execute(
        select(SurveyInvitation.member_id, SurveyInvitation.title)
        .where(invited)
        .order_by(SurveyInvitation.title)
    ):
        surveys[member_id].append(title)
    members = session.execute(
        select(KnownMember.member_id, KnownMember.region, KnownMember.interests).where(
            KnownMember.member_id.between(first, last)
        )
    )
    return {
        member_id: Reader(
            region,
            frozenset(interests or ()),
            tuple(places.get(member_id, ())),
            tuple(surveys.get(member_id, ())),
        )
        for member_id, region, interests in members
    }
