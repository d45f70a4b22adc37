"""Applications to join Q and the members they become."""

import enum
import uuid
from datetime import UTC, datetime

from sqlalchemy import JSON, Enum, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from membership.domain.errors import ApplicationAlreadyDecided
from qplatform.db.engine import new_metadata
from qplatform.db.types import UtcDateTime

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
MAIL_CATEGORIES = ("digest", "coffee-trials", "events", "community-news")


class Base(DeclarativeBase):
    metadata = new_metadata()


class ApplicationStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


def _new_id() -> str:
    return str(uuid.uuid4())


def _now() -> datetime:
    return datetime.now(UTC)


class Member(Base):
    """A person who belongs to Q."""

    __tablename__ = "members"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=_new_id)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(60))
    mail_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=_now)


class Application(Base):
    """Someone's request to join Q, which staff decide."""

    __tablename__ = "applications"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=_new_id)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), index=True)
    organisation: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(60))
    statement: Mapped[str] = mapped_column(Text)
    consent_version: Mapped[str] = mapped_column(String(40))
    consented_at: Mapped[datetime] = mapped_column(UtcDateTime())
    mail_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[ApplicationStatus] = mapped_column(
        Enum(
            ApplicationStatus,
            native_enum=False,
            length=20,
            values_callable=lambda e: [m.value for m in e],
        ),
        default=ApplicationStatus.SUBMITTED,
    )
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=_now)
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    member_id: Mapped[str | None] = mapped_column(String(36))

    @property
    def is_open(self) -> bool:
        return self.status == ApplicationStatus.SUBMITTED

    def approve(self) -> Member:
        """Decide in the applicant's favour and return the member they become."""
        if not self.is_open:
            raise ApplicationAlreadyDecided(f"application is already {self.status.value}")
        member = Member(
            id=_new_id(),
            email=self.email,
            display_name=self.name,
            organisation=self.organisation,
            job_title=self.job_title,
            region=self.region,
            mail_categories=list(self.mail_categories),
            joined_at=_now(),
        )
        self.status = ApplicationStatus.APPROVED
        self.decided_at = member.joined_at
        self.member_id = member.id
        return member
