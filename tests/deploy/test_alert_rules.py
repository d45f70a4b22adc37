"""The alert rules load in Prometheus, behave as their unit tests say, and have runbooks."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.deploy.compose_file import PROMETHEUS_FILE, ROOT

RULES = ROOT / "deploy" / "prometheus" / "alerts.yml"
RULE_TESTS = ROOT / "deploy" / "prometheus" / "alerts_test.yml"
DASHBOARD = ROOT / "deploy" / "prometheus" / "dashboard.json"
OPERATIONS = ROOT / "docs" / "operations.md"
# Each figure the issue asks to watch, and the metric it is computed from.
WATCHED = {
    "ConsumerLagHigh": "qp_consumer_lag",
    "OutboxStuck": "qp_outbox_oldest_unpublished_age_seconds",
    "EventsDeadLettered": "qp_events_dead_lettered_total",
    "HttpServerErrors": "qp_http_requests_total",
    "HttpLatencyObjectiveMissed": "qp_http_request_duration_seconds",
    "MailQueuedTooLong": "qp_mail_oldest_queued_age_seconds",
}


def alerts() -> dict[str, dict[str, object]]:
    groups = yaml.safe_load(RULES.read_text())["groups"]
    return {rule["alert"]: rule for group in groups for rule in group["rules"]}


def promtool(*args: str) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("promtool")
    if binary is None:
        pytest.skip("promtool is not installed: `apt-get install prometheus`")
    return subprocess.run([binary, *args], capture_output=True, text=True, cwd=RULES.parent)


def test_the_rules_pass_promtool_check() -> None:
    result = promtool("check", "rules", str(RULES))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_rules_behave_as_their_unit_tests_say() -> None:
    result = promtool("test", "rules", str(RULE_TESTS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_compose_prometheus_config_loads_with_the_rules(tmp_path: Path) -> None:
    shutil.copy(RULES, tmp_path / "alerts.yml")
    config = tmp_path / "prometheus.yml"
    config.write_text(PROMETHEUS_FILE.read_text().replace("/etc/prometheus/", f"{tmp_path}/"))
    result = promtool("check", "config", str(config))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("alert", "metric"), WATCHED.items())
def test_each_watched_figure_has_an_alert_on_its_metric(alert: str, metric: str) -> None:
    assert metric in str(alerts()[alert]["expr"])


def test_every_alert_is_unit_tested_firing() -> None:
    tests = yaml.safe_load(RULE_TESTS.read_text())["tests"]
    fired = {
        case["alertname"]
        for test in tests
        for case in test["alert_rule_test"]
        if case.get("exp_alerts")
    }
    assert fired == set(alerts())


@pytest.mark.parametrize("alert", sorted(alerts()))
def test_every_alert_has_a_runbook_entry(alert: str) -> None:
    headings = re.findall(r"^#+ (\S+)", OPERATIONS.read_text(), flags=re.MULTILINE)
    assert alert in headings
    annotations = alerts()[alert]["annotations"]
    assert isinstance(annotations, dict)
    assert annotations["runbook"] == f"docs/operations.md#{alert.lower()}"


def test_the_dashboard_charts_every_watched_figure_with_the_alert_expression() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    charted = {
        squeezed(target["expr"]) for panel in dashboard["panels"] for target in panel["targets"]
    }
    for alert in WATCHED:
        expr = squeezed(str(alerts()[alert]["expr"]))
        assert any(expr.startswith(shown) for shown in charted), alert


def squeezed(expr: str) -> str:
    return "".join(expr.split())
