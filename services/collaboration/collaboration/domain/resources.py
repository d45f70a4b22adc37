"""The resources library: cards, guides, tools and recordings, favourites and ratings."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from collaboration.domain import errors
from collaboration.domain.lab import new_id
from collaboration.domain.model import Base, now
from qplatform.db.types import UtcDateTime

PILLARS = ("connect", "exchange", "learn", "collaborate")
KINDS = ("caps-card", "guide", "tool", "recording")
PUBLISHED, SUGGESTED, DECLINED = "published", "suggested", "declined"


class Resource(Base):
    """One item of the library: a link or a Markdown body, on a pillar and topics."""

    __tablename__ = "resources"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    slug: Mapped[str | None] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    pillar: Mapped[str] = mapped_column(String(20), index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    link: Mapped[str | None] = mapped_column(String(2000))
    body_markdown: Mapped[str | None] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=PUBLISHED, index=True)
    suggested_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Favourite(Base):
    """A member's saved resource."""

    __tablename__ = "resource_favourites"

    resource_id: Mapped[str] = mapped_column(ForeignKey("resources.id"), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)


class Rating(Base):
    """A member's rating of a resource, 1 to 5; a second rating replaces the first."""

    __tablename__ = "resource_ratings"
    __table_args__ = (CheckConstraint("stars BETWEEN 1 AND 5", name="stars_in_range"),)

    resource_id: Mapped[str] = mapped_column(ForeignKey("resources.id"), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    stars: Mapped[int]


@dataclass
class Facets:
    """How many resources found carry each pillar, kind and topic."""

    pillar: dict[str, int] = field(default_factory=dict)
    kind: dict[str, int] = field(default_factory=dict)
    topic: dict[str, int] = field(default_factory=dict)

    def count(self, resource: Resource) -> None:
        """Count `resource` under its pillar, kind and each topic."""
        self.pillar[resource.pillar] = self.pillar.get(resource.pillar, 0) + 1
        self.kind[resource.kind] = self.kind.get(resource.kind, 0) + 1
        for topic in resource.topics:
            self.topic[topic] = self.topic.get(topic, 0) + 1


def check_body(link: str | None, body: str | None) -> None:
    """Refuse a resource with neither a link nor a body, or with both."""
    if bool(link) == bool(body):
        raise errors.RuleBroken("give a link or a Markdown body, not both", field="link")


def check_decline_reason(reason: str | None) -> str:
    """Refuse to decline a suggestion without saying why; return the reason, trimmed."""
    if not reason or not reason.strip():
        raise errors.RuleBroken("say why you decline the suggestion", field="reason")
    return reason.strip()
