"""A real nginx (Debian's) serving the rendered gateway config, for as long as a block runs."""

import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from deploy.nginx.render import Gateway, render
from tests.support.waiting import wait_until

NGINX = Path("/usr/sbin/nginx")


@contextmanager
def running_gateway(gateway: Gateway) -> Iterator[str]:
    """Start nginx for `gateway`, yield its base URL, and stop it whatever happens."""
    if not NGINX.is_file():
        pytest.skip("nginx is not installed: `apt-get install nginx`")
    assert gateway.run_dir is not None
    gateway.run_dir.mkdir(parents=True, exist_ok=True)
    conf = gateway.run_dir / "nginx.conf"
    conf.write_text(render(gateway))
    log = (gateway.run_dir / "nginx.out").open("ab")
    popen = subprocess.Popen(
        [str(NGINX), "-p", str(gateway.run_dir), "-c", str(conf)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://{gateway.listen}"
    try:
        wait_until(lambda: popen.poll() is not None or _answers(url), timeout=10)
        assert popen.poll() is None, (gateway.run_dir / "nginx.out").read_text()
        yield url
    finally:
        if popen.poll() is None:
            os.killpg(popen.pid, signal.SIGQUIT)
            popen.wait(timeout=10)
        log.close()


def _answers(url: str) -> bool:
    try:
        return requests.get(f"{url}/healthz", timeout=1).status_code == 200
    except requests.RequestException:
        return False
