"""Repositories of notifications' copies of other services' facts."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, delete, or_, select, true
from sqlalchemy.orm import Session

from notifications.domain.copies import (
    CoffeeMatch,
    CollaborationNews,
    KnownCoffeeRound,
    KnownEvent,
    KnownMember,
    KnownPost,
    KnownRegion,
    Registration,
    SurveyInvitation,
)


class KnownEvents:
    """Q events remembered for the digest and for reminders."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, event: KnownEvent) -> None:
        self._session.add(event)

    def get(self, event_id: str) -> KnownEvent | None:
        return self._session.get(KnownEvent, event_id)

    def delete(self, event: KnownEvent) -> None:
        self._session.delete(event)

    def listed_between(self, since: datetime, until: datetime) -> Sequence[KnownEvent]:
        """Return the events shown in digests that start from `since` to before `until`."""
        return self._listed(since, until, true())

    def listed_between_for(
        self, since: datetime, until: datetime, region: str | None
    ) -> Sequence[KnownEvent]:
        """Return the listed events starting in the window that a member in `region` sees."""
        in_region = or_(KnownEvent.region.is_(None), KnownEvent.region == region)
        return self._listed(since, until, in_region)

    def _listed(
        self, since: datetime, until: datetime, condition: ColumnElement[bool]
    ) -> Sequence[KnownEvent]:
        query = (
            select(KnownEvent)
            .where(KnownEvent.starts_at >= since, KnownEvent.starts_at < until)
            .where(condition, KnownEvent.hidden.is_(False))
            .order_by(KnownEvent.starts_at, KnownEvent.event_id)
        )
        return self._session.scalars(query).all()

    def unreminded_between(self, since: datetime, until: datetime) -> Sequence[KnownEvent]:
        """Return the events starting after `since` and before `until` not reminded of yet."""
        query = (
            select(KnownEvent)
            .where(KnownEvent.starts_at > since, KnownEvent.starts_at < until)
            .where(KnownEvent.reminded_at.is_(None))
        )
        return self._session.scalars(query).all()


class KnownMembers:
    """Members remembered for the digest's news of who joined."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, member: KnownMember) -> None:
        self._session.add(member)

    def get(self, member_id: str) -> KnownMember | None:
        return self._session.get(KnownMember, member_id)

    def delete(self, member_id: str) -> None:
        self._session.execute(delete(KnownMember).where(KnownMember.member_id == member_id))

    def joined_between(self, since: datetime, until: datetime) -> Sequence[KnownMember]:
        """Return the members who joined from `since` to before `until`, newest first."""
        return self._joined(since, until, true())

    def joined_between_in(
        self, since: datetime, until: datetime, region: str | None
    ) -> Sequence[KnownMember]:
        """Return the members of `region` who joined in the window, newest first."""
        return self._joined(since, until, KnownMember.region == region)

    def _joined(
        self, since: datetime, until: datetime, condition: ColumnElement[bool]
    ) -> Sequence[KnownMember]:
        query = (
            select(KnownMember)
            .where(KnownMember.joined_at >= since, KnownMember.joined_at < until, condition)
            .order_by(KnownMember.joined_at.desc())
        )
        return self._session.scalars(query).all()

    def with_ids_between(self, first: str, last: str) -> Sequence[KnownMember]:
        """Return the members whose ids sort from `first` to `last`."""
        query = select(KnownMember).where(KnownMember.member_id.between(first, last))
        return self._session.scalars(query).all()


class KnownRegions:
    """Regions by the names staff gave them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, region: KnownRegion) -> None:
        self._session.add(region)

    def get(self, slug: str) -> KnownRegion | None:
        return self._session.get(KnownRegion, slug)

    def names(self) -> dict[str, str]:
        """Return each region's name by slug, for every region membership announced."""
        rows = self._session.execute(select(KnownRegion.slug, KnownRegion.name))
        return {slug: name for slug, name in rows}


