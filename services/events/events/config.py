"""The events service's own settings, read from the environment in one place."""

from collections.abc import Mapping
from dataclasses import dataclass

from qplatform.config import Settings, read_service_config

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
        return read_service_config(cls, _ENV_NAMES, settings, env)
