"""Who is calling, as the views need it once `@requires` has let the caller in."""

from collaboration.domain import errors
from qplatform.web.auth import current_caller


def member_id() -> str:
    """Return the calling member's id; refuse callers who act for no member (staff tokens)."""
    caller = current_caller()
    if caller.member_id is None:
        raise errors.NotYours("only a member may do this; use a member's token")
    return caller.member_id
