"""Applications to join Q and the members they become."""

import enum
import uuid
from datetime import datetime

from sqlalchemy import JSON, Enum, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from membership.domain.errors import ApplicationAlreadyDecided
from qplatform.db.engine import new_metadata
from qplatform.db.types import UtcDateTime

MAIL_CATEGORIES = ("digest", "coffee-trials", "events", "community-news")
# Profile fields a member shows or hides together; name and region always show.
FIELD_GROUPS = {
    "work": ("organisation", "job_title"),
    "about": ("bio", "expertise", "tags", "interests"),
    "links": ("links",),
}


class Base(DeclarativeBase):
    metadata = new_metadata()


class ApplicationStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


def new_id() -> str:
    """Return a fresh random id."""
    return str(uuid.uuid4())


class Member(Base):
    """A person who belongs to Q."""

    __tablename__ = "members"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(60))
    mail_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime())
    roles: Mapped[list[str] | None] = mapped_column(JSON)
    reviewer_region: Mapped[str | None] = mapped_column(String(60))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    bio: Mapped[str | None] = mapped_column(Text)
    expertise: Mapped[list[str] | None] = mapped_column(JSON)
    tags: Mapped[list[str] | None] = mapped_column(JSON)
    interests: Mapped[list[str] | None] = mapped_column(JSON)
    links: Mapped[list[str] | None] = mapped_column(JSON)
    shown_groups: Mapped[list[str] | None] = mapped_column(JSON)

    @property
    def role_list(self) -> list[str]:
        """Return the member's roles, `member` always among them."""
        return sorted({"member", *(self.roles or [])})

    @property
    def visible_groups(self) -> list[str]:
        """Return the field groups the member lets the directory show."""
        return list(FIELD_GROUPS) if self.shown_groups is None else self.shown_groups

    def public_view(self) -> dict[str, object]:
        """Return what other members may see: name, region and the groups shown."""
        view: dict[str, object] = {"display_name": self.display_name, "region": self.region}
        for group, names in FIELD_GROUPS.items():
            for name in names:
                view[name] = getattr(self, name) if group in self.visible_groups else None
        return view


class Application(Base):
    """Someone's request to join Q, which staff or a partner reviewer decide."""

    __tablename__ = "applications"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
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
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    member_id: Mapped[str | None] = mapped_column(String(36))
    wave_id: Mapped[str | None] = mapped_column(String(36), index=True)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    withdrawal_code_hash: Mapped[str | None] = mapped_column(String(64))

    @property
    def is_open(self) -> bool:
        return self.status == ApplicationStatus.SUBMITTED

    def approve(self, at: datetime) -> Member:
        """Decide in the applicant's favour at `at` and return the member they become."""
        self._close(ApplicationStatus.APPROVED, at)
        member = Member(
            id=new_id(),
            email=self.email,
            display_name=self.name,
            organisation=self.organisation,
            job_title=self.job_title,
            region=self.region,
            mail_categories=list(self.mail_categories),
            joined_at=at,
            roles=[],
        )
        self.member_id = member.id
        return member

    def reject(self, reason: str, at: datetime) -> None:
        """Decide against the applicant at `at`, recording why."""
        self._close(ApplicationStatus.REJECTED, at)
        self.rejection_reason = reason

    def withdraw(self, at: datetime) -> None:
        """Close the application at the applicant's request, made at `at`."""
        self._close(ApplicationStatus.WITHDRAWN, at)

    def anonymise(self) -> None:
        """Remove everything that identifies the applicant; keep region, status and dates."""
        self.name = self.organisation = self.job_title = self.statement = "erased"
        self.email = f"erased-{self.id}"
        self.mail_categories = []
        self.rejection_reason = None
        self.withdrawal_code_hash = None

    def _close(self, status: ApplicationStatus, at: datetime) -> None:
        if not self.is_open:
            raise ApplicationAlreadyDecided(f"application is already {self.status.value}")
        self.status = status
        self.decided_at = at
