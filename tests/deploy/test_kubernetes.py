"""The Kustomize manifests are valid Kubernetes and run each service the way it expects."""

from typing import Any

import kubernetes_validate
import pytest

from deploy.k8s import render
from deploy.nginx import render as gateway
from qplatform.config import Settings
from tests.deploy.compose_file import (
    LOOPBACK,
    PUBLIC_URL_VARIABLES,
    SECRET_VARIABLES,
    SERVICES,
    variables_the_code_reads,
)
from tests.deploy.kustomized import BASE, OVERLAY, build, of_kind

KUBERNETES_VERSION = "1.30.0"
TREES = [str(BASE), str(OVERLAY)]


@pytest.mark.parametrize("tree", TREES, ids=["base", "example-overlay"])
def test_every_resource_passes_the_kubernetes_schema_strictly(tree: str) -> None:
    # Strimzi's resources have no schema in the Kubernetes validator.
    checked = [r for r in build(tree) if r["kind"] not in {"KafkaTopic", "KafkaUser"}]
    for resource in checked:
        kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)
    assert len(checked) > 30


def test_the_validator_catches_a_misspelt_field() -> None:
    deployment = dict(of_kind(build(str(BASE)), "Deployment")["membership-web"])
    broken = {**deployment, "spec": {**deployment["spec"], "replica": 2}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def test_the_generated_manifests_are_current() -> None:
    stale = [path.name for path, text in render.rendered().items() if path.read_text() != text]
    assert not stale, f"run: python deploy/k8s/render.py (stale: {stale})"


def test_the_example_overlay_gateway_config_is_rendered_from_the_current_template() -> None:
    expected = gateway.render(gateway.container(("https://www.q.example.org",)))
    assert (OVERLAY / "gateway.conf").read_text() == expected


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_runs_web_and_worker_with_probes_and_resources(service: str) -> None:
    deployments = of_kind(build(str(OVERLAY)), "Deployment")
    web = container(deployments[f"{service}-web"])
    assert web["command"][-1] == f"{service}.entrypoints.web:create_app()"
    assert web["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert web["livenessProbe"]["httpGet"]["path"] == "/healthz"
    worker = container(deployments[f"{service}-worker"])
    assert worker["command"] == ["qp-worker", service]
    for process in (web, worker):
        assert set(process["resources"]) == {"requests", "limits"}
        assert {
            e["valueFrom"]["secretKeyRef"]["name"] for e in process["env"] if "valueFrom" in e
        } == {
            f"{service}-database",
            "qp-secrets",
            service,  # the password Strimzi made for the service's KafkaUser
        }


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_has_a_migration_job_an_autoscaler_and_disruption_budgets(
    service: str,
) -> None:
    resources = build(str(OVERLAY))
    job = of_kind(resources, "Job")[f"{service}-migrate"]
    assert container(job)["command"] == ["qp-migrate", service]
    scaler = of_kind(resources, "HorizontalPodAutoscaler")[f"{service}-web"]
    assert scaler["spec"]["scaleTargetRef"]["name"] == f"{service}-web"
    assert scaler["spec"]["minReplicas"] == 3, "the overlay raises the floor"
    budgets = of_kind(resources, "PodDisruptionBudget")
    assert {f"{service}-web", f"{service}-worker"} <= set(budgets)


@pytest.mark.parametrize("tree", TREES, ids=["base", "example-overlay"])
def test_secrets_come_only_from_the_secrets_secret(tree: str) -> None:
    resources = build(tree)
    assert not set(SECRET_VARIABLES) & set(of_kind(resources, "ConfigMap")["qp-config"]["data"])
    for name, workload in [
        *of_kind(resources, "Deployment").items(),
        *of_kind(resources, "Job").items(),
    ]:
        for process in workload["spec"]["template"]["spec"]["containers"]:
            given = {variable["name"]: variable for variable in process.get("env", [])}
            for secret in set(SECRET_VARIABLES) & set(given):
                assert "value" not in given[secret], (name, secret)
                assert given[secret]["valueFrom"]["secretKeyRef"]["name"] == "qp-secrets"


# Each secret a workload needs beyond the stack's own, and its key in qp-secrets.
OWN_SECRETS = [
    ("membership", "QP_PASSWORD_LINK_SECRET", "password-link-secret"),
    ("notifications", "QP_PASSWORD_LINK_SECRET", "password-link-secret"),
    ("notifications", "QP_UNSUBSCRIBE_SECRET", "unsubscribe-secret"),
]


@pytest.mark.parametrize(("service", "variable", "key"), OWN_SECRETS)
@pytest.mark.parametrize("component", ["web", "worker", "migrate"])
def test_each_service_reads_its_own_signing_keys_from_the_secrets_secret(
    service: str, variable: str, key: str, component: str
) -> None:
    workloads = {
        **of_kind(build(str(OVERLAY)), "Deployment"),
        **of_kind(build(str(OVERLAY)), "Job"),
    }
    env = container(workloads[f"{service}-{component}"])["env"]
    [reference] = [e["valueFrom"]["secretKeyRef"] for e in env if e["name"] == variable]
    assert reference == {"name": "qp-secrets", "key": key}


@pytest.mark.parametrize("tree", TREES, ids=["base", "example-overlay"])
@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("component", ["web", "worker", "migrate"])
def test_every_service_process_runs_as_a_deployment_with_every_secret_it_needs(
    tree: str, service: str, component: str
) -> None:
    # A secret the manifest did not pass would fall back to its development value, and a
    # deployment refuses to start with one of those.
    resources = build(tree)
    workloads = {**of_kind(resources, "Deployment"), **of_kind(resources, "Job")}
    env = environment_of(container(workloads[f"{service}-{component}"]), resources)
    settings = Settings.from_env(service, env)
    assert settings.environment == "production"
    assert settings.public_url == env["QP_SITE_URL"]
    assert settings.kafka_password == secret_value(service, "password"), "Strimzi's KafkaUser"


@pytest.mark.parametrize("tree", TREES, ids=["base", "example-overlay"])
def test_the_website_reads_its_session_key_and_public_address(tree: str) -> None:
    resources = build(tree)
    env = environment_of(container(of_kind(resources, "Deployment")["frontend"]), resources)
    assert env["QP_WEBSITE_SECRET"] == secret_value("qp-secrets", "website-secret")
    assert env["QP_SITE_URL"] == of_kind(resources, "ConfigMap")["qp-config"]["data"]["QP_SITE_URL"]


@pytest.mark.parametrize("tree", TREES, ids=["base", "example-overlay"])
def test_mail_links_point_at_the_public_site_not_at_a_loopback_address(tree: str) -> None:
    config = of_kind(build(tree), "ConfigMap")["qp-config"]["data"]
    for variable in PUBLIC_URL_VARIABLES:
        assert config[variable].startswith("https://"), variable
        assert not any(host in config[variable] for host in LOOPBACK), config[variable]
    assert config["QP_PUBLIC_BASE_URL"] == f"{config['QP_SITE_URL']}/notifications"


def test_the_manifests_set_only_variables_the_platform_reads() -> None:
    resources = build(str(OVERLAY))
    named = set(of_kind(resources, "ConfigMap")["qp-config"]["data"])
    for workload in [
        *of_kind(resources, "Deployment").values(),
        *of_kind(resources, "Job").values(),
    ]:
        for process in workload["spec"]["template"]["spec"]["containers"]:
            named |= {variable["name"] for variable in process.get("env", [])}
    unknown = {name for name in named if name.startswith("QP_")} - variables_the_code_reads()
    assert not unknown, f"no code reads {sorted(unknown)}"


def test_only_the_gateway_reaches_the_web_processes() -> None:
    policies = of_kind(build(str(OVERLAY)), "NetworkPolicy")
    assert policies["services-deny-ingress"]["spec"]["ingress"] == []
    web = policies["web-from-gateway"]["spec"]
    assert web["podSelector"]["matchLabels"] == {"app.kubernetes.io/component": "web"}
    sources = [
        peer["podSelector"]["matchLabels"] for rule in web["ingress"] for peer in rule["from"]
    ]
    assert sources == [{"app.kubernetes.io/component": "gateway"}]


def test_the_gateway_mounts_the_rendered_nginx_config() -> None:
    resources = build(str(BASE))
    configs = of_kind(resources, "ConfigMap")
    [name] = [name for name in configs if name.startswith("gateway-nginx")]
    assert configs[name]["data"]["nginx.conf"] == (BASE / "gateway.conf").read_text()
    volumes = of_kind(resources, "Deployment")["gateway"]["spec"]["template"]["spec"]["volumes"]
    assert {"name": "config", "configMap": {"name": name}} in volumes


def test_every_topic_is_declared_with_partitions_and_retention() -> None:
    topics = of_kind(build(str(OVERLAY)), "KafkaTopic")
    declared = {t["metadata"]["name"] for t in render.kafka_topics()}
    assert set(topics) == declared
    assert {f"q.dead-letter.{service}" for service in SERVICES} <= declared
    for topic in topics.values():
        spec = topic["spec"]
        assert topic["metadata"]["labels"]["strimzi.io/cluster"] == render.KAFKA_CLUSTER
        assert spec["partitions"] >= 1 and spec["replicas"] >= 1
        compacted = spec["config"].get("cleanup.policy") == "compact"
        assert compacted or "retention.ms" in spec["config"]
    assert topics["q.membership.member-contact"]["spec"]["config"]["cleanup.policy"] == "compact"


def environment_of(
    process: dict[str, Any], resources: tuple[dict[str, Any], ...]
) -> dict[str, str]:
    """Return what a container is told: config maps' values, and stand-ins for secrets'."""
    configs = of_kind(resources, "ConfigMap")
    env: dict[str, str] = {}
    for source in process.get("envFrom", []):
        env |= configs[source["configMapRef"]["name"]]["data"]
    for variable in process.get("env", []):
        if "value" in variable:
            env[variable["name"]] = variable["value"]
        elif secret := variable["valueFrom"].get("secretKeyRef"):
            env[variable["name"]] = secret_value(secret["name"], secret["key"])
        else:
            config = variable["valueFrom"]["configMapKeyRef"]
            env[variable["name"]] = configs[config["name"]]["data"][config["key"]]
    return env


def secret_value(secret: str, key: str) -> str:
    """Return the stand-in for a value kept in a Secret (long enough for any key)."""
    return f"<the value of {secret}/{key}, kept in the cluster>"


def container(workload: dict[str, Any]) -> dict[str, Any]:
    containers = workload["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    return dict(containers[0])


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("process", ["web", "worker"])
def test_every_service_process_sends_its_traces_to_the_collector(
    service: str, process: str
) -> None:
    resources = build(str(OVERLAY))
    env = environment_of(
        container(of_kind(resources, "Deployment")[f"{service}-{process}"]), resources
    )
    collector = of_kind(resources, "Service")["otel-collector"]
    [port] = collector["spec"]["ports"]
    assert env["OTEL_EXPORTER_OTLP_ENDPOINT"] == f"http://otel-collector:{port['port']}"
    assert port["port"] == 4318, "OTLP over HTTP, which the platform's exporter speaks"
    assert "otel-collector" in of_kind(resources, "Deployment")
