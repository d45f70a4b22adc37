"""Use cases of a member's own participation: opting in or out, pausing, skipping, wishes."""

from typing import Any

from matching.domain import errors
from matching.domain.model import Participant
from matching.service_layer.unit_of_work import MatchingUnitOfWork
from qplatform.identity import Caller


def own_participation(
    *, uow: MatchingUnitOfWork, member_id: str, caller: Caller
) -> tuple[Participant, list[str]]:
    """Return a member's participation and never-pair list (the member or staff only)."""
    participant = _own(uow, member_id, caller)
    return participant, uow.never_pairs.of(member_id)


def change_participation(
    *, uow: MatchingUnitOfWork, member_id: str, caller: Caller, changes: dict[str, Any]
) -> tuple[Participant, list[str]]:
    """Change a member's choices and wishes (the member or staff only), then commit."""
    participant = _own(uow, member_id, caller)
    now = uow.clock.now()
    changes = dict(changes)
    never = changes.pop("never_pair_with", None)
    paused_until = changes.get("paused_until")
    if paused_until is not None and paused_until <= now.date():
        raise errors.InvalidChoice("a pause must end after today", field="paused_until")
    never_pairs = uow.never_pairs
    if never is not None:
        if member_id in never:
            raise errors.InvalidChoice("a member cannot avoid themselves", field="never_pair_with")
        never_pairs.replace(member_id, sorted(set(never)))
    participant.change(changes, at=now)
    uow.commit()
    return participant, never_pairs.of(member_id)


def _own(uow: MatchingUnitOfWork, member_id: str, caller: Caller) -> Participant:
    caller.ensure_may_act_for(member_id, "see or change this participation")
    participant = uow.participants.get(member_id)
    if participant is None or participant.left:
        raise errors.ParticipantNotFound("no participant with that member id")
    return participant
