"""Collaboration's scheduled work: participants hear of their milestones a week ahead."""

from datetime import datetime

from collaboration.config import ScheduleConfig
from collaboration.service_layer.lab import remind_of_milestones
from collaboration.service_layer.unit_of_work import CollaborationUnitOfWork
from qplatform.runtime import Runtime
from qplatform.schedule import Loop, every


def scheduled_loops(runtime: Runtime[CollaborationUnitOfWork]) -> list[Loop]:
    """Return the worker loops that run collaboration's scheduled use cases."""

    def remind(now: datetime) -> int:
        with runtime.unit_of_work() as uow:
            return remind_of_milestones(uow=uow, now=now)

    seconds = ScheduleConfig.of(runtime.settings).schedule_check_seconds
    return [every(seconds, remind, clock=runtime.clock, name="remind_of_milestones")]