class KnownPosts:
    """News items and blogs remembered for the digest."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, post: KnownPost) -> None:
        self._session.add(post)

    def get(self, post_id: str) -> KnownPost | None:
        return self._session.get(KnownPost, post_id)

    def delete(self, post: KnownPost) -> None:
        self._session.delete(post)

    def published_between(
        self, since: datetime, until: datetime, *, limit: int
    ) -> Sequence[KnownPost]:
        """Return up to `limit` posts published from `since` to before `until`, newest first."""
        query = (
            select(KnownPost)
            .where(KnownPost.published_at >= since, KnownPost.published_at < until)
            .order_by(KnownPost.published_at.desc())
            .limit(limit)
        )
        return self._session.scalars(query).all()


class KnownCoffeeRounds:
    """Coffee rounds' figures, remembered for the digest."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, coffee_round: KnownCoffeeRound) -> None:
        self._session.add(coffee_round)

    def get(self, round_id: str) -> KnownCoffeeRound | None:
        return self._session.get(KnownCoffeeRound, round_id)

    def last_completed_before(self, moment: datetime) -> KnownCoffeeRound | None:
        """Return the round completed last before `moment`, if any was."""
        query = (
            select(KnownCoffeeRound)
            .where(KnownCoffeeRound.completed_at < moment)
            .order_by(KnownCoffeeRound.completed_at.desc())
            .limit(1)
        )
        return self._session.scalars(query).first()


class Registrations:
    """Members' places at events, kept to remind them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, registration: Registration) -> None:
        self._session.add(registration)

    def get(self, event_id: str, member_id: str) -> Registration | None:
        return self._session.get(Registration, (event_id, member_id))

    def delete(self, registration: Registration) -> None:
        self._session.delete(registration)

    def members_at(self, event_id: str) -> Sequence[str]:
        """Return the members who have a place at an event."""
        query = select(Registration.member_id).where(Registration.event_id == event_id)
        return self._session.scalars(query).all()

    def delete_all_at(self, event_id: str) -> None:
        self._session.execute(delete(Registration).where(Registration.event_id == event_id))

    def delete_all_of(self, member_id: str) -> None:
        self._session.execute(delete(Registration).where(Registration.member_id == member_id))


class CoffeeMatches:
    """Members' places in coffee matches, kept to ask whether they met."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, match: CoffeeMatch) -> None:
        self._session.add(match)

    def get(self, match_id: str, member_id: str) -> CoffeeMatch | None:
        return self._session.get(CoffeeMatch, (match_id, member_id))

    def unasked_matched_between(self, since: datetime, until: datetime) -> Sequence[CoffeeMatch]:
        """Return places matched after `since` and by `until`, neither asked nor answered."""
        query = (
            select(CoffeeMatch)
            .where(CoffeeMatch.matched_at <= until, CoffeeMatch.matched_at > since)
            .where(CoffeeMatch.prompted_at.is_(None), CoffeeMatch.answered.is_(False))
        )
        return self._session.scalars(query).all()

    def delete_all_of(self, member_id: str) -> None:
        self._session.execute(delete(CoffeeMatch).where(CoffeeMatch.member_id == member_id))


class SurveyInvitations:
    """Surveys open to members, listed in their digest."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def keep(self, invitation: SurveyInvitation) -> None:
        """Add an invitation, or replace the one to the same member for the same survey."""
        self._session.merge(invitation)

    def titles_by_member_between(self, first: str, last: str) -> dict[str, list[str]]:
        """Return the titles of the surveys open to each member whose id sorts in the range."""
        query = (
            select(SurveyInvitation.member_id, SurveyInvitation.title)
            .where(SurveyInvitation.member_id.between(first, last))
            .order_by(SurveyInvitation.title)
        )
        titles: dict[str, list[str]] = {}
        for member_id, title in self._session.execute(query):
            titles.setdefault(member_id, []).append(title)
        return titles

    def delete_survey(self, survey_id: str) -> None:
        query = delete(SurveyInvitation).where(SurveyInvitation.survey_id == survey_id)
        self._session.execute(query)

    def delete_all_of(self, member_id: str) -> None:
        query = delete(SurveyInvitation).where(SurveyInvitation.member_id == member_id)
        self._session.execute(query)


class CollaborationNewsItems:
    """Lab and library news, remembered for the digest."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def keep(self, news: CollaborationNews) -> None:
        """Add a piece of news, or replace the one with the same id."""
        self._session.merge(news)

    def get(self, news_id: str) -> CollaborationNews | None:
        return self._session.get(CollaborationNews, news_id)

    def between(self, since: datetime, until: datetime) -> Sequence[CollaborationNews]:
        """Return the news from `since` to before `until`, newest first."""
        query = (
            select(CollaborationNews)
            .where(CollaborationNews.at >= since, CollaborationNews.at < until)
            .order_by(CollaborationNews.at.desc())
        )
        return self._session.scalars(query).all()
