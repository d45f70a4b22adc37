"""Notifications' own copies of other services' facts, kept for the monthly digest."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from notifications.domain.model import Base, now
from qplatform.db.types import UtcDateTime


class KnownEvent(Base):
    """A Q event as the events service announced it."""

    __tablename__ = "known_events"

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40))
    pillar: Mapped[str] = mapped_column(String(40))
    region: Mapped[str | None] = mapped_column(String(60))
    venue: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime())
    timezone: Mapped[str] = mapped_column(String(60))
    capacity: Mapped[int] = mapped_column(Integer)
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Staff took it down: its registrants keep their places, the digest leaves it out.
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class KnownMember(Base):
    """A member as membership announced them: no contact details."""

    __tablename__ = "known_members"
    __table_args__ = (Index("ix_known_members_region_joined_at", "region", "joined_at"),)

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(60))
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)
    # What the member's profile lists, per field, and the topics of them all together.
    profile_topics: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    interests: Mapped[list[str]] = mapped_column(JSON, default=list)


class KnownRegion(Base):
    """A region as membership's staff named it, so mail says the name they gave."""

    __tablename__ = "known_regions"

    slug: Mapped[str] = mapped_column(String(60), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class DigestRun(Base):
    """The digest of one month, queued once."""

    __tablename__ = "digest_runs"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    queued_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)
    messages: Mapped[int] = mapped_column(Integer)


class KnownPost(Base):
    """A news item or blog as the events service published it."""

    __tablename__ = "known_posts"

    post_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    pillar: Mapped[str] = mapped_column(String(40))
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    published_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class CollaborationNews(Base):
    """A Lab cohort opened or closed, or a resource published, for the monthly digest."""

    __tablename__ = "collaboration_news"

    news_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class SurveyInvitation(Base):
    """An open survey that asked a member, for the digest; forgotten when it closes."""

    __tablename__ = "survey_invitations"

    survey_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)
    title: Mapped[str] = mapped_column(String(300))


class KnownCoffeeRound(Base):
    """A completed Randomised Coffee Trial round's figures."""

    __tablename__ = "known_coffee_rounds"

    round_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    participants: Mapped[int] = mapped_column(Integer)
    matches: Mapped[int] = mapped_column(Integer)
    completed_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class Registration(Base):
    """A member's place at a Q event, kept to remind them the day before."""

    __tablename__ = "registrations"

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class CoffeeMatch(Base):
    """One member's place in a coffee match, kept to ask them later whether they met."""

    __tablename__ = "coffee_matches"

    match_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)
    matched_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    answered: Mapped[bool] = mapped_column(Boolean, default=False)
    prompted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
