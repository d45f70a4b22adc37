"""Who is calling: the caller, their roles, and the signed access token that names them.

Membership issues short-lived access tokens (`issue_access_token`); every service checks
them with the shared secret and never calls membership to do so. A token also names its
session and when it was issued, so access that ended early (a member left, lost a role or
logged out) is refused from the service's own table of revocations, which it keeps from
membership's events (`qplatform.revocations`). Nothing here knows of HTTP: the web layer
(`qplatform.web.auth`) reads the bearer token, and the service layer decides with `Caller`.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from qplatform.config import Settings
from qplatform.errors import Forbidden, Unauthorized

ALGORITHM = "HS256"
ISSUER = "q-membership"
MEMBER, CONNECTOR, PARTNER_REVIEWER, STAFF = "member", "connector", "partner-reviewer", "staff"
ROLES = (MEMBER, CONNECTOR, PARTNER_REVIEWER, STAFF)


@dataclass(frozen=True)
class Caller:
    """The person behind a request: anonymous, a member with roles, or staff."""

    member_id: str | None = None
    roles: frozenset[str] = frozenset()
    region: str | None = None
    session_id: str | None = None
    issued_at: datetime | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.member_id is None and not self.roles

    @property
    def is_staff(self) -> bool:
        return STAFF in self.roles

    def has_role(self, *roles: str) -> bool:
        """Tell whether the caller holds any of `roles` (staff hold every role)."""
        return self.is_staff or bool(self.roles.intersection(roles))

    def may_act_for(self, member_id: str) -> bool:
        """Tell whether the caller may act on `member_id`'s behalf: the member or staff."""
        return self.is_staff or (self.member_id is not None and self.member_id == member_id)

    def ensure_may_act_for(self, member_id: str, doing: str = "do this") -> None:
        """Refuse (403) unless the caller is `member_id` or staff; the one owner check."""
        if not self.may_act_for(member_id):
            raise Forbidden(f"only the member themselves or staff may {doing}")

    def ensure_role(self, *roles: str) -> None:
        """Refuse (403) unless the caller holds one of `roles` (staff hold every role)."""
        if not self.has_role(*roles):
            raise Forbidden(f"only {' or '.join(roles)} may do this")


ANONYMOUS = Caller()


def issue_access_token(
    settings: Settings,
    *,
    member_id: str,
    roles: list[str],
    region: str | None = None,
    session_id: str | None = None,
    ttl: timedelta | None = None,
) -> str:
    """Sign an access token for a member with `roles` (and a partner reviewer's `region`)."""
    now = datetime.now(UTC)
    claims = {
        "sub": member_id,
        "roles": sorted(set(roles)),
        "region": region,
        "sid": session_id,
        "iss": ISSUER,
        # To the microsecond: a token issued just after a revocation must not look older.
        "iat": now.timestamp(),
        "exp": now + (ttl or timedelta(seconds=settings.access_token_seconds)),
        "jti": uuid.uuid4().hex,
        "typ": "access",
    }
    return jwt.encode(claims, settings.token_secret, algorithm=ALGORITHM)


def read_access_token(settings: Settings, token: str) -> Caller:
    """Verify `token` and return its caller; raise Unauthorized when it is not valid."""
    try:
        claims = _decode_or_refuse(token, settings.token_secret)
    except Unauthorized:
        # While the key rotates, tokens signed with the previous key stay good until they expire.
        if not settings.previous_token_secret:
            raise
        claims = _decode_or_refuse(token, settings.previous_token_secret)
    if claims.get("typ") != "access":
        raise Unauthorized("the access token is not valid")
    roles = frozenset(role for role in claims.get("roles", []) if role in ROLES)
    return Caller(
        member_id=claims["sub"],
        roles=roles,
        region=claims.get("region"),
        session_id=claims.get("sid"),
        issued_at=datetime.fromtimestamp(float(claims["iat"]), UTC),
    )


def _decode(token: str, secret: str) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(
        token,
        secret,
        algorithms=[ALGORITHM],
        issuer=ISSUER,
        options={"require": ["sub", "exp", "iat", "iss"]},
    )
    return claims


def _decode_or_refuse(token: str, secret: str) -> dict[str, Any]:
    try:
        return _decode(token, secret)
    except jwt.ExpiredSignatureError:
        raise Unauthorized("the access token has expired") from None
    except jwt.InvalidTokenError:
        raise Unauthorized("the access token is not valid") from None
