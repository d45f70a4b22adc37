"""docker-compose.yml as data: its services, their environment, and the names code reads."""

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
PROMETHEUS_FILE = ROOT / "deploy" / "compose" / "prometheus.yml"
POSTGRES_INIT = ROOT / "deploy" / "compose" / "postgres-init.sh"
DOCKERFILE = ROOT / "Dockerfile"
SERVICES = ("membership", "events", "matching", "notifications", "collaboration")
# The only places that read QP_ variables from the environment.
SETTINGS_SOURCES = (
    ROOT / "shared" / "qplatform" / "config.py",
    ROOT / "shared" / "qplatform" / "web" / "gunicorn_conf.py",
    *sorted((ROOT / "services").glob("*/*/config.py")),
    ROOT / "frontend" / "website" / "config.py",
)
# Values that let their holder act as staff, as any member, for a member's mail, or as a
# member's website session.
SECRET_VARIABLES = (
    "QP_STAFF_TOKEN",
    "QP_TOKEN_SECRET",
    "QP_UNSUBSCRIBE_SECRET",
    "QP_PASSWORD_LINK_SECRET",
    "QP_WEBSITE_SECRET",
)
# What each broker principal signs in with, as compose takes it from the caller.
KAFKA_PASSWORD_VARIABLES = (
    "KAFKA_ADMIN_PASSWORD",
    *(f"{principal.upper()}_KAFKA_PASSWORD" for principal in (*SERVICES, "analysts")),
)
# The database is reachable only inside the compose network: its passwords may default.
DATABASE_PASSWORD_VARIABLES = (
    "POSTGRES_PASSWORD",
    *(f"{name.upper()}_DB_PASSWORD" for name in SERVICES),
)
# Every link in mail starts with one of these.
PUBLIC_URL_VARIABLES = ("QP_SITE_URL", "QP_PUBLIC_BASE_URL")
LOOPBACK = ("127.", "localhost", "[::1]", "0.0.0.0")
_INTERPOLATION = re.compile(r"\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


@cache
def compose() -> dict[str, Any]:
    """Return docker-compose.yml parsed, anchors and merge keys resolved."""
    return dict(yaml.safe_load(COMPOSE_FILE.read_text()))


def service(name: str) -> dict[str, Any]:
    """Return one service's definition."""
    return dict(compose()["services"][name])


def environment(name: str, given: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return a service's environment as compose resolves it when the caller sets `given`."""
    env = service(name).get("environment") or {}
    if isinstance(env, list):
        env = dict(item.partition("=")[::2] for item in env)
    return {key: interpolate(str(value), given or {}) for key, value in env.items()}


def interpolate(text: str, given: Mapping[str, str]) -> str:
    """Resolve compose interpolation; a required variable not `given` shows as <NAME>."""

    def resolve(match: re.Match[str]) -> str:
        op = match["op"] or ""
        if match["name"] in given and (given[match["name"]] or ":" not in op):
            return given[match["name"]]
        if op.endswith("-"):
            return match["arg"]
        return f"<{match['name']}>" if op.endswith("?") else ""

    return _INTERPOLATION.sub(resolve, text)


def interpolations() -> list[tuple[str, str]]:
    """Return each `${VAR...}` of docker-compose.yml as (VAR, its operator: "", "-", ":?"...)."""
    return [
        (match["name"], match["op"] or "")
        for match in _INTERPOLATION.finditer(COMPOSE_FILE.read_text())
    ]


def interpolated_names() -> set[str]:
    """Return every variable docker-compose.yml takes from the caller's environment."""
    return {name for name, _ in interpolations()}


def variables_the_code_reads() -> set[str]:
    """Return the QP_ variables the platform's code reads from the environment."""
    pattern = re.compile(r"""["'](QP_[A-Z0-9_]+)["']""")
    return {name for path in SETTINGS_SOURCES for name in pattern.findall(path.read_text())}


def scrape_targets() -> dict[str, set[str]]:
    """Return prometheus.yml's static targets by job."""
    config = yaml.safe_load(PROMETHEUS_FILE.read_text())
    return {
        job["job_name"]: {
            target for group in job.get("static_configs", []) for target in group["targets"]
        }
        for job in config["scrape_configs"]
    }
