"""Members' credentials: one-time password links, refresh tokens and failed logins."""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from membership.domain.model import Base
from qplatform.db.types import UtcDateTime

PASSWORD_LINK_LIFETIME = timedelta(days=7)
REFRESH_LIFETIME = timedelta(days=30)
LOGIN_WINDOW = timedelta(minutes=15)
# Failed logins one client may make in a window: at one address, and at all addresses together
# (enough for a household or an office sharing one address to mistype now and then).
ADDRESS_ATTEMPTS = 5
CLIENT_ATTEMPTS = 20


def new_secret() -> str:
    """Return a fresh unguessable secret for a link or token."""
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """Return what is stored of a secret: its SHA-256, never the secret itself."""
    return hashlib.sha256(secret.encode()).hexdigest()


class PasswordLink(Base):
    """A one-time link that lets a member set their password."""

    __tablename__ = "password_links"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(36), index=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    def usable(self, moment: datetime) -> bool:
        """Tell whether the link is unused and unexpired at `moment`."""
        return self.used_at is None and moment < self.expires_at


class RefreshToken(Base):
    """A long-lived token that buys a new access token once, then is replaced."""

    __tablename__ = "refresh_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(36), index=True)
    # One login's chain of refreshed tokens; its access tokens name it, so a logout ends them.
    session_id: Mapped[str | None] = mapped_column(String(32))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    def usable(self, moment: datetime) -> bool:
        """Tell whether the token is unrevoked and unexpired at `moment`."""
        return self.revoked_at is None and moment < self.expires_at

    def revoke(self, at: datetime) -> str | None:
        """Revoke the token as of `at`; return the login session it carried on, if any."""
        self.revoked_at = at
        return self.session_id


class FailedLogin(Base):
    """One failed login for an email from a client's address, kept to slow down guessing."""

    __tablename__ = "failed_logins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    client: Mapped[str] = mapped_column(String(45), index=True, default="", server_default="")
    failed_at: Mapped[datetime] = mapped_column(UtcDateTime())
