"""Coffee rounds as recorded: requested, run once, with their seed, figures and matches."""

import uuid
from collections.abc import Mapping
from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from matching.domain.model import Base
from qplatform.db.types import UtcDateTime

REQUESTED, RUNNING, COMPLETED, FAILED = "requested", "running", "completed", "failed"
ROUND_STATES = (REQUESTED, RUNNING, COMPLETED, FAILED)


def new_id() -> str:
    """Return a fresh random id."""
    return str(uuid.uuid4())


class CoffeeRound(Base):
    """One round of Randomised Coffee Trials, with the seed that makes it repeatable.

    Staff or the schedule request it; one worker claims and runs it. Its number and
    figures are known once it has completed.
    """

    __tablename__ = "coffee_rounds"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    number: Mapped[int | None] = mapped_column(unique=True)
    seed: Mapped[int] = mapped_column(BigInteger())
    held_on: Mapped[date] = mapped_column(Date())
    state: Mapped[str] = mapped_column(String(20), default=REQUESTED, index=True)
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime())
    claim: Mapped[str | None] = mapped_column(String(36))
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(default=0)
    failure_reason: Mapped[str | None] = mapped_column(String(500))
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    cooldown: Mapped[int | None] = mapped_column()
    participants: Mapped[int | None] = mapped_column()
    pairs: Mapped[int | None] = mapped_column()
    trios: Mapped[int | None] = mapped_column()
    unmatched: Mapped[int | None] = mapped_column()
    repeats: Mapped[int | None] = mapped_column()
    format_clashes: Mapped[int | None] = mapped_column()
    cross_organisation_share: Mapped[float | None] = mapped_column(Float())
    cross_region_share: Mapped[float | None] = mapped_column(Float())
    preference_hits: Mapped[float | None] = mapped_column(Float())
    # What asked for the round (staff through the API, or the schedule) and the id that
    # ties it to that request in the logs and on the events it causes.
    started_by: Mapped[str | None] = mapped_column(String(20))
    correlation_id: Mapped[str | None] = mapped_column(String(64))
    # The trace of the request that asked for the round, which the round's own trace links to.
    traceparent: Mapped[str | None] = mapped_column(String(55))
    tracestate: Mapped[str | None] = mapped_column(String(512))

    def take(self, claim: str, at: datetime) -> None:
        """Mark the round as running under `claim`, one more attempt at it."""
        self.state, self.claim, self.claimed_at = RUNNING, claim, at
        self.attempts += 1

    def complete(
        self, *, number: int, cooldown: int, figures: Mapping[str, float], at: datetime
    ) -> None:
        """Record the round as held: its number, cooldown and quality figures."""
        for name, value in figures.items():
            setattr(self, name, value)
        self.number, self.cooldown, self.state, self.completed_at = number, cooldown, COMPLETED, at

    def give_back(self, reason: str, max_attempts: int) -> None:
        """Return a run that broke to be tried again, or fail it once attempts run out."""
        self.state = FAILED if self.attempts >= max_attempts else REQUESTED
        self.failure_reason = reason[:500]
        self.claim = None


class Match(Base):
    """Two members (or the round's one trio) asked to meet for coffee.

    A round's matches, their members and its snapshot are added only by the round, in
    bulk and in the transaction that completes it, and never deleted (a member who leaves
    is only renamed in them). They reference their round and match without foreign keys:
    checking 250,000 rows one by one took a fifth of a large round's time.
    """

    __tablename__ = "matches"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    round_id: Mapped[str] = mapped_column(String(36), index=True)
    round_number: Mapped[int] = mapped_column(index=True)
    meeting_format: Mapped[str] = mapped_column(String(20))


class MatchMember(Base):
    """One member's place in a match."""

    __tablename__ = "match_members"

    match_id: Mapped[str] = mapped_column(String(36), primary_key=True)
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
