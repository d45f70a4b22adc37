"""Render the gateway's nginx.conf from gateway.conf.template, for this machine or containers.

    python deploy/nginx/render.py container > deploy/nginx/container.conf
    python deploy/nginx/render.py container --cors-origin https://www.example.org

`local` is what `make run` and the tests use (see deploy/local/run.py); `container` is what
docker-compose.yml and deploy/k8s mount into the nginx image.
"""

import argparse
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "gateway.conf.template"
SERVICES = ("membership", "events", "matching", "notifications", "collaboration")
CONTAINER_ORIGINS = ("https://q.health.org.uk", "http://localhost:3000")
# Load balancers and ingress controllers inside a cluster or compose network.
CONTAINER_PROXIES = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")
_PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")
# Sent with every answer, errors included ("always"); see the template for the CSP.
SECURITY_HEADERS = (
    ("Content-Security-Policy", "$qp_content_security_policy"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-site"),
    ("Permissions-Policy", '"camera=(), microphone=(), geolocation=(), payment=(), usb=()"'),
    ("Strict-Transport-Security", "$qp_strict_transport"),
)


@dataclass(frozen=True)
class Gateway:
    """Where the gateway listens, what it sits in front of, and its limits."""

    listen: str
    upstreams: dict[str, str]
    cors_origins: tuple[str, ...] = ()
    trusted_proxies: tuple[str, ...] = ()
    run_dir: Path | None = None
    rate: str = "20r/s"
    burst: int = 40
    max_body: str = "1m"
    read_timeout: str = "30s"
    # The website's address (host:port); without one, `/` answers 404 in JSON.
    website: str | None = None
    as_root: bool = field(default_factory=lambda: os.geteuid() == 0)


def local(
    ports: dict[str, int], run_dir: Path, listen: str = "127.0.0.1:8080", **options: Any
) -> Gateway:
    """Return a gateway on this machine, in front of services on loopback ports."""
    upstreams = {service: f"127.0.0.1:{port}" for service, port in ports.items()}
    return Gateway(listen, upstreams, run_dir=run_dir, **options)


def container(cors_origins: tuple[str, ...] = CONTAINER_ORIGINS) -> Gateway:
    """Return the gateway of docker-compose.yml and Kubernetes: services by their host names."""
    upstreams = {s: f"{s}-web:8000" for s in SERVICES}
    return Gateway(
        "8080", upstreams, cors_origins, trusted_proxies=CONTAINER_PROXIES, website="frontend:8000"
    )


def render(gateway: Gateway) -> str:
    """Return the nginx.conf of `gateway`."""
    values = {
        **_process_values(gateway),
        "listen": gateway.listen,
        "rate": gateway.rate,
        "max_body": gateway.max_body,
        "read_timeout": gateway.read_timeout,
        "cors_origins": "".join(f'        "{o}" $http_origin;\n' for o in gateway.cors_origins),
        "cors_verdicts": "".join(f'        "{o}" allowed;\n' for o in gateway.cors_origins),
        "real_ip": _real_ip(gateway.trusted_proxies),
        "upstreams": "".join(_upstream(name, a) for name, a in _upstreams(gateway).items()),
        "locations": "".join(_location(name, gateway.burst) for name in gateway.upstreams),
        "service_pattern": "|".join(gateway.upstreams),
        "docs_index": _docs_index(tuple(gateway.upstreams)),
        "security_headers": _security_headers("        "),
        "security_headers_in_location": _security_headers("            "),
        "website": _website(gateway.website, gateway.burst),
    }
    text = _PLACEHOLDER.sub(lambda m: values[m[1]], TEMPLATE.read_text())
    return text.replace("\n\n\n", "\n\n")


def _process_values(gateway: Gateway) -> dict[str, str]:
    if gateway.run_dir is None:
        # The unprivileged nginx image: logs to the container's output, state in /tmp.
        run, main = Path("/tmp"), "pid /tmp/nginx.pid;\nerror_log stderr warn;"
        access_log = "/dev/stdout"
    else:
        run = gateway.run_dir
        user = "user root;\n" if gateway.as_root else ""
        main = f"{user}daemon off;\npid {run / 'nginx.pid'};\nerror_log {run / 'error.log'} warn;"
        access_log = str(run / "access.log")
    temp = "\n    ".join(
        f"{kind}_temp_path {run / (kind + '_temp')};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return {"main": main, "access_log": access_log, "temp_paths": temp}


def _real_ip(proxies: tuple[str, ...]) -> str:
    lines = [f"    set_real_ip_from {cidr};" for cidr in proxies]
    if lines:
        lines += ["    real_ip_header X-Forwarded-For;", "    real_ip_recursive on;"]
    return "\n".join(lines)


def _upstream(name: str, address: str) -> str:
    return f"    upstream {name} {{\n        server {address};\n        keepalive 16;\n    }}\n"


def _location(name: str, burst: int) -> str:
    return (
        f"        location /{name}/ {{\n"
        f"            limit_req zone=qp_per_client burst={burst} nodelay;\n"
        f"            proxy_pass http://{name}/;\n"
        f"        }}\n"
    )


def _upstreams(gateway: Gateway) -> dict[str, str]:
    website = {} if gateway.website is None else {"website": gateway.website}
    return {**gateway.upstreams, **website}


def _security_headers(indent: str) -> str:
    return "\n".join(
        f"{indent}add_header {name} {value} always;" for name, value in SECURITY_HEADERS
    )


def _website(address: str | None, burst: int) -> str:
    if address is None:
        return "        location / {\n            return 404;\n        }\n"
    return (
        "        # The website: every path no service claims; its metrics stay inside.\n"
        "        location = /metrics {\n            return 404;\n        }\n"
        "        location / {\n"
        f"            limit_req zone=qp_per_client burst={burst} nodelay;\n"
        "            proxy_pass http://website;\n"
        "        }\n"
    )


def _docs_index(services: tuple[str, ...]) -> str:
    rows = "".join(
        f'<li><a href="/{s}/docs">{s}</a> (<a href="/{s}/openapi.json">openapi.json</a>)</li>'
        for s in services
    )
    return (HERE / "docs-index.html").read_text().strip().replace("<!-- services -->", rows)


def main() -> None:
    """Print the container gateway's nginx.conf."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=["container"])
    parser.add_argument("--cors-origin", action="append", dest="origins")
    args = parser.parse_args()
    print(render(container(tuple(args.origins or CONTAINER_ORIGINS))), end="")


if __name__ == "__main__":
    main()
