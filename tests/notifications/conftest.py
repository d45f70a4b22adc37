"""Fixtures of notifications' tests: its database, and a real SMTP server on loopback."""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from notifications.bootstrap import bootstrap
from notifications.entrypoints.web import create_app
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
    """Return notifications's settings on a fresh, migrated SQLite database."""
    return settings_for("notifications", database_url=fresh_database("notifications", "sqlite"))


@pytest.fixture
def runtime(settings: Settings) -> Iterator[Runtime]:
    """Connect to notifications' fresh database for the test."""
    runtime = bootstrap(settings)
    yield runtime
    runtime.close()


@pytest.fixture
def client(settings: Settings) -> Iterator[FlaskClient]:
    """Serve notifications' HTTP API on the test's database."""
    app = create_app(
        {
            "database_url": settings.database_url,
            "kafka_bootstrap": settings.kafka_bootstrap,
            "topic_prefix": settings.topic_prefix,
        }
    )
    yield app.test_client()
    app.extensions["qplatform"].close()


@pytest.fixture(scope="module")
def refusing_client(
    sqlite_template: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FlaskClient]:
    """Serve the API on one database per module, for tests that must change nothing."""
    path = tmp_path_factory.mktemp("notifications") / "notifications.db"
    shutil.copyfile(sqlite_template("notifications"), path)
    app = create_app({"database_url": f"sqlite:///{path}", "kafka_bootstrap": "127.0.0.1:1"})
    yield app.test_client()
    app.extensions["qplatform"].close()
