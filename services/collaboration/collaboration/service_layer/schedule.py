"""The worker's scheduled work: seed the library once, remind participants of milestones."""

import threading
from collections.abc import Callable
from datetime import UTC, datetime

from collaboration.config import ScheduleConfig
from collaboration.service_layer.lab import remind_of_milestones
from collaboration.service_layer.seeding import seed_library
from qplatform.db.unit_of_work import UnitOfWork


class Schedule:
    """Run collaboration's scheduled work on its own clock."""

    def __init__(
        self,
        unit_of_work: Callable[[], UnitOfWork],
        config: ScheduleConfig,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._unit_of_work = unit_of_work
        self._config = config
        self._clock = clock

    def run(self, stop: threading.Event) -> None:
        """Seed the library, then look for approaching milestones until `stop` is set."""
        with self._unit_of_work() as uow:
            seed_library(uow=uow)
        while not stop.is_set():
            self.remind_once()
            stop.wait(self._config.schedule_check_seconds)

    def remind_once(self) -> int:
        """Announce the milestones due within a week that no one was reminded of."""
        with self._unit_of_work() as uow:
            return remind_of_milestones(uow=uow, today=self._clock().date())
