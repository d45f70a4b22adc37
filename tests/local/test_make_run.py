"""`make run` as a newcomer meets it: it says it runs once it answers, and it keeps running."""

import email
import email.policy
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
import requests

from deploy.local.layout import jaeger_built
from qplatform.services import SERVICES
from tests.local.running import (
    BANNER,
    ROOT,
    LocalRun,
    alive,
    command_line,
    descendants,
)
from tests.support.waiting import wait_until

# `make run` starts its own Kafka broker (its databases are SQLite files).
pytestmark = pytest.mark.kafka

WALKTHROUGH = ROOT / "deploy" / "local" / "walkthrough.sh"
JAEGER = ROOT / "deploy" / "jaeger" / "jaeger.sh"
# What `jaeger.sh fetch` exits with when Go is not installed.
NO_GO = 3


def answering(gateway: str) -> dict[str, int]:
    """Return the status of the gateway's /healthz and of each service's /readyz behind it."""
    paths = {"gateway": "/healthz", **{s: f"/{s}/readyz" for s in SERVICES}}
    statuses = {}
    for name, path in paths.items():
        try:
            statuses[name] = requests.get(f"{gateway}{path}", timeout=2).status_code
        except requests.RequestException:
            statuses[name] = 0
    return statuses


@pytest.fixture(scope="module")
def announced(local_run: LocalRun) -> dict[str, int]:
    """Wait for the banner; return what answered the moment it appeared."""
    local_run.wait_for(BANNER)
    return answering(local_run.gateway)


def test_the_banner_appears_once_the_gateway_and_every_service_answer(
    announced: dict[str, int],
) -> None:
    assert announced == {name: 200 for name in ("gateway", *SERVICES)}


def test_the_banner_gives_the_addresses_derived_from_the_ports_it_was_given(
    local_run: LocalRun, announced: dict[str, int]
) -> None:
    banner = local_run.output.split(BANNER, 1)[1]
    assert f"kafka          127.0.0.1:{local_run.env['KAFKA_PORT']}" in banner
    assert f"mail links     {local_run.gateway}" in banner
    web = int(local_run.env["QP_LOCAL_WEB_PORT_BASE"])
    for offset, service in enumerate(SERVICES):
        assert f"{service:<14} http://127.0.0.1:{web + offset}" in banner


def test_the_walkthrough_goes_as_described_and_its_mail_links_to_the_gateway(
    local_run: LocalRun, announced: dict[str, int]
) -> None:
    walk = subprocess.run(
        [str(WALKTHROUGH)], env=local_run.env, capture_output=True, text=True, timeout=180
    )
    assert walk.returncode == 0, walk.stdout + walk.stderr
    assert "The walk-through went as described." in walk.stdout
    [address] = re.findall(r"from (\S+@example\.org)", walk.stdout)
    mails = delivered_to(local_run, address)
    assert sorted(mail["Subject"] for mail in mails) == ["Set your Q password", "Welcome to Q"]
    [password_mail] = [mail for mail in mails if mail["Subject"] == "Set your Q password"]
    body = password_mail.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert f"{local_run.gateway}/set-password?token=" in text


def test_the_services_traces_reach_the_local_jaeger_whose_address_the_banner_gives(
    local_run: LocalRun, announced: dict[str, int]
) -> None:
    if local_run.env["QP_LOCAL_JAEGER"] == "off":
        pytest.skip("the local Jaeger is not built: deploy/jaeger/jaeger.sh fetch (needs Go)")
    ui = f"http://127.0.0.1:{local_run.env['QP_LOCAL_JAEGER_UI_PORT']}"
    assert f"traces         {ui}  (Jaeger)" in local_run.output.split(BANNER, 1)[1]
    requests.get(f"{local_run.gateway}/membership/regions", timeout=10)

    def traced_services() -> list[str]:
        answer = requests.get(f"{ui}/api/services", timeout=5).json()
        return sorted(answer.get("data") or [])

    # Spans leave each process in batches, every few seconds.
    wait_until(lambda: "membership" in traced_services(), timeout=60, message="membership's traces")


def test_make_run_goes_on_without_jaeger_where_go_is_not_installed(tmp_path: Path) -> None:
    no_go = {**os.environ, "PATH": "/usr/bin:/bin"}
    if shutil.which("go", path=no_go["PATH"]):
        pytest.skip("Go is installed in /usr/bin here")
    fetch = subprocess.run(
        [str(JAEGER), "fetch"], env=no_go, capture_output=True, text=True, timeout=30
    )
    if jaeger_built():
        assert fetch.returncode == 0, "a built Jaeger needs no Go"
    else:
        assert fetch.returncode == NO_GO
        assert "Go is not installed" in fetch.stderr


def delivered_to(local_run: LocalRun, address: str) -> list[email.message.EmailMessage]:
    mails = [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in (local_run.run_dir / "mail" / "new").iterdir()
    ]
    return [mail for mail in mails if address in str(mail["To"])]


def test_a_process_that_exits_is_started_again_with_a_word_about_it(
    local_run: LocalRun, announced: dict[str, int]
) -> None:
    [worker] = [pid for pid in descendants(local_run.popen.pid) if is_worker(pid, "events")]
    os.kill(worker, signal.SIGKILL)
    wait_until(lambda: not alive(worker), timeout=10, message="the worker to end")
    local_run.wait_for("events-worker was killed by signal 9; restarting it in", timeout=30)
    local_run.wait_for("events-worker started again", timeout=30)
    assert local_run.popen.poll() is None, "the platform keeps running"
    wait_until(
        lambda: answering(local_run.gateway) == {name: 200 for name in ("gateway", *SERVICES)},
        timeout=60,
        message="every service to answer",
    )


def is_worker(pid: int, service: str) -> bool:
    arguments = command_line(pid)
    return len(arguments) > 2 and arguments[1].endswith("/qp-worker") and arguments[2] == service


def test_the_readme_names_every_prerequisite_and_shows_the_walkthrough() -> None:
    readme = (ROOT / "README.md").read_text()
    for needed in ("nginx", "Java 17", "Maven", "Python 3.11", "curl"):
        assert needed in readme, needed
    assert "deploy/local/walkthrough.sh" in readme
    assert "<id>" not in readme and "<member_id>" not in readme


def test_the_walkthrough_names_no_fixed_date_that_would_lapse() -> None:
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", WALKTHROUGH.read_text())
