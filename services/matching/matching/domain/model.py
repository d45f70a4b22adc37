"""The members who can take part in Randomised Coffee Trials, and what they asked for."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import JSON, Date, ForeignKey, String, false, text, true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from qplatform.db.engine import new_metadata
from qplatform.db.types import UtcDateTime

MEETING_FORMATS = ("virtual", "in-person", "either")
# How many rounds apart a member wants to be matched.
FREQUENCIES = {"monthly": 1, "every-two-months": 2, "quarterly": 3}
# How many past rounds tell whether anyone is due to be matched again.
LONGEST_GAP = max(FREQUENCIES.values())
FORMER_MEMBER = "Former member"


class Base(DeclarativeBase):
    metadata = new_metadata()


@dataclass(frozen=True)
class MemberDetails:
    """What matching knows of a member from membership's events."""

    member_id: str
    display_name: str
    organisation: str
    job_title: str
    region: str
    joined_at: datetime


class Standing(Protocol):
    """What a round needs of a participant: whether they take part, and their wishes."""

    member_id: str
    region: str
    organisation: str
    meeting_format: str
    frequency: str
    prefers_other_organisation: bool
    prefers_other_region: bool
    paused_until: date | None
    skip_next_round: bool
    opted_in: bool
    left: bool
    left_over_last_time: bool


def is_eligible(standing: Standing, on: date, round_number: int, matched_in: int | None) -> bool:
    """Tell whether a participant takes part in round `round_number`, held `on` that day.

    `matched_in` is the number of the latest round they were matched in, if any of the
    last LONGEST_GAP rounds.
    """
    if standing.left or not standing.opted_in or standing.skip_next_round:
        return False
    if standing.paused_until is not None and standing.paused_until > on:
        return False
    every = FREQUENCIES.get(standing.frequency, 1)
    return matched_in is None or round_number - matched_in >= every


def last_matched(past_rounds: Mapping[int, Sequence[Sequence[str]]]) -> dict[str, int]:
    """Return the number of the latest of `past_rounds` (groups by number) each member met in.

    Only the latest LONGEST_GAP rounds are read: a match before them delays no one.
    """
    latest: dict[str, int] = {}
    for number in sorted(past_rounds)[-LONGEST_GAP:]:
        for group in past_rounds[number]:
            for member in group:
                latest[member] = number
    return latest


class Participant(Base):
    """A member as coffee trials see them: opted in from joining until they opt out."""

    __tablename__ = "participants"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(60), index=True)
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime())
    opted_in: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    meeting_format: Mapped[str] = mapped_column(
        String(20), default="either", server_default=text("'either'")
    )
    frequency: Mapped[str] = mapped_column(
        String(20), default="monthly", server_default=text("'monthly'")
    )
    prefers_other_organisation: Mapped[bool] = mapped_column(default=True, server_default=true())
    prefers_other_region: Mapped[bool] = mapped_column(default=False, server_default=false())
    paused_until: Mapped[date | None] = mapped_column(Date())
    skip_next_round: Mapped[bool] = mapped_column(default=False, server_default=false())
    left: Mapped[bool] = mapped_column(default=False, server_default=false())
    # In the trio or unmatched in the last round they took part in; when they were last
    # matched is read from the rounds' matches.
    left_over_last_time: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Neither read nor written any more; kept so that workers of the previous release,
    # which read it, still run during a rolling upgrade. Such a worker holding a round
    # (during the upgrade, or after a rollback) sees it stale and may match an
    # every-two-months or quarterly member a round early. Drop it in the next release.
    last_matched_round: Mapped[int | None] = mapped_column()
    expertise: Mapped[list[str]] = mapped_column(JSON(), default=list, server_default=text("'[]'"))
    interests: Mapped[list[str]] = mapped_column(JSON(), default=list, server_default=text("'[]'"))

    @classmethod
    def joining(cls, details: MemberDetails, *, opted_in: bool, at: datetime) -> "Participant":
        """Return a new member as a participant, taking part only if they chose to."""
        participant = cls(
            member_id=details.member_id, opted_in=opted_in, expertise=[], interests=[]
        )
        participant.record(details, at=at)
        return participant

    def record(self, details: MemberDetails, *, at: datetime) -> None:
        """Take the member's latest details at `at`; their choice to take part stays as it is."""
        self.display_name = details.display_name
        self.organisation = details.organisation
        self.job_title = details.job_title
        self.region = details.region
        self.joined_at = details.joined_at
        self.updated_at = at

    def change(self, changes: dict[str, Any], *, at: datetime) -> None:
        """Apply changed details or choices at `at`, each named as its attribute."""
        for name, value in changes.items():
            setattr(self, name, value)
        self.updated_at = at

    def leave(self, *, at: datetime) -> None:
        """Take a member who left Q out of every future round, keeping no personal detail."""
        self.left = True
        self.opted_in = False
        self.display_name = FORMER_MEMBER
        self.organisation = ""
        self.job_title = ""
        self.expertise = []
        self.interests = []
        self.updated_at = at


class NeverPair(Base):
    """A member's wish never to be paired with another member."""

    __tablename__ = "never_pairs"

    member_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("participants.member_id", ondelete="CASCADE"), primary_key=True
    )
    other_member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
