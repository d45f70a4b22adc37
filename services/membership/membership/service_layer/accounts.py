"""Use cases of members' accounts: setting a password, logging in and out, refreshing."""

from dataclasses import dataclass

from membership.adapters import passwords
from membership.adapters.credentials import Credentials
from membership.adapters.storage import Members
from membership.domain import errors
from membership.domain.accounts import (
    ADDRESS_ATTEMPTS,
    CLIENT_ATTEMPTS,
    LOGIN_WINDOW,
    PASSWORD_LINK_LIFETIME,
    REFRESH_LIFETIME,
    FailedLogin,
    PasswordLink,
    RefreshToken,
    digest,
    new_secret,
)
from membership.domain.model import Member, now
from qplatform.config import Settings
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.web.auth import PARTNER_REVIEWER, issue_access_token


@dataclass(frozen=True)
class Tokens:
    """What a successful login or refresh gives the member."""

    access_token: str
    refresh_token: str
    expires_in: int
    member_id: str
    token_type: str = "Bearer"


def send_password_link(uow: UnitOfWork, member: Member) -> None:
    """Stage a one-time set-password link for notifications to mail to the member."""
    token = new_secret()
    link = PasswordLink(
        token_hash=digest(token), member_id=member.id, expires_at=now() + PASSWORD_LINK_LIFETIME
    )
    Credentials(uow.session).add(link)
    uow.publish(
        "password-setup-requested",
        subject=member.id,
        data={
            "member_id": member.id,
            "email": member.email,
            "display_name": member.display_name,
            "consents": member.mail_categories,
            "token": token,
            "expires_at": link.expires_at,
        },
    )


def set_password(*, uow: UnitOfWork, token: str, password: str) -> None:
    """Set a member's password with a one-time link, which it uses up."""
    link = Credentials(uow.session).password_link(digest(token))
    if link is None or not link.usable():
        raise errors.BadCredentials("the link is not valid or has expired", field="token")
    member = Members(uow.session).get(link.member_id)
    if member is None:
        raise errors.BadCredentials("the link is not valid or has expired", field="token")
    member.password_hash = passwords.hashed(password)
    link.used_at = now()
    Credentials(uow.session).revoke_all(member.id)
    uow.commit()


def log_in(
    *, uow: UnitOfWork, settings: Settings, email: str, password: str, client: str
) -> Tokens:
    """Exchange an email and password for tokens; refuse a client after too many failures."""
    email = email.strip().lower()
    credentials = Credentials(uow.session)
    _refuse_a_guessing_client(credentials, email, client)
    member = Members(uow.session).with_email(email)
    if member is None or not passwords.matches(member.password_hash, password):
        credentials.add(FailedLogin(email=email, client=client, failed_at=now()))
        uow.commit()
        raise errors.BadCredentials("the email or password is wrong")
    assert member.password_hash is not None
    if passwords.outdated(member.password_hash):
        member.password_hash = passwords.hashed(password)
    credentials.forget_failures(email, client)
    tokens = _issue(uow, settings, member)
    uow.commit()
    return tokens


def _refuse_a_guessing_client(credentials: Credentials, email: str, client: str) -> None:
    # Failures count per client, so guessing from elsewhere never locks the member out of
    # their own device; and across addresses, so one client spraying many accounts stops.
    since = now() - LOGIN_WINDOW
    if (
        credentials.failures_since(since, email=email, client=client) >= ADDRESS_ATTEMPTS
        or credentials.failures_since(since, client=client) >= CLIENT_ATTEMPTS
    ):
        raise errors.TooManyFailedLogins("too many failed logins; try again in 15 minutes")


def refresh(*, uow: UnitOfWork, settings: Settings, refresh_token: str) -> Tokens:
    """Exchange a refresh token for new tokens, revoking the old one."""
    stored = Credentials(uow.session).refresh_token(digest(refresh_token))
    if stored is not None and stored.revoked_at is not None:
        # A revoked token coming back means it was copied: end every session of the member.
        Credentials(uow.session).revoke_all(stored.member_id)
        uow.commit()
    member = Members(uow.session).get(stored.member_id) if stored else None
    if stored is None or member is None or not stored.usable():
        raise errors.BadCredentials("the refresh token is not valid", field="refresh_token")
    stored.revoked_at = now()
    tokens = _issue(uow, settings, member)
    uow.commit()
    return tokens


def log_out(*, uow: UnitOfWork, refresh_token: str) -> None:
    """Revoke a refresh token; an unknown one is already as good as revoked."""
    stored = Credentials(uow.session).refresh_token(digest(refresh_token))
    if stored is not None and stored.revoked_at is None:
        stored.revoked_at = now()
    uow.commit()


def _issue(uow: UnitOfWork, settings: Settings, member: Member) -> Tokens:
    secret = new_secret()
    Credentials(uow.session).add(
        RefreshToken(
            token_hash=digest(secret),
            member_id=member.id,
            issued_at=now(),
            expires_at=now() + REFRESH_LIFETIME,
        )
    )
    region = member.reviewer_region if PARTNER_REVIEWER in member.role_list else None
    access = issue_access_token(
        settings, member_id=member.id, roles=member.role_list, region=region
    )
    return Tokens(access, secret, settings.access_token_seconds, member.id)
