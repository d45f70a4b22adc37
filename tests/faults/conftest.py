"""One platform of real processes on PostgreSQL for the whole fault module, and its effects."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from qplatform.services import SERVICES
from tests.e2e.platform import running_platform
from tests.faults.harness import Harness
from tests.notifications.smtp_server import SmtpServer
from tests.support.servers import Broker, Postgres


@pytest.fixture(scope="module")
def harness(
    broker: Broker, postgres: Postgres, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Harness]:
    """Run all four services once for the module; faults are done to it one test at a time."""
    prefix = f"f{Path(tmp_path_factory.mktemp('faults')).name[-6:]}."
    broker.open_prefix(prefix)
    log_dir = tmp_path_factory.mktemp("fault-logs")
    urls = {service: postgres.fresh_database(service) for service in SERVICES}
    with (
        SmtpServer() as smtp,
        running_platform(
            database_urls=urls,
            kafka_bootstrap=broker.bootstrap,
            topic_prefix=prefix,
            smtp_port=smtp.port,
            log_dir=log_dir,
        ) as platform,
    ):
        yield Harness(platform, smtp, broker, postgres, urls, prefix, log_dir)
    broker.delete_topics(prefix)
