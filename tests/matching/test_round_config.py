"""The worker's round settings come from QP_* variables, with laptop defaults."""

from matching.config import RoundConfig
from qplatform.config import Settings


def test_round_settings_default_and_are_read_from_the_environment() -> None:
    settings = Settings.from_env("matching", env={})
    env = {"QP_ROUND_POLL_SECONDS": "0.5", "QP_ROUND_MAX_ATTEMPTS": "5"}

    assert RoundConfig.of(settings, env={}) == RoundConfig(2.0, 120.0, 3)
    assert RoundConfig.of(settings, env=env) == RoundConfig(0.5, 120.0, 5)
