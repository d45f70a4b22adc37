"""Use cases of a member's own participation: opting in or out, pausing, skipping, wishes."""

from datetime import date
from typing import Any

from matching.adapters.storage import NeverPairs, Participants
from matching.domain import errors
from matching.domain.model import Participant
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.identity import Caller


def own_participation(
    *, uow: UnitOfWork, member_id: str, caller: Caller
) -> tuple[Participant, list[str]]:
    """Return a member's participation and never-pair list (the member or staff only)."""
    participant = _own(uow, member_id, caller)
    return participant, NeverPairs(uow.session).of(member_id)


def change_participation(
    *, uow: UnitOfWork, member_id: str, caller: Caller, changes: dict[str, Any], today: date
) -> tuple[Participant, list[str]]:
    """Change a member's choices and wishes (the member or staff only), then commit."""
    participant = _own(uow, member_id, caller)
    changes = dict(changes)
    never = changes.pop("never_pair_with", None)
    paused_until = changes.get("paused_until")
    if paused_until is not None and paused_until <= today:
        raise errors.InvalidChoice("a pause must end after today", field="paused_until")
    never_pairs = NeverPairs(uow.session)
    if never is not None:
        if member_id in never:
            raise errors.InvalidChoice("a member cannot avoid themselves", field="never_pair_with")
        never_pairs.replace(member_id, sorted(set(never)))
    participant.change(changes)
    uow.commit()
    return participant, never_pairs.of(member_id)


def _own(uow: UnitOfWork, member_id: str, caller: Caller) -> Participant:
    if not caller.is_staff and caller.member_id != member_id:
        raise errors.NotYourParticipation("members change only their own participation")
    participant = Participants(uow.session).get(member_id)
    if participant is None or participant.left:
        raise errors.ParticipantNotFound("no participant with that member id")
    return participant
