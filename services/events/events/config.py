"""The events service's own settings, read from the environment in one place."""

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from qplatform.config import Settings

_ENV_NAMES = {
    "comments_policy_url": "QP_COMMENTS_POLICY_URL",
}


@dataclass(frozen=True)
class EventsConfig:
    """What the events service tells members about the rules they write under."""

    comments_policy_url: str = "https://q.health.org.uk/about-q/comments-policy/"

    @classmethod
    def of(cls, settings: Settings, env: Mapping[str, str] | None = None) -> "EventsConfig":
        """Read the environment, then let `settings.extra` (used by tests) override it."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {
            name: env[variable] for name, variable in _ENV_NAMES.items() if variable in env
        }
        values.update({k: v for k, v in settings.extra.items() if k in _ENV_NAMES})
        return replace(cls(), **values)
