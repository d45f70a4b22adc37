"""Fixtures of notifications' tests: its database, and a real SMTP server on loopback."""

from collections.abc import Callable, Iterator

import pytest

from notifications.bootstrap import bootstrap
from qplatform.config import Settings
from qplatform.runtime import Runtime
from tests.notifications.smtp_server import SmtpServer


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """Run an SMTP server on a free loopback port for the test."""
    with SmtpServer() as server:
        yield server


@pytest.fixture
def settings(
    fresh_database: Callable[[str, str], str], settings_for: Callable[..., Settings]
) -> Settings:
    """Return settings for a fresh SQLite database of notifications."""
    return settings_for("notifications", database_url=fresh_database("notifications", "sqlite"))


@pytest.fixture
def runtime(settings: Settings) -> Iterator[Runtime]:
    """Connect to notifications' fresh database for the test."""
    runtime = bootstrap(settings)
    yield runtime
    runtime.close()
