"""The whole platform and the website behind the real nginx gateway, as one origin."""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from unittest import mock

from deploy.nginx.render import local
from tests.e2e.platform import (
    SERVICES,
    Platform,
    _answers,
    _spawn,
    _stop,
    free_port,
    running_platform,
)
from tests.gateway.nginx import running_gateway
from tests.notifications.smtp_server import SmtpServer
from tests.support.servers import Broker, Postgres
from tests.support.waiting import wait_until

BIN = Path(sys.executable).parent


@dataclass
class Site:
    """Where the gateway answers, the services behind it, and the mail they sent."""

    url: str
    platform: Platform
    smtp: SmtpServer


@contextmanager
def running_site(
    broker: Broker, postgres: Postgres, smtp: SmtpServer, topic_prefix: str, log_dir: Path
) -> Iterator[Site]:
    """Start the services, the website and the gateway in front of them; stop them after."""
    gateway_port, website_port = free_port(), free_port()
    gateway_url = f"http://127.0.0.1:{gateway_port}"
    # Mail links point at the gateway, as they point at the public site in production.
    links = {"QP_SITE_URL": gateway_url, "QP_PUBLIC_BASE_URL": f"{gateway_url}/notifications"}
    urls = {service: postgres.fresh_database(service) for service in SERVICES}
    with (
        mock.patch.dict(os.environ, links),
        running_platform(
            database_urls=urls,
            kafka_bootstrap=broker.bootstrap,
            topic_prefix=topic_prefix,
            smtp_port=smtp.port,
            log_dir=log_dir,
        ) as platform,
        running_website(website_port, gateway_url, log_dir),
    ):
        ports = {name: int(p.url.rsplit(":", 1)[1]) for name, p in platform.services.items()}
        gateway = local(
            ports,
            log_dir / "nginx",
            f"127.0.0.1:{gateway_port}",
            website=f"127.0.0.1:{website_port}",
            # The browser and the website share one loopback address here.
            rate="500r/s",
            burst=1000,
        )
        with running_gateway(gateway) as url:
            yield Site(url, platform, smtp)


@contextmanager
def running_website(port: int, gateway_url: str, log_dir: Path) -> Iterator[str]:
    """Run the website under gunicorn, as production does."""
    env = {
        **os.environ,
        "QP_GATEWAY_URL": gateway_url,
        "QP_BIND": f"127.0.0.1:{port}",
        "QP_WEB_WORKERS": "2",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    command = [
        str(BIN / "gunicorn"),
        "-c",
        "python:qplatform.web.gunicorn_conf",
        "website:create_app()",
    ]
    popen = _spawn(command, env, log_dir / "website.log")
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(partial(_answers, url), timeout=60, message="the website to answer")
        yield url
    finally:
        _stop(popen)
