"""What an operator sees of the running processes: probes and metrics."""

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from qplatform.services import SERVICES
from tests.e2e.platform import Platform


def counted(metrics: str, route: str, status: str) -> float:
    return sum(
        sample.value
        for family in text_string_to_metric_families(metrics)
        if family.name == "qp_http_requests"
        for sample in family.samples
        if sample.name == "qp_http_requests_total"
        and sample.labels["route"] == route
        and sample.labels["status"] == status
    )


def test_request_counts_add_up_across_gunicorn_workers(platform: Platform) -> None:
    url = platform.url("membership")
    for _ in range(20):
        assert requests.get(f"{url}/members/nobody", timeout=5).status_code == 404
    metrics = requests.get(f"{url}/metrics", timeout=5).text
    assert counted(metrics, "/members/<member_id>", "404") == 20


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_is_ready_and_serves_its_spec(platform: Platform, service: str) -> None:
    url = platform.url(service)
    assert requests.get(f"{url}/readyz", timeout=5).json()["status"] == "ready"
    assert requests.get(f"{url}/openapi.json", timeout=5).json()["openapi"].startswith("3.")
