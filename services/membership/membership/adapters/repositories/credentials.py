"""Password links, refresh tokens and failed logins, as the service layer keeps them."""

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from membership.domain.accounts import FailedLogin, PasswordLink, RefreshToken


class Credentials:
    """Members' secrets, stored only as digests."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, item: PasswordLink | RefreshToken | FailedLogin) -> None:
        """Keep a new link, token or failed login."""
        self._session.add(item)

    def password_link(self, token_hash: str) -> PasswordLink | None:
        """Return the password link with this digest, if any."""
        return self._session.get(PasswordLink, token_hash)

    def refresh_token(self, token_hash: str) -> RefreshToken | None:
        """Return the refresh token with this digest, if any."""
        return self._session.get(RefreshToken, token_hash)

    def live_sessions(self, member_id: str) -> list[str]:
        """Return the sessions of a member that a live refresh token still carries on."""
        query = select(RefreshToken.session_id).where(
            RefreshToken.member_id == member_id,
            RefreshToken.revoked_at.is_(None),
            RefreshToken.session_id.is_not(None),
        )
        return sorted({session for session in self._session.scalars(query) if session})

    def revoke_all(self, member_id: str, at: datetime) -> None:
        """Revoke, as of `at`, every live refresh token of a member."""
        self._session.execute(
            update(RefreshToken)
            .where(RefreshToken.member_id == member_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=at)
        )

    def refresh_tokens_of(self, member_id: str) -> list[RefreshToken]:
        """Return every refresh token a member was given, live or not."""
        query = select(RefreshToken).where(RefreshToken.member_id == member_id)
        return list(self._session.scalars(query))

    def links_expiring_after(self, member_id: str, moment: datetime) -> int:
        """Count the member's password links that expire after `moment`."""
        query = select(func.count()).where(
            PasswordLink.member_id == member_id, PasswordLink.expires_at > moment
        )
        return int(self._session.scalar(query) or 0)

    def failures_since(
        self, since: datetime, *, email: str | None = None, client: str | None = None
    ) -> int:
        """Count failed logins since `since`, at `email` and from `client` when given."""
        query = select(func.count()).where(FailedLogin.failed_at >= since)
        if email is not None:
            query = query.where(FailedLogin.email == email)
        if client is not None:
            query = query.where(FailedLogin.client == client)
        return int(self._session.scalar(query) or 0)

    def forget_failures(self, email: str, client: str) -> None:
        """Forget a client's failed logins at `email`, once it has logged in there."""
        self._session.execute(
            delete(FailedLogin).where(FailedLogin.email == email, FailedLogin.client == client)
        )

    def erase(self, member_id: str) -> None:
        """Delete every credential of a member."""
        for table in (PasswordLink, RefreshToken):
            self._session.execute(delete(table).where(table.member_id == member_id))
