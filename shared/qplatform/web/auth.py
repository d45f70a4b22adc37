"""The caller of a web request: the bearer token read, verified and checked for revocation.

The static staff token from configuration also grants staff rights, for bootstrapping and
operators' scripts. What a caller is and how tokens are signed lives in `qplatform.identity`.
"""

import hmac

from flask import current_app, g, request

from qplatform.config import Settings
from qplatform.errors import Forbidden, Unauthorized
from qplatform.identity import (
    ANONYMOUS,
    CONNECTOR,
    MEMBER,
    PARTNER_REVIEWER,
    ROLES,
    STAFF,
    Caller,
    issue_access_token,
    read_access_token,
)
from qplatform.revocations import is_revoked
from qplatform.runtime import Runtime

__all__ = [
    "ANONYMOUS",
    "CONNECTOR",
    "MEMBER",
    "PARTNER_REVIEWER",
    "ROLES",
    "STAFF",
    "Caller",
    "current_caller",
    "issue_access_token",
    "read_access_token",
    "require_member",
    "require_role",
    "require_staff",
]


def current_caller() -> Caller:
    """Return who is calling, from the bearer token; anonymous when there is none."""
    if "qp_caller" not in g:
        g.qp_caller = _caller_from_request()
    caller: Caller = g.qp_caller
    return caller


def require_member() -> Caller:
    """Refuse anonymous callers; return the caller."""
    caller = current_caller()
    if caller.is_anonymous:
        raise Unauthorized("a bearer token is required")
    return caller


def require_role(*roles: str) -> Caller:
    """Refuse callers holding none of `roles` (staff always pass); return the caller."""
    caller = require_member()
    if not caller.has_role(*roles):
        raise Forbidden(f"only {' or '.join(roles)} may do this")
    return caller


def require_staff() -> None:
    """Refuse the request unless staff make it (usable as a `before_request` hook)."""
    require_role(STAFF)


def _caller_from_request() -> Caller:
    token = _bearer_token()
    if token is None:
        return ANONYMOUS
    settings: Settings = current_app.config["QP_SETTINGS"]
    if hmac.compare_digest(token.encode(), settings.staff_token.encode()):
        return Caller(roles=frozenset({STAFF}))
    caller = read_access_token(settings, token)
    if _revoked(current_app.extensions["qplatform"], caller):
        raise Unauthorized("the access token was revoked")
    return caller


def _revoked(runtime: Runtime, caller: Caller) -> bool:
    assert caller.member_id is not None and caller.issued_at is not None
    with runtime.engine.connect() as connection:
        return is_revoked(
            connection,
            runtime.tables,
            member_id=caller.member_id,
            session_id=caller.session_id,
            issued_at=caller.issued_at,
        )


def _bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None
