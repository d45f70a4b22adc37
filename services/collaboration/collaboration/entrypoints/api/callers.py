"""Who may act on what: the checks the API makes before a use case runs."""

from flask import request

from collaboration.domain import errors
from qplatform.web.auth import require_member

SECURED: dict[str, list[dict[str, list[str]]]] = {"security": [{"bearer": []}]}


def member_id() -> str:
    """Return the calling member's id; refuse callers who are not a member."""
    caller = require_member()
    if caller.member_id is None:
        raise errors.NotYours("only a member may do this; use a member's token")
    return caller.member_id


def acting_member() -> str | None:
    """Return the calling member's id, or None for staff, who act for no one in particular."""
    caller = require_member()
    return None if caller.is_staff else member_id()


def require_member_first() -> None:
    """Refuse anonymous callers before any body is read, so they get 401, not 422."""
    if request.method != "OPTIONS":
        require_member()
