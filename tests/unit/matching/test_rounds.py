"""Rounds are requested, claimed by one worker, held, and requested by the schedule on its day."""

from datetime import UTC, date, datetime, timedelta

from matching.domain.rounds import COMPLETED, REQUESTED, RUNNING
from matching.service_layer.round_runs import (
    claim_round,
    request_due_round,
    run_claimed_round,
    run_due_rounds,
)
from matching.service_layer.rounds import request_round, start_round
from qplatform.clock import FixedClock
from tests.unit.matching.fakes import FakeMatchingUnitOfWork
from tests.unit.matching.support import participant

NOW = datetime(2027, 4, 1, 6, 0, tzinfo=UTC)
LEASE = timedelta(minutes=2)


def _uow_of(members: int) -> FakeMatchingUnitOfWork:
    unit = FakeMatchingUnitOfWork(FixedClock(NOW))
    for n in range(members):
        participant(unit, f"member-{n}", organisation=f"Trust {n % 2}")
    return unit


def test_a_requested_round_waits_for_a_worker_stamped_with_the_clock_s_time() -> None:
    uow = _uow_of(0)
    with uow:
        requested = request_round(uow=uow, held_on=date(2027, 4, 1), seed=3)

    assert uow.rounds.get(requested.id) is requested
    assert (requested.state, requested.requested_at, requested.started_by) == (
        REQUESTED,
        NOW,
        "staff",
    )
    assert uow.published == []


def test_a_round_of_five_makes_a_pair_and_a_trio_and_announces_every_match() -> None:
    uow = _uow_of(5)
    with uow:
        held = start_round(uow=uow, held_on=date(2027, 4, 1), seed=11)

    assert (held.state, held.number, held.completed_at) == (COMPLETED, 1, NOW)
    made = uow.events_of("match-made")
    assert sorted(len(m["member_ids"]) for m in made) == [2, 3]
    assert sorted(i for m in made for i in m["member_ids"]) == [f"member-{n}" for n in range(5)]
    [completed] = uow.events_of("coffee-round-completed")
    assert (completed["round_id"], completed["number"], completed["pairs"]) == (held.id, 1, 1)
    trio = next(m["member_ids"] for m in made if len(m["member_ids"]) == 3)
    assert all(uow.participants.get(i).left_over_last_time for i in trio)  # type: ignore[union-attr]
    assert len(uow.snapshots.rows) == 5


def test_a_claimed_round_is_run_once_and_a_second_claim_finds_nothing() -> None:
    uow = _uow_of(4)
    with uow:
        requested = request_round(uow=uow, held_on=date(2027, 4, 1), seed=5)
    with uow:
        claim = claim_round(uow=uow, now=NOW, lease=LEASE, max_attempts=3)
    with uow:
        again = claim_round(uow=uow, now=NOW + timedelta(seconds=30), lease=LEASE, max_attempts=3)

    assert claim is not None and claim.round_id == requested.id and again is None
    assert (requested.state, requested.claimed_at, requested.attempts) == (RUNNING, NOW, 1)
    with uow:
        held = run_claimed_round(uow=uow, claim=claim)
    assert held is requested and held.state == COMPLETED
    assert len(uow.events_of("match-made")) == 2


def test_a_round_whose_lease_lapsed_is_claimed_again_by_another_worker() -> None:
    uow = _uow_of(2)
    with uow:
        request_round(uow=uow, held_on=date(2027, 4, 1), seed=5)
    with uow:
        first = claim_round(uow=uow, now=NOW, lease=LEASE, max_attempts=3)
    with uow:
        second = claim_round(uow=uow, now=NOW + 2 * LEASE, lease=LEASE, max_attempts=3)

    assert first is not None and second is not None and first.token != second.token
    with uow:
        assert run_claimed_round(uow=uow, claim=first) is None
    assert uow.events_of("match-made") == []


def test_the_schedule_requests_its_round_on_its_day_only_and_moves_on_a_month() -> None:
    uow = _uow_of(0)
    uow.rounds.schedule().next_round_on = date(2027, 4, 1)
    with uow:
        early = request_due_round(uow=uow, today=date(2027, 3, 31), now=NOW)
    with uow:
        due = request_due_round(uow=uow, today=date(2027, 4, 1), now=NOW)

    assert early is None and due is not None
    assert (due.held_on, due.started_by, due.requested_at) == (date(2027, 4, 1), "schedule", NOW)
    assert uow.rounds.schedule().next_round_on == date(2027, 5, 1)
    assert uow.rounds.count() == 1


def test_the_worker_s_job_on_the_schedule_s_day_requests_and_holds_the_round_at_once() -> None:
    uow = _uow_of(4)
    uow.rounds.schedule().next_round_on = date(2027, 4, 1)

    held = run_due_rounds(lambda: uow, today=date(2027, 4, 1))

    assert held is not None and (held.state, held.started_by) == (COMPLETED, "schedule")
    assert (held.claimed_at, held.completed_at, held.attempts) == (NOW, NOW, 1)
    assert [e["round_id"] for e in uow.events_of("coffee-round-completed")] == [held.id]
    assert run_due_rounds(lambda: uow, today=date(2027, 4, 1)) is None
