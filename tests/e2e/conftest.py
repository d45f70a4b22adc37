from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.platform import SERVICES, Platform, running_platform
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
    urls = {service: postgres.fresh_database(service) for service in SERVICES}
    with running_platform(
        database_urls=urls,
        kafka_bootstrap=broker.bootstrap,
        topic_prefix=topic_prefix,
        smtp_port=smtp.port,
        log_dir=tmp_path,
    ) as running:
        yield running
