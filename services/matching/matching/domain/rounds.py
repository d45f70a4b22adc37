"""Coffee rounds as recorded: the snapshot's seed and figures, matches, and feedback."""

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from matching.domain.model import Base
from qplatform.db.types import UtcDateTime


def new_id() -> str:
    """Return a fresh random id."""
    return str(uuid.uuid4())


class CoffeeRound(Base):
    """One round of Randomised Coffee Trials, with the seed that makes it repeatable."""

    __tablename__ = "coffee_rounds"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    number: Mapped[int] = mapped_column(unique=True)
    seed: Mapped[int] = mapped_column(BigInteger())
    held_on: Mapped[date] = mapped_column(Date())
    completed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    cooldown: Mapped[int] = mapped_column()
    participants: Mapped[int] = mapped_column()
    pairs: Mapped[int] = mapped_column()
    trios: Mapped[int] = mapped_column()
    unmatched: Mapped[int] = mapped_column()
    repeats: Mapped[int] = mapped_column()
    format_clashes: Mapped[int] = mapped_column()
    cross_organisation_share: Mapped[float] = mapped_column(Float())
    cross_region_share: Mapped[float] = mapped_column(Float())
    preference_hits: Mapped[float] = mapped_column(Float())


class Match(Base):
    """Two members (or the round's one trio) asked to meet for coffee."""

    __tablename__ = "matches"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    round_id: Mapped[str] = mapped_column(ForeignKey("coffee_rounds.id"), index=True)
    round_number: Mapped[int] = mapped_column(index=True)
    meeting_format: Mapped[str] = mapped_column(String(20))


class MatchMember(Base):
    """One member's place in a match."""

    __tablename__ = "match_members"

    match_id: Mapped[str] = mapped_column(ForeignKey("matches.id"), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)
    round_number: Mapped[int] = mapped_column(index=True)


class MatchFeedback(Base):
    """A matched member's answer to "did you meet?"."""

    __tablename__ = "match_feedback"

    match_id: Mapped[str] = mapped_column(ForeignKey("matches.id"), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(20))
    rating: Mapped[int | None] = mapped_column()
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())


class RoundSchedule(Base):
    """When the next round runs by itself: every so many months, on a day of the month."""

    __tablename__ = "round_schedule"

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    every_months: Mapped[int] = mapped_column(default=1)
    day_of_month: Mapped[int] = mapped_column(default=1)
    next_round_on: Mapped[date | None] = mapped_column(Date())
    cooldown: Mapped[int] = mapped_column(default=6)
