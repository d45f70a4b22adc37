"""Fixtures for every test: the real broker, the real PostgreSQL, fresh databases and topics."""

import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from qplatform.config import Settings
from qplatform.db.migrate import upgrade
from tests.support.servers import Broker, Postgres, port_open


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with the servers it needs, read from the fixtures it uses."""
    for item in items:
        needs = set(getattr(item, "fixturenames", ()))
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("database_backend") == "postgres":
            needs.add("postgres")
        if "broker" in needs:
            item.add_marker(pytest.mark.kafka)
        if "postgres" in needs:
            item.add_marker(pytest.mark.postgres)
        if {"broker", "postgres"} & needs and "/tests/unit/" in str(item.path):
            # The fast tier promises no server: a unit test that asks for one is misfiled.
            raise pytest.UsageError(f"{item.nodeid} needs a server; it belongs outside tests/unit")


@pytest.fixture(scope="session")
def broker() -> Iterator[Broker]:
    """Start the project's Kafka broker for the session (or use one already running)."""
    broker = Broker()
    started_here = not port_open(broker.port)
    if started_here:
        broker.start(empty=True)
    yield broker
    broker.close()
    if started_here:
        broker.stop()


@pytest.fixture(scope="session")
def kafka_bootstrap(broker: Broker) -> str:
    return broker.bootstrap


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """Start the project's PostgreSQL cluster for the session (or use one already running)."""
    server = Postgres()
    started_here = not port_open(server.port)
    if started_here:
        server.start()
    yield server
    if started_here:
        server.stop()


@pytest.fixture
def topic_prefix(request: pytest.FixtureRequest) -> Iterator[str]:
    """Give each test its own topics, so no test reads another's events; delete them after."""
    prefix = f"t{uuid.uuid4().hex[:10]}."
    # Only a test that uses the broker needs rights on it, and leaves topics behind;
    # thousands left would exhaust the broker's file handles in one run of the suite.
    uses_broker = "broker" in request.fixturenames
    if uses_broker:
        request.getfixturevalue("broker").open_prefix(prefix)
    yield prefix
    if uses_broker:
        request.getfixturevalue("broker").delete_topics(prefix)


@pytest.fixture(params=["sqlite", "postgres"])
def database_backend(request: pytest.FixtureRequest) -> str:
    """Run the test once on SQLite and once on the real PostgreSQL."""
    return str(request.param)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Return a function giving a SQLite file migrated once per session for a service."""
    templates: dict[str, Path] = {}

    def template(service: str) -> Path:
        if service not in templates:
            path = tmp_path_factory.mktemp(f"{service}-template") / f"{service}.db"
            upgrade(service, f"sqlite:///{path}")
            templates[service] = path
        return templates[service]

    return template


@pytest.fixture
def fresh_database(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Callable[[str], Path]
) -> Callable[[str, str], str]:
    """Return a function giving an empty, migrated database URL for a service on a backend."""

    def make(service: str, backend: str = "sqlite") -> str:
        if backend == "postgres":
            server: Postgres = request.getfixturevalue("postgres")
            return server.fresh_database(service)
        path = tmp_path / f"{service}.db"
        shutil.copyfile(sqlite_template(service), path)
        return f"sqlite:///{path}"

    return make


@pytest.fixture
def settings_for(topic_prefix: str) -> Callable[..., Settings]:
    """Return a function building a service's settings for this test's database and topics."""

    def make(
        service: str,
        *,
        database_url: str,
        kafka_bootstrap: str = "127.0.0.1:1",
        **overrides: object,
    ) -> Settings:
        return Settings.from_env(
            service,
            env={},
            database_url=database_url,
            kafka_bootstrap=kafka_bootstrap,
            topic_prefix=topic_prefix,
            idle_poll_seconds=0.05,
            **overrides,
        )

    return make
