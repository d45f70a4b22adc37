"""Who is calling: the bearer token on each request."""

import hmac

from flask import current_app, request

from qplatform.errors import Forbidden, Unauthorized


def require_staff() -> None:
    """Refuse the request unless it carries the staff credential."""
    token = _bearer_token()
    if token is None:
        raise Unauthorized("a bearer token is required")
    expected = current_app.config["QP_SETTINGS"].staff_token
    if not hmac.compare_digest(token.encode(), expected.encode()):
        raise Forbidden("only staff may do this")


def _bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None
