"""Rounds are requested and run by themselves on the day the schedule names, and only then."""

from collections.abc import Callable
from datetime import date

from matching.adapters.repositories.rounds import CoffeeRounds
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import Envelope
from tests.matching.rounds_support import join_members, run_rounds_due

UoW = Callable[[], UnitOfWork]


def _schedule_next_on(uow: UoW, day: date) -> None:
    with uow() as unit:
        CoffeeRounds(unit.session).schedule().next_round_on = day
        unit.commit()


def test_no_round_runs_before_its_day_or_without_a_day(
    handle: Callable[[Envelope], None], uow: UoW
) -> None:
    join_members(handle, 4)

    unscheduled = run_rounds_due(uow, date(2027, 3, 1))
    _schedule_next_on(uow, date(2027, 3, 1))
    early = run_rounds_due(uow, date(2027, 2, 28))

    assert (unscheduled, early) == (None, None)


def test_the_scheduled_round_runs_on_its_day_and_the_next_is_a_month_on(
    handle: Callable[[Envelope], None], uow: UoW
) -> None:
    join_members(handle, 4)
    _schedule_next_on(uow, date(2027, 3, 1))

    started = run_rounds_due(uow, date(2027, 3, 1))

    assert started is not None and started.pairs == 2
    with uow() as unit:
        assert CoffeeRounds(unit.session).schedule().next_round_on == date(2027, 4, 1)
    assert run_rounds_due(uow, date(2027, 3, 1)) is None
