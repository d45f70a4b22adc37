"""The events service's own copy of members, and what staff say about organisers."""

import secrets
from datetime import datetime

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from events.domain.model import Base
from qplatform.db.types import UtcDateTime

FORMER_MEMBER = "Former member"


class Member(Base):
    """A member as events shows them: a display name, never an email."""

    __tablename__ = "members"

    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    has_left: Mapped[bool] = mapped_column(Boolean, default=False)
    trusted_organiser: Mapped[bool] = mapped_column(Boolean, default=False)
    calendar_secret: Mapped[str | None] = mapped_column(String(64), unique=True)
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    @property
    def shown_name(self) -> str:
        return FORMER_MEMBER if self.has_left else self.display_name

    def reset_calendar_secret(self) -> str:
        """Give the member a new secret calendar address, retiring the old one."""
        self.calendar_secret = secrets.token_urlsafe(32)
        return self.calendar_secret
