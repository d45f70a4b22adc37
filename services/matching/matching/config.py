"""Matching's own settings, read from the environment in one place."""

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from qplatform.config import Settings

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
        env = os.environ if env is None else env
        types = {field.name: field.type for field in fields(cls)}
        values: dict[str, Any] = {
            name: _parse(types[name], env[variable])
            for name, variable in _ENV_NAMES.items()
            if variable in env
        }
        values.update({k: v for k, v in settings.extra.items() if k in _ENV_NAMES})
        return replace(cls(), **values)


def _parse(kind: object, raw: str) -> Any:
    return int(raw) if kind in (int, "int") else float(raw)
