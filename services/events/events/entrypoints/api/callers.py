"""Who may act on what: the checks the API makes before a use case runs."""

from flask import request

from events.domain import errors
from events.domain.model import Event
from events.service_layer import programme
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.web.auth import require_member


def member_id() -> str:
    """Return the calling member's id; refuse callers who are not a member."""
    caller = require_member()
    if caller.member_id is None:
        raise errors.NotAllowed("only a member may do this; use a member's token")
    return caller.member_id


def managed(uow: UnitOfWork, event_id: str) -> Event:
    """Return the event if the caller organises it or is staff; refuse anyone else."""
    caller = require_member()
    event = programme.get_event(uow=uow, event_id=event_id)
    if not programme.may_manage(event, caller):
        raise errors.NotAllowed("only the event's organiser or staff may do this")
    return event


def require_member_to_write() -> None:
    """Refuse anonymous changes before their body is read, so they get 401, not 422."""
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        require_member()
