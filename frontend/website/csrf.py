"""Every form carries a token tied to the session; a POST without it is refused."""

import hmac
import secrets

from flask import Flask, abort, request, session

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"


def token() -> str:
    """Return this session's form token, minting it on first use."""
    if FIELD not in session:
        session[FIELD] = secrets.token_urlsafe(32)
    found: str = session[FIELD]
    return found


def protect(app: Flask) -> None:
    """Refuse any state-changing request whose token is missing or wrong."""
    app.jinja_env.globals["csrf_token"] = token

    @app.before_request
    def _check() -> None:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return
        sent = request.form.get(FIELD) or request.headers.get(HEADER) or ""
        expected = session.get(FIELD, "")
        if not expected or not hmac.compare_digest(sent, expected):
            abort(400, description="csrf")
