"""Fixtures of notifications' tests: its database, and a real SMTP server on loopback."""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from notifications.bootstrap import bootstrap
from notifications.entrypoints.web import create_app
from qplatform.config import Settings
from qplatform.db.migrate import upgrade
from qplatform.runtime import Runtime
from tests.notifications.smtp_server import SmtpServer


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """Run an SMTP server on a free loopback port for the test."""
    with SmtpServer() as server:
        yield server


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate one SQLite database of notifications for the session, to copy from."""
    path = tmp_path_factory.mktemp("template") / "notifications.db"
    upgrade("notifications", f"sqlite:///{path}")
    return path


@pytest.fixture
def settings(
    migrated_sqlite: Path, tmp_path: Path, settings_for: Callable[..., Settings]
) -> Settings:
    """Return settings for a fresh SQLite database of notifications."""
    path = tmp_path / "notifications.db"
    shutil.copyfile(migrated_sqlite, path)
    return settings_for("notifications", database_url=f"sqlite:///{path}")


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
    migrated_sqlite: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FlaskClient]:
    """Serve the API on one database per module, for tests that must change nothing."""
    path = tmp_path_factory.mktemp("notifications") / "notifications.db"
    shutil.copyfile(migrated_sqlite, path)
    app = create_app({"database_url": f"sqlite:///{path}", "kafka_bootstrap": "127.0.0.1:1"})
    yield app.test_client()
    app.extensions["qplatform"].close()
