"""Notifications' scheduled work: the month's digest, event reminders, coffee feedback prompts."""

from datetime import datetime

from notifications.config import MailConfig
from notifications.service_layer.digests import queue_due_digest
from notifications.service_layer.feedback import queue_feedback_prompts
from notifications.service_layer.reminders import queue_due_reminders
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.runtime import Runtime
from qplatform.schedule import Loop, every


def scheduled_loops(runtime: Runtime[NotificationsUnitOfWork]) -> list[Loop]:
    """Return the loops that queue digests, event reminders and coffee feedback prompts."""
    config = MailConfig.of(runtime.settings)

    def queue_digest(now: datetime) -> int:
        with runtime.unit_of_work() as uow:
            return queue_due_digest(
                uow=uow, now=now, day=config.digest_day, hour=config.digest_hour_utc
            )

    def remind(now: datetime) -> int:
        with runtime.unit_of_work() as uow:
            return queue_due_reminders(uow=uow, now=now)

    def ask_for_feedback(now: datetime) -> int:
        with runtime.unit_of_work() as uow:
            return queue_feedback_prompts(uow=uow, now=now)

    return [
        every(config.schedule_check_seconds, job, clock=runtime.clock)
        for job in (queue_digest, remind, ask_for_feedback)
    ]
