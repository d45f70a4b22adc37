"""Use cases of members' accounts: setting a password, logging in and out, refreshing."""

import uuid
from dataclasses import dataclass

from membership.adapters import passwords
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
from membership.domain.model import Member
from membership.service_layer.unit_of_work import MembershipUnitOfWork
from qplatform.config import Settings
from qplatform.identity import PARTNER_REVIEWER, issue_access_token
from qplatform.password_links import password_link_secret
from qplatform.revocations import revoke_session


@dataclass(frozen=True)
class Tokens:
    """What a successful login or refresh gives the member."""

    access_token: str
    refresh_token: str
    expires_in: int
    member_id: str
    token_type: str = "Bearer"


def send_password_link(uow: MembershipUnitOfWork, settings: Settings, member: Member) -> None:
    """Stage a one-time set-password link for notifications to mail to the member.

    The event names the request, never the link's secret: notifications derives it.
    """
    setup_id = str(uuid.uuid4())
    token = password_link_secret(settings.password_link_secret, setup_id)
    expires_at = uow.clock.now() + PASSWORD_LINK_LIFETIME
    link = PasswordLink(token_hash=digest(token), member_id=member.id, expires_at=expires_at)
    uow.credentials.add(link)
    uow.publish(
        "password-setup-requested",
        version=2,
        subject=member.id,
        data={
            "member_id": member.id,
            "email": member.email,
            "display_name": member.display_name,
            "consents": member.mail_categories,
            "setup_id": setup_id,
            "expires_at": link.expires_at,
        },
    )


def set_password(*, uow: MembershipUnitOfWork, token: str, password: str) -> None:
    """Set a member's password with a one-time link, which it uses up."""
    moment = uow.clock.now()
    link = uow.credentials.password_link(digest(token))
    if link is None or not link.usable(moment):
        raise errors.BadCredentials("the link is not valid or has expired", field="token")
    member = uow.members.get(link.member_id)
    if member is None:
        raise errors.BadCredentials("the link is not valid or has expired", field="token")
    member.password_hash = passwords.hashed(password)
    link.used_at = moment
    end_every_session(uow, member.id)
    uow.commit()


def log_in(
    *, uow: MembershipUnitOfWork, settings: Settings, email: str, password: str, client: str
) -> Tokens:
    """Exchange an email and password for tokens; refuse a client after too many failures."""
    email = email.strip().lower()
    moment = uow.clock.now()
    _refuse_a_guessing_client(uow, email, client)
    member = uow.members.with_email(email)
    if member is None or not passwords.matches(member.password_hash, password):
        uow.credentials.add(FailedLogin(email=email, client=client, failed_at=moment))
        uow.commit()
        raise errors.BadCredentials("the email or password is wrong")
    assert member.password_hash is not None
    if passwords.outdated(member.password_hash):
        member.password_hash = passwords.hashed(password)
    uow.credentials.forget_failures(email, client)
    tokens = _issue(uow, settings, member)
    uow.commit()
    return tokens


def _refuse_a_guessing_client(uow: MembershipUnitOfWork, email: str, client: str) -> None:
    # Failures count per client, so guessing from elsewhere never locks the member out of
    # their own device; and across addresses, so one client spraying many accounts stops.
    credentials = uow.credentials
    since = uow.clock.now() - LOGIN_WINDOW
    if (
        credentials.failures_since(since, email=email, client=client) >= ADDRESS_ATTEMPTS
        or credentials.failures_since(since, client=client) >= CLIENT_ATTEMPTS
    ):
        raise errors.TooManyFailedLogins("too many failed logins; try again in 15 minutes")


def refresh(*, uow: MembershipUnitOfWork, settings: Settings, refresh_token: str) -> Tokens:
    """Exchange a refresh token for new tokens, revoking the old one."""
    stored = uow.credentials.refresh_token(digest(refresh_token))
    if stored is not None and stored.revoked_at is not None:
        # A revoked token coming back means it was copied: end every session of the member.
        end_every_session(uow, stored.member_id)
        uow.commit()
    member = uow.members.get(stored.member_id) if stored else None
    moment = uow.clock.now()
    if stored is None or member is None or not stored.usable(moment):
        raise errors.BadCredentials("the refresh token is not valid", field="refresh_token")
    tokens = _issue(uow, settings, member, session_id=stored.revoke(moment))
    uow.commit()
    return tokens


def log_out(*, uow: MembershipUnitOfWork, refresh_token: str) -> None:
    """End the session of a refresh token; an unknown one is already as good as ended."""
    stored = uow.credentials.refresh_token(digest(refresh_token))
    if stored is not None and stored.revoked_at is None:
        ended = stored.revoke(uow.clock.now())
        if ended:
            _end_session(uow, stored.member_id, ended)
    uow.commit()


def end_every_session(uow: MembershipUnitOfWork, member_id: str) -> None:
    """Revoke every refresh token of a member and end the access tokens of their sessions."""
    for session_id in uow.credentials.live_sessions(member_id):
        _end_session(uow, member_id, session_id)
    uow.credentials.revoke_all(member_id, uow.clock.now())


def _end_session(uow: MembershipUnitOfWork, member_id: str, session_id: str) -> None:
    # Every service learns it from the event; membership itself refuses the session at once.
    ended_at = uow.clock.now()
    revoke_session(uow, session_id, before=ended_at)
    uow.publish(
        "session-ended",
        subject=member_id,
        data={"member_id": member_id, "session_id": session_id, "ended_at": ended_at},
    )


def _issue(
    uow: MembershipUnitOfWork, settings: Settings, member: Member, session_id: str | None = None
) -> Tokens:
    secret = new_secret()
    session_id = session_id or uuid.uuid4().hex
    issued_at = uow.clock.now()
    uow.credentials.add(
        RefreshToken(
            token_hash=digest(secret),
            member_id=member.id,
            session_id=session_id,
            issued_at=issued_at,
            expires_at=issued_at + REFRESH_LIFETIME,
        )
    )
    region = member.reviewer_region if PARTNER_REVIEWER in member.role_list else None
    access = issue_access_token(
        settings,
        member_id=member.id,
        roles=member.role_list,
        region=region,
        session_id=session_id,
    )
    return Tokens(access, secret, settings.access_token_seconds, member.id)
