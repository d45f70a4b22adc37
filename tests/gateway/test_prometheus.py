"""A real Prometheus scrapes every web and worker process of the running platform."""

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import yaml

from tests.e2e.platform import SERVICES, Platform, free_port
from tests.support.waiting import wait_until

RULES = Path(__file__).resolve().parents[2] / "deploy" / "prometheus" / "alerts.yml"


@pytest.fixture
def workers_with_metrics(platform: Platform) -> dict[str, str]:
    """Restart each worker with a metrics port (the platform starts them without one)."""
    addresses = {}
    for name, processes in platform.services.items():
        if "QP_WORKER_METRICS_PORT" not in processes.env:
            processes.kill_worker()
            processes.env["QP_WORKER_METRICS_PORT"] = str(free_port())
            processes.start_worker()
        addresses[name] = f"127.0.0.1:{processes.env['QP_WORKER_METRICS_PORT']}"
    return addresses


@pytest.fixture
def prometheus(
    platform: Platform, workers_with_metrics: dict[str, str], tmp_path: Path
) -> Iterator[str]:
    """Run Debian's Prometheus against the platform; yield its URL."""
    binary = shutil.which("prometheus")
    if binary is None:
        pytest.skip("Prometheus is not installed: `apt-get install prometheus`")
    webs = [url.removeprefix("http://") for url in map(platform.url, platform.services)]
    config = tmp_path / "prometheus.yml"
    config.write_text(yaml.safe_dump(scrape_config(webs, list(workers_with_metrics.values()))))
    address = f"127.0.0.1:{free_port()}"
    with (tmp_path / "prometheus.log").open("wb") as log:
        popen = subprocess.Popen(
            [
                binary,
                f"--config.file={config}",
                f"--storage.tsdb.path={tmp_path / 'data'}",
                f"--web.listen-address={address}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield f"http://{address}"
    finally:
        popen.terminate()
        popen.wait(timeout=30)


def scrape_config(webs: list[str], workers: list[str]) -> dict[str, object]:
    return {
        "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
        "rule_files": [str(RULES)],
        "scrape_configs": [
            {"job_name": "web", "static_configs": [{"targets": webs}]},
            {"job_name": "worker", "static_configs": [{"targets": workers}]},
        ],
    }


def targets_all_up(prometheus: str) -> dict[str, str]:
    """Return every target's health once all are up, else nothing."""
    try:
        answer = requests.get(f"{prometheus}/api/v1/targets", timeout=2).json()
    except requests.RequestException:
        return {}
    health = {t["scrapeUrl"]: t["health"] for t in answer["data"]["activeTargets"]}
    return health if set(health.values()) == {"up"} else {}


def test_prometheus_sees_every_web_and_worker_process_up(prometheus: str) -> None:
    health = wait_until(
        lambda: targets_all_up(prometheus), timeout=30, message="every target to be up"
    )
    assert len(health) == 2 * len(SERVICES), health
    rules = requests.get(f"{prometheus}/api/v1/rules", timeout=5).json()["data"]["groups"]
    loaded = {rule["name"] for group in rules for rule in group["rules"]}
    assert loaded >= {"ConsumerLagHigh", "OutboxStuck", "HttpServerErrors"}
    query = requests.get(
        f"{prometheus}/api/v1/query", params={"query": "count(qp_consumer_lag)"}, timeout=5
    ).json()
    assert query["status"] == "success"
