"""Who may open which console page: the roles named in the signed-in member's access token.

The website only reads the roles to decide what to show; every action still goes through an
API that verifies the token and authorises the role itself, so a forged cookie gains nothing.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

import jwt
from flask import session

from website.pages import error_page
from website.signed_in import member_id, to_login

View = TypeVar("View", bound=Callable[..., Any])
STAFF = "staff"


def caller_roles() -> frozenset[str]:
    """Return the signed-in member's roles (`member` among them); empty for a visitor."""
    if member_id() is None:
        return frozenset()
    return frozenset({"member", *_claims().get("roles", [])})


def caller_region() -> str | None:
    """Return the region a partner reviewer decides for, as their token names it."""
    region = _claims().get("region") if member_id() is not None else None
    return region if isinstance(region, str) else None


def may_open(roles: frozenset[str], *needed: str) -> bool:
    """Tell whether a caller holding `roles` may open a page for `needed` (staff open all)."""
    return STAFF in roles or bool(roles.intersection(needed))


def console_page(*roles: str) -> Callable[[View], View]:
    """Let members holding any of `roles` (or staff) in; send visitors to log in, others a 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if member_id() is None:
                return to_login()
            if not may_open(caller_roles(), *roles):
                return error_page(403)
            return view(*args, **kwargs)

        return cast(View, guarded)

    return decorate


def _claims() -> dict[str, Any]:
    token = session.get("access_token")
    if not token:
        return {}
    try:
        # The signature is the APIs' to check: the website holds no key, and trusts no claim.
        claims: dict[str, Any] = jwt.decode(
            token, options={"verify_signature": False, "verify_exp": False}
        )
    except jwt.InvalidTokenError:
        return {}
    return claims
