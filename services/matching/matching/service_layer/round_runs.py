"""Use cases of running requested rounds exactly once, in order, however many workers look.

The schedule's row is the rounds' lock. A worker claims the earliest unfinished round in one
short transaction (it shows as running), skipping at once if another worker holds the lock,
then holds the round in a second transaction that keeps the lock until the matches commit.
A worker that dies mid-round commits nothing; once its lease lapses, the round is claimed
again. A claim that was taken over is refused when its worker comes back.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from matching.config import RoundConfig
from matching.domain.rounds import REQUESTED, CoffeeRound, new_id
from matching.domain.schedule import next_round_after
from matching.service_layer.rounds import SCHEDULE, hold_round, request_round
from matching.service_layer.unit_of_work import MatchingUnitOfWork
from qplatform.correlation import new_correlation_id, set_correlation_id
from qplatform.cycles import no_cycle_collection
from qplatform.tracing import Carrier, flow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Claim:
    """A worker's hold on one round it is about to run, and what started the round."""

    round_id: str
    token: str
    started_by: str | None = None
    correlation_id: str | None = None
    cause: Carrier = field(default_factory=Carrier)


def run_due_rounds(
    start: Callable[[], MatchingUnitOfWork],
    *,
    today: date,
    config: RoundConfig | None = None,
) -> CoffeeRound | None:
    """Request the round due `today`, if any, run every waiting round; return the last held.

    Each step is a transaction of its own, started with `start`. Each claim is made at its
    unit of work's clock, read afresh: rounds held before it in this run took time, and a
    lease is measured from when its round was really claimed.
    """
    config = config or RoundConfig()
    # A scheduled round starts its own thread of work: give it its own correlation id.
    set_correlation_id(new_correlation_id())
    with start() as uow:
        request_due_round(uow=uow, today=today)
    completed = None
    lease = timedelta(seconds=config.round_lease_seconds)
    while True:
        with start() as uow:
            now, attempts = uow.clock.now(), config.round_max_attempts
            claim = claim_round(uow=uow, now=now, lease=lease, max_attempts=attempts)
        if claim is None:
            return completed
        completed = _run(start, claim, config.round_max_attempts) or completed


def _run(
    start: Callable[[], MatchingUnitOfWork], claim: "Claim", max_attempts: int
) -> CoffeeRound | None:
    # Each round carries the id of what started it, into its logs and its events, and
    # has a trace of its own that links to the request's.
    with flow(
        "coffee round",
        cause=claim.cause,
        correlation_id=claim.correlation_id,
        round_id=claim.round_id,
    ):
        log.info(
            "coffee round started",
            extra={"round": claim.round_id, "started_by": claim.started_by or "unknown"},
        )
        try:
            with start() as uow:
                held = run_claimed_round(uow=uow, claim=claim)
        except Exception as error:
            log.exception("coffee round failed", extra={"round": claim.round_id})
            reason = f"{type(error).__name__}: {error}"
            with start() as uow:
                give_back_round(uow=uow, claim=claim, reason=reason, max_attempts=max_attempts)
            return None
        if held is not None:
            log.info("coffee round completed", extra={"round": held.id, "number": held.number})
        return held


def request_due_round(
    *, uow: MatchingUnitOfWork, today: date, now: datetime | None = None
) -> CoffeeRound | None:
    """Request the scheduled round if its day has come, move the schedule on, and commit."""
    schedule = uow.rounds.schedule_unless_busy()
    due_on = schedule.next_round_on if schedule is not None else None
    if schedule is None or due_on is None or due_on > today:
        uow.commit()
        return None
    schedule.next_round_on = next_round_after(today, schedule.every_months, schedule.day_of_month)
    return request_round(uow=uow, held_on=today, now=now, started_by=SCHEDULE)


def claim_round(
    *, uow: MatchingUnitOfWork, now: datetime, lease: timedelta, max_attempts: int
) -> Claim | None:
    """Claim the earliest unfinished round unless another worker is on it, and commit."""
    rounds = uow.rounds
    found = rounds.oldest_unfinished() if rounds.schedule_unless_busy() else None
    while found is not None and found.attempts >= max_attempts and _claimable(found, now, lease):
        found.give_back(f"abandoned by its worker {found.attempts} times", max_attempts)
        found = rounds.oldest_unfinished()
    if found is None or not _claimable(found, now, lease):
        uow.commit()
        return None
    cause = Carrier(found.traceparent, found.tracestate)
    claim = Claim(found.id, new_id(), found.started_by, found.correlation_id, cause)
    found.take(claim.token, now)
    uow.commit()
    return claim


def run_claimed_round(*, uow: MatchingUnitOfWork, claim: Claim) -> CoffeeRound | None:
    """Hold the claimed round and commit; None when another worker took it over."""
    found = _locked(uow, claim)
    if found is None:
        uow.rollback()
        return None
    with no_cycle_collection():
        hold_round(uow, found)
        uow.commit()
    return found


def _claimable(coffee_round: CoffeeRound, now: datetime, lease: timedelta) -> bool:
    claimed_at = coffee_round.claimed_at
    return coffee_round.state == REQUESTED or claimed_at is None or claimed_at < now - lease


def give_back_round(
    *, uow: MatchingUnitOfWork, claim: Claim, reason: str, max_attempts: int
) -> None:
    """Return a round whose run broke to be tried again, or fail it; then commit."""
    found = _locked(uow, claim)
    if found is not None:
        found.give_back(reason, max_attempts)
    uow.commit()


def _locked(uow: MatchingUnitOfWork, claim: Claim) -> CoffeeRound | None:
    rounds = uow.rounds
    # The schedule's row first, as claims take it, so two workers never wait on each other.
    rounds.schedule(lock=True)
    return rounds.locked(claim.round_id, claim.token)
