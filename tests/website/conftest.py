import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.notifications.smtp_server import SmtpServer
from tests.support.servers import Broker, Postgres
from tests.website.browser import chromium
from tests.website.site import Site, running_site


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium, once per module; skipped with a reason when it is not installed."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def site(
    browser: Any, broker: Broker, postgres: Postgres, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    """Run the platform, the website and the gateway once for every journey of a module."""
    prefix = f"t{uuid.uuid4().hex[:10]}."
    broker.open_prefix(prefix)
    log_dir = tmp_path_factory.mktemp("site")
    try:
        with SmtpServer() as smtp, running_site(broker, postgres, smtp, prefix, log_dir) as up:
            yield up
    finally:
        broker.delete_topics(prefix)
