"""Matching's own settings, read from the environment in one place."""

from collections.abc import Mapping
from dataclasses import dataclass

from qplatform.config import Settings, read_service_config

_ENV_NAMES = {
    "round_poll_seconds": "QP_ROUND_POLL_SECONDS",
    "round_lease_seconds": "QP_ROUND_LEASE_SECONDS",
    "round_max_attempts": "QP_ROUND_MAX_ATTEMPTS",
}


@dataclass(frozen=True)
class RoundConfig:
    """How often the worker looks for rounds to run, and when it takes over a broken run."""

    round_poll_seconds: float = 2.0
    round_lease_seconds: float = 120.0
    round_max_attempts: int = 3

    @classmethod
    def of(cls, settings: Settings, env: Mapping[str, str] | None = None) -> "RoundConfig":
        """Read the environment, then let `settings.extra` (used by tests) override it."""
        return read_service_config(cls, _ENV_NAMES, settings, env)
