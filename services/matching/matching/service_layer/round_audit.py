"""Use case of auditing a round: pair its stored snapshot again with its stored seed."""

from dataclasses import dataclass

from matching.domain import errors
from matching.domain.pairing import Pairing
from matching.domain.rounds import COMPLETED
from matching.domain.snapshot import replay
from matching.service_layer.rounds import get_round
from matching.service_layer.unit_of_work import MatchingUnitOfWork


@dataclass(frozen=True)
class RoundAudit:
    """Whether a round's seed and snapshot give its recorded pairs again."""

    round_id: str
    seed: int
    eligible: int
    groups: int
    same_groups: bool


def replay_round(*, uow: MatchingUnitOfWork, round_id: str) -> Pairing:
    """Pair a completed round's snapshot again, with its seed, cooldown and prior history."""
    coffee_round = get_round(uow=uow, round_id=round_id)
    if coffee_round.state != COMPLETED or coffee_round.number is None:
        raise errors.RoundNotCompleted("the round has not completed yet")
    number, cooldown = coffee_round.number, coffee_round.cooldown or 0
    history = uow.matches.history(after_round=number - 1 - cooldown, before_round=number)
    entries = uow.snapshots.of_round(round_id)
    return replay(entries, seed=coffee_round.seed, past_rounds=history, cooldown=cooldown)


def audit_round(*, uow: MatchingUnitOfWork, round_id: str) -> RoundAudit:
    """Tell whether the round's stored seed and snapshot give its recorded groups again."""
    again = replay_round(uow=uow, round_id=round_id)
    recorded = uow.matches.groups_of_round(round_id)
    return RoundAudit(
        round_id=round_id,
        seed=get_round(uow=uow, round_id=round_id).seed,
        eligible=uow.snapshots.count(round_id),
        groups=len(recorded),
        same_groups={frozenset(g) for g in again.groups} == recorded,
    )
