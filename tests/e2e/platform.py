"""The whole platform as real processes: gunicorn web and qp-worker per service."""

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import requests

from qplatform.db.migrate import upgrade
from qplatform.services import SERVICES
from tests.support.waiting import wait_until

BIN = Path(sys.executable).parent


def free_port() -> int:
    """Return a loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ServiceProcesses:
    """One service's web and worker processes, and where the web one answers."""

    name: str
    env: dict[str, str]
    url: str
    log_dir: Path
    web: subprocess.Popen[bytes] | None = None
    worker: subprocess.Popen[bytes] | None = None

    def start_worker(self) -> None:
        self.worker = _spawn(
            [str(BIN / "qp-worker"), self.name], self.env, self.log_dir / f"{self.name}-worker.log"
        )

    def kill_worker(self) -> None:
        """Kill the worker at once, as a crash would, with no chance to clean up."""
        assert self.worker is not None
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait()


@dataclass
class Platform:
    services: dict[str, ServiceProcesses] = field(default_factory=dict)

    def url(self, service: str) -> str:
        return self.services[service].url


@contextmanager
def running_platform(
    *,
    database_urls: dict[str, str],
    kafka_bootstrap: str,
    topic_prefix: str,
    smtp_port: int,
    log_dir: Path,
    extra_env: Mapping[str, str] | None = None,
) -> Iterator[Platform]:
    """Start every service as real processes (with `extra_env`); stop them all, whatever happens."""
    platform = Platform()
    try:
        for service in SERVICES:
            upgrade(service, database_urls[service])
            port = free_port()
            env = {
                **os.environ,
                "QP_DATABASE_URL": database_urls[service],
                "QP_KAFKA_BOOTSTRAP": kafka_bootstrap,
                "QP_TOPIC_PREFIX": topic_prefix,
                "QP_SMTP_PORT": str(smtp_port),
                "QP_BIND": f"127.0.0.1:{port}",
                "QP_IDLE_POLL_SECONDS": "0.05",
                "QP_WORKER_METRICS_PORT": str(free_port()),
                "QP_WEB_WORKERS": "2",
                **(extra_env or {}),
            }
            env.pop("PROMETHEUS_MULTIPROC_DIR", None)
            processes = ServiceProcesses(service, env, f"http://127.0.0.1:{port}", log_dir)
            processes.web = _spawn(
                [
                    str(BIN / "gunicorn"),
                    "-c",
                    "python:qplatform.web.gunicorn_conf",
                    f"{service}.entrypoints.web:create_app()",
                ],
                env,
                log_dir / f"{service}-web.log",
            )
            processes.start_worker()
            platform.services[service] = processes
        for processes in platform.services.values():
            wait_until(
                partial(_answers, processes.url),
                timeout=60,
                message=f"{processes.name} to answer",
            )
        yield platform
    finally:
        for processes in platform.services.values():
            for popen in (processes.web, processes.worker):
                _stop(popen)


def _spawn(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    # The child keeps its own copy of the log's descriptor; ours can close at once.
    with open(log, "ab") as out:
        return subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def _answers(url: str) -> bool:
    try:
        return requests.get(f"{url}/healthz", timeout=1).status_code == 200
    except requests.RequestException:
        return False


def _stop(popen: subprocess.Popen[bytes] | None) -> None:
    if popen is None or popen.poll() is not None:
        return
    os.killpg(popen.pid, signal.SIGTERM)
    try:
        popen.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(popen.pid, signal.SIGKILL)
        popen.wait()
