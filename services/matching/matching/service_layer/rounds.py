"""Use cases of coffee rounds: request one, and hold it (snapshot, pair, record, announce)."""

import secrets
from dataclasses import asdict
from datetime import date, datetime

from matching.domain import errors
from matching.domain.model import LONGEST_GAP, is_eligible, last_matched
from matching.domain.pairing import pair
from matching.domain.pairing.affinity import Affinity, Candidate
from matching.domain.round_quality import measure
from matching.domain.rounds import REQUESTED, CoffeeRound, new_id
from matching.domain.schedule import next_round_after
from matching.domain.snapshot import snapshot_rows
from matching.service_layer.round_records import (
    announce_completion,
    candidates,
    record_matches,
    remember_outcome,
)
from matching.service_layer.unit_of_work import MatchingUnitOfWork
from qplatform.correlation import current_correlation_id
from qplatform.cycles import no_cycle_collection
from qplatform.tracing import current_carrier, fanning_out

STAFF, SCHEDULE = "staff", "schedule"


def request_round(
    *,
    uow: MatchingUnitOfWork,
    held_on: date,
    seed: int | None = None,
    now: datetime | None = None,
    started_by: str = STAFF,
) -> CoffeeRound:
    """Record a round for a worker to run, under the correlation id in force, and commit."""
    coffee_round = _new_round(held_on, seed, now or uow.clock.now())
    coffee_round.started_by = started_by
    coffee_round.correlation_id = current_correlation_id()
    cause = current_carrier()
    coffee_round.traceparent, coffee_round.tracestate = cause.traceparent, cause.tracestate
    uow.rounds.add(coffee_round)
    uow.commit()
    return coffee_round


def start_round(*, uow: MatchingUnitOfWork, held_on: date, seed: int | None = None) -> CoffeeRound:
    """Hold a round on `held_on` at once, in this unit of work, and commit."""
    coffee_round = _new_round(held_on, seed, uow.clock.now())
    coffee_round.started_by = STAFF
    coffee_round.correlation_id = current_correlation_id()
    uow.rounds.add(coffee_round)
    with no_cycle_collection():
        hold_round(uow, coffee_round)
        uow.commit()
    return coffee_round


def get_round(*, uow: MatchingUnitOfWork, round_id: str) -> CoffeeRound:
    """Return the round `round_id`."""
    found = uow.rounds.get(round_id)
    if found is None:
        raise errors.RoundNotFound("no coffee round with that id")
    return found


def hold_round(uow: MatchingUnitOfWork, coffee_round: CoffeeRound) -> None:
    """Snapshot the eligible, pair them, record and announce the matches; do not commit."""
    rounds = uow.rounds
    # Holding the schedule's row makes rounds run one after another, numbered in order.
    schedule = rounds.schedule(lock=True)
    number, cooldown = rounds.latest_number() + 1, schedule.cooldown
    # The latest rounds tell who is due again (frequency) and who may not meet (cooldown).
    past = uow.matches.rounds(after_round=number - 1 - max(cooldown, LONGEST_GAP))
    chosen = _eligible(uow, coffee_round.held_on, number, last_matched(past))
    history = [groups for n, groups in past.items() if n >= number - cooldown]
    # The database stores the snapshot while the pairs are made.
    with uow.snapshots.adding(snapshot_rows(coffee_round.id, chosen)):
        affinity = Affinity(sorted(chosen, key=lambda c: c.member_id), history, cooldown)
        pairing = pair(affinity, seed=coffee_round.seed)
        figures = measure(affinity, pairing)
    coffee_round.complete(
        number=number, cooldown=cooldown, figures=asdict(figures), at=uow.clock.now()
    )
    # Each match's introductions get a trace of their own that links to the round's.
    with fanning_out():
        record_matches(uow, coffee_round, pairing, affinity)
    remember_outcome(uow, pairing, chosen)
    announce_completion(uow, coffee_round, figures)
    held_on = coffee_round.held_on
    schedule.next_round_on = next_round_after(held_on, schedule.every_months, schedule.day_of_month)


def _eligible(
    uow: MatchingUnitOfWork, held_on: date, number: int, matched: dict[str, int]
) -> list[Candidate]:
    everyone = uow.participants.taking_part()
    eligible = [p for p in everyone if is_eligible(p, held_on, number, matched.get(p.member_id))]
    return candidates(eligible, uow.never_pairs.all())


def _new_round(held_on: date, seed: int | None, now: datetime) -> CoffeeRound:
    return CoffeeRound(
        id=new_id(),
        seed=secrets.randbits(62) if seed is None else seed,
        held_on=held_on,
        state=REQUESTED,
        requested_at=now,
        attempts=0,
    )
