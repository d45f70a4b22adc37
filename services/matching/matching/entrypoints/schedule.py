"""Matching's scheduled work: request each round on its day and run the rounds that wait."""

from datetime import datetime

from matching.config import RoundConfig
from matching.domain.rounds import CoffeeRound
from matching.service_layer.round_runs import run_due_rounds
from matching.service_layer.unit_of_work import MatchingUnitOfWork
from qplatform.runtime import Runtime
from qplatform.schedule import Loop, every


def scheduled_loops(runtime: Runtime[MatchingUnitOfWork]) -> list[Loop]:
    """Return the worker loops of matching's schedule, on the runtime's clock."""
    config = RoundConfig.of(runtime.settings)

    def run_rounds(now: datetime) -> CoffeeRound | None:
        # The schedule's days are UTC dates, as rounds' days have always been.
        return run_due_rounds(runtime.unit_of_work, today=now.date(), config=config)

    return [every(config.round_poll_seconds, run_rounds, clock=runtime.clock, name="coffee rounds")]
