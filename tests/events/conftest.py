"""Fixtures of the events service's tests: its database, runtime and HTTP client."""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from events.bootstrap import bootstrap
from events.entrypoints.web import create_app
from qplatform.config import Settings
from qplatform.runtime import Runtime

STAFF = {"Authorization": "Bearer dev-staff-token"}


@pytest.fixture
def database_url(fresh_database: Callable[[str, str], str]) -> str:
    """Give an empty, migrated SQLite database of the events service."""
    return fresh_database("events", "sqlite")


@pytest.fixture
def events_database(
    database_url: str, fresh_database: Callable[[str, str], str], database_backend: str
) -> str:
    """Give an empty, migrated database of the events service on each backend in turn."""
    return database_url if database_backend == "sqlite" else fresh_database("events", "postgres")


@pytest.fixture
def settings(settings_for: Callable[..., Settings], database_url: str) -> Settings:
    return settings_for("events", database_url=database_url)


@pytest.fixture
def runtime(settings: Settings) -> Iterator[Runtime]:
    """Connect the events service to the test's database."""
    runtime = bootstrap(settings)
    yield runtime
    runtime.close()


@pytest.fixture
def client_for(
    settings_for: Callable[..., Settings],
) -> Iterator[Callable[[str], FlaskClient]]:
    """Return a function giving a test client of the events API on a database."""
    runtimes: list[Runtime] = []

    def make(database_url: str) -> FlaskClient:
        settings = settings_for("events", database_url=database_url)
        app = create_app(
            {
                "database_url": settings.database_url,
                "kafka_bootstrap": settings.kafka_bootstrap,
                "topic_prefix": settings.topic_prefix,
            }
        )
        runtimes.append(app.extensions["qplatform"])
        return app.test_client()

    yield make
    for runtime in runtimes:
        runtime.close()


@pytest.fixture
def client(client_for: Callable[[str], FlaskClient], database_url: str) -> FlaskClient:
    """Give a test client of the events API on a SQLite database."""
    return client_for(database_url)


@pytest.fixture(scope="module")
def unwritten_client(
    sqlite_template: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FlaskClient]:
    """Give one client per module, for tests that only send requests refused before any write."""
    path = tmp_path_factory.mktemp("unwritten") / "events.db"
    shutil.copyfile(sqlite_template("events"), path)
    app = create_app({"database_url": f"sqlite:///{path}"})
    yield app.test_client()
    app.extensions["qplatform"].close()
