"""The members who can take part in Randomised Coffee Trials."""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from qplatform.db.engine import new_metadata
from qplatform.db.types import UtcDateTime

# The same slugs as membership's regions; matching keeps its own copy, never imports it.
REGIONS = (
    "scotland",
    "wales",
    "northern-ireland",
    "north-west-coast",
    "west-midlands",
    "yorkshire-and-humber",
    "uclpartners",
    "north-east-north-cumbria",
    "east-midlands",
    "south-west",
    "kent-surrey-sussex",
    "oxford",
    "wessex",
    "eastern",
)


class Base(DeclarativeBase):
    metadata = new_metadata()


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class MemberDetails:
    """What matching knows of a member from membership's events."""

    member_id: str
    display_name: str
    organisation: str
    job_title: str
    region: str
    joined_at: datetime


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
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=_now)

    @classmethod
    def joining(cls, details: MemberDetails) -> "Participant":
        """Return a new member as a participant, opted in to coffee trials."""
        participant = cls(member_id=details.member_id, opted_in=True)
        participant.record(details)
        return participant

    def record(self, details: MemberDetails) -> None:
        """Take the member's latest details; their choice to take part stays as it is."""
        self.display_name = details.display_name
        self.organisation = details.organisation
        self.job_title = details.job_title
        self.region = details.region
        self.joined_at = details.joined_at
        self.updated_at = _now()
