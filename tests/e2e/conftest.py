import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

from qplatform.services import SERVICES
from tests.e2e.platform import Platform, running_platform
from tests.notifications.smtp_server import SmtpServer
from tests.support.servers import Broker, Postgres


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


@pytest.fixture
def platform(
    broker: Broker, postgres: Postgres, smtp: SmtpServer, topic_prefix: str, tmp_path: Path
) -> Iterator[Platform]:
    """Run all four services as real processes on PostgreSQL and the real broker."""
    with whole_platform(broker, postgres, smtp, topic_prefix, tmp_path) as running:
        yield running


@pytest.fixture(scope="module")
def shared_smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


@pytest.fixture(scope="module")
def shared_prefix(broker: Broker) -> Iterator[str]:
    """Give a module's flows their own topics, shared by its tests; delete them after."""
    prefix = f"t{uuid.uuid4().hex[:10]}."
    broker.open_prefix(prefix)
    yield prefix
    broker.delete_topics(prefix)


@pytest.fixture(scope="module")
def shared_platform(
    broker: Broker,
    postgres: Postgres,
    shared_smtp: SmtpServer,
    shared_prefix: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Platform]:
    """Run all four services once for every test of a module; each uses its own people."""
    log_dir = tmp_path_factory.mktemp("platform")
    with whole_platform(broker, postgres, shared_smtp, shared_prefix, log_dir) as running:
        yield running


@contextmanager
def whole_platform(
    broker: Broker,
    postgres: Postgres,
    smtp: SmtpServer,
    topic_prefix: str,
    log_dir: Path,
    env: Mapping[str, str] | None = None,
) -> Iterator[Platform]:
    """Run all four services on fresh databases, with `env` added to their environment."""
    urls = {service: postgres.fresh_database(service) for service in SERVICES}
    with running_platform(
        database_urls=urls,
        kafka_bootstrap=broker.bootstrap,
        topic_prefix=topic_prefix,
        smtp_port=smtp.port,
        log_dir=log_dir,
        extra_env=env,
    ) as running:
        yield running
