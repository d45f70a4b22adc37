"""Collaboration's own settings, read from the environment in one place."""

import os
from collections.abc import Mapping
from dataclasses import dataclass

from qplatform.config import Settings


@dataclass(frozen=True)
class ScheduleConfig:
    """How often the worker looks for milestones to remind participants of."""

    schedule_check_seconds: float = 60.0

    @classmethod
    def of(cls, settings: Settings, env: Mapping[str, str] | None = None) -> "ScheduleConfig":
        """Read the environment, then let `settings.extra` (used by tests) override it."""
        env = os.environ if env is None else env
        seconds = float(env.get("QP_SCHEDULE_CHECK_SECONDS", cls.schedule_check_seconds))
        return cls(float(settings.extra.get("schedule_check_seconds", seconds)))
