"""The gateway config that containers mount is current, valid nginx, and names real services."""

import re
import subprocess
from pathlib import Path

import pytest

from deploy.nginx import render
from qplatform.services import SERVICES
from tests.deploy.compose_file import ROOT, compose

CONTAINER_CONF = ROOT / "deploy" / "nginx" / "container.conf"
NGINX = Path("/usr/sbin/nginx")


def test_the_container_config_is_rendered_from_the_current_template() -> None:
    assert CONTAINER_CONF.read_text() == render.render(render.container()), (
        "run: python deploy/nginx/render.py container > deploy/nginx/container.conf"
    )


def test_the_container_config_routes_each_service_path_to_its_compose_web_process() -> None:
    text = CONTAINER_CONF.read_text()
    for name in SERVICES:
        assert f"location /{name}/ {{" in text
        assert f"server {name}-web:8000;" in text
        assert f"{name}-web" in compose()["services"]


def test_the_container_config_is_valid_nginx(tmp_path: Path) -> None:
    if not NGINX.is_file():
        pytest.skip("nginx is not installed: `apt-get install nginx`")
    # Container host names do not resolve here, and /tmp is the container's own.
    text = re.sub(
        r"server [a-z]+(-web)?:8000;", "server 127.0.0.1:8000;", CONTAINER_CONF.read_text()
    )
    conf = tmp_path / "nginx.conf"
    conf.write_text(text.replace("/tmp/", f"{tmp_path}/"))
    (tmp_path / "logs").mkdir()
    result = subprocess.run(
        [str(NGINX), "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "conf",
    [CONTAINER_CONF, ROOT / "deploy" / "k8s" / "overlays" / "example" / "gateway.conf"],
    ids=["compose-and-base", "example-overlay"],
)
def test_the_container_configs_send_the_security_headers_and_name_no_cdn(conf: Path) -> None:
    text = conf.read_text()
    for name, value in render.SECURITY_HEADERS:
        assert f"add_header {name} {value} always;" in text
    assert "frame-ancestors 'none'" in text
    assert "cdn" not in text.lower()
    assert not re.search(r"""<script[^>]*src=["']?(https?:)?//""", text)
