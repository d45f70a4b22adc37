"""Run coffee rounds by themselves on the schedule staff set."""

import logging
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime

from matching.adapters.round_storage import CoffeeRounds
from matching.domain.rounds import CoffeeRound
from matching.service_layer.rounds import start_round
from qplatform.db.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
CHECK_EVERY_SECONDS = 60.0


def start_due_round(*, uow: UnitOfWork, today: date) -> CoffeeRound | None:
    """Start the scheduled round if its day has come, and commit; else do nothing."""
    due_on = CoffeeRounds(uow.session).schedule().next_round_on
    if due_on is None or due_on > today:
        return None
    return start_round(uow=uow, held_on=today)


class RoundSchedule:
    """A worker loop that starts each scheduled round on its day."""

    def __init__(self, uow_factory: Callable[[], UnitOfWork]) -> None:
        self._uow_factory = uow_factory

    def run(self, stop: threading.Event) -> None:
        """Check for a due round every minute until `stop` is set."""
        while not stop.is_set():
            self.run_once(datetime.now(UTC).date())
            stop.wait(CHECK_EVERY_SECONDS)

    def run_once(self, today: date) -> CoffeeRound | None:
        """Start the round due `today`, if any."""
        with self._uow_factory() as uow:
            started = start_due_round(uow=uow, today=today)
        if started is not None:
            log.info("coffee round started", extra={"round": started.id, "number": started.number})
        return started
