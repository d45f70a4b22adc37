import os
import signal
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from deploy.nginx import render
from qplatform.services import SERVICES
from tests.e2e.platform import Platform, free_port, running_platform
from tests.gateway.nginx import running_gateway
from tests.notifications.smtp_server import SmtpServer
from tests.support.servers import Broker, Postgres

ALLOWED_ORIGIN = "https://frontend.example"


@pytest.fixture(scope="package")
def platform(
    broker: Broker, postgres: Postgres, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Platform]:
    """Run all four services once for every test here, on PostgreSQL and the real broker."""
    urls = {service: postgres.fresh_database(service) for service in SERVICES}
    prefix = f"t{uuid.uuid4().hex[:10]}."
    broker.open_prefix(prefix)
    with (
        SmtpServer() as smtp,
        running_platform(
            database_urls=urls,
            kafka_bootstrap=broker.bootstrap,
            topic_prefix=prefix,
            smtp_port=smtp.port,
            log_dir=tmp_path_factory.mktemp("platform"),
        ) as running,
    ):
        yield running
        stop_together(running)
    broker.delete_topics(prefix)


def stop_together(platform: Platform) -> None:
    """Ask every process to stop at once, so their shutdowns overlap."""
    for processes in platform.services.values():
        for popen in (processes.web, processes.worker):
            if popen is not None and popen.poll() is None:
                os.killpg(popen.pid, signal.SIGTERM)


@pytest.fixture
def start_gateway(platform: Platform, tmp_path: Path) -> Iterator[Callable[..., str]]:
    """Return a function that starts a real nginx in front of the platform, with options."""
    with ExitStack() as stack:

        def start(ports: dict[str, int] | None = None, **options: object) -> str:
            given = ports or {s: int(platform.url(s).rsplit(":", 1)[1]) for s in SERVICES}
            options.setdefault("cors_origins", (ALLOWED_ORIGIN,))
            run_dir = tmp_path / f"nginx-{uuid.uuid4().hex[:6]}"
            listen = f"127.0.0.1:{free_port()}"
            return stack.enter_context(
                running_gateway(render.local(given, run_dir, listen, **options))
            )

        yield start


@pytest.fixture
def gateway(start_gateway: Callable[..., str]) -> str:
    """Return the URL of a gateway with the default limits in front of the platform."""
    return start_gateway()
