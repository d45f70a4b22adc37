"""docker-compose.yml runs every service the way the platform expects to be run."""

import re

import pytest
from sqlalchemy.engine import make_url

from qplatform.config import KAFKA_USER_PASSWORDS, Settings
from tests.deploy.compose_file import (
    DATABASE_PASSWORD_VARIABLES,
    DOCKERFILE,
    KAFKA_PASSWORD_VARIABLES,
    LOOPBACK,
    POSTGRES_INIT,
    SECRET_VARIABLES,
    SERVICES,
    compose,
    environment,
    interpolated_names,
    interpolations,
    scrape_targets,
    service,
    variables_the_code_reads,
)

PROCESSES = ("web", "worker")
# What a caller gives: a value of its own for every variable compose takes.
GIVEN = {name: f"own-{name.lower()}-{'x' * 32}" for name in interpolated_names()}
GIVEN["QP_SITE_URL"] = "https://q.example.org"


@pytest.mark.parametrize("name", SERVICES)
def test_every_service_has_a_migration_a_web_process_and_a_worker(name: str) -> None:
    assert service(f"{name}-migrate")["command"] == ["qp-migrate", name]
    assert service(f"{name}-worker")["command"] == ["qp-worker", name]
    web = service(f"{name}-web")["command"]
    assert web[:3] == ["gunicorn", "-c", "python:qplatform.web.gunicorn_conf"]
    assert web[3:] == [f"{name}.entrypoints.web:create_app()"]


@pytest.mark.parametrize("name", SERVICES)
@pytest.mark.parametrize("process", PROCESSES)
def test_processes_start_after_their_migration_succeeded_and_the_broker_is_healthy(
    name: str, process: str
) -> None:
    depends_on = service(f"{name}-{process}")["depends_on"]
    assert depends_on[f"{name}-migrate"]["condition"] == "service_completed_successfully"
    assert depends_on["kafka"]["condition"] == "service_healthy"


@pytest.mark.parametrize("name", SERVICES)
def test_migrations_wait_for_a_healthy_database_and_run_once(name: str) -> None:
    migrate = service(f"{name}-migrate")
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert migrate["restart"] == "no"


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_uses_its_own_database_as_its_own_role(name: str) -> None:
    passwords = environment("postgres")
    for process in ("migrate", *PROCESSES):
        url = make_url(environment(f"{name}-{process}")["QP_DATABASE_URL"])
        assert (url.drivername, url.host, url.port) == ("postgresql+psycopg", "postgres", 5432)
        assert (url.username, url.database) == (name, name)
        assert url.password == passwords[f"{name.upper()}_DB_PASSWORD"]


@pytest.mark.parametrize("name", SERVICES)
def test_the_database_init_script_creates_each_service_database_with_the_same_password(
    name: str,
) -> None:
    variable = f"{name.upper()}_DB_PASSWORD"
    default = environment("postgres")[variable]
    call = f'create_service_database {name} "${{{variable}:-{default}}}"'
    assert call in POSTGRES_INIT.read_text()


def test_the_database_init_script_keeps_other_roles_out() -> None:
    assert (
        'REVOKE CONNECT, TEMPORARY ON DATABASE :"service" FROM PUBLIC' in POSTGRES_INIT.read_text()
    )


def test_compose_and_the_image_set_only_variables_the_platform_reads() -> None:
    set_in_compose = {
        key for name in compose()["services"] for key in environment(name) if key.startswith("QP_")
    }
    taken_from_caller = {name for name in interpolated_names() if name.startswith("QP_")}
    set_in_image = set(re.findall(r"\b(QP_[A-Z0-9_]+)=", DOCKERFILE.read_text()))
    unknown = (set_in_compose | taken_from_caller | set_in_image) - variables_the_code_reads()
    assert not unknown, f"no code reads {sorted(unknown)}"


@pytest.mark.parametrize("name", SERVICES)
@pytest.mark.parametrize("process", PROCESSES)
def test_processes_reach_the_broker_mail_and_secrets_of_the_stack(name: str, process: str) -> None:
    env = environment(f"{name}-{process}")
    assert env["QP_KAFKA_BOOTSTRAP"] == "kafka:9092"
    assert (env["QP_SMTP_HOST"], env["QP_SMTP_PORT"]) == ("mail", "1025")
    assert env["QP_STAFF_TOKEN"] == "<QP_STAFF_TOKEN>", "the staff token must have no default"
    assert env["QP_TOKEN_SECRET"] == "<QP_TOKEN_SECRET>", "the token key must have no default"


@pytest.mark.parametrize("name", SERVICES)
@pytest.mark.parametrize("process", ("migrate", *PROCESSES))
def test_every_service_process_runs_as_a_deployment_with_the_secrets_it_was_given(
    name: str, process: str
) -> None:
    # A secret compose did not pass would fall back to its development value, and a
    # deployment refuses to start with one of those.
    settings = Settings.from_env(name, environment(f"{name}-{process}", GIVEN))
    assert settings.environment == "production"
    assert settings.public_url == GIVEN["QP_SITE_URL"]
    assert settings.kafka_password == GIVEN[f"{name.upper()}_KAFKA_PASSWORD"]
    if name in ("membership", "notifications"):
        assert settings.password_link_secret == GIVEN["QP_PASSWORD_LINK_SECRET"]


def test_no_secret_has_a_default_value() -> None:
    secret = re.compile(r"SECRET|TOKEN|PASSWORD")
    taken = [
        (name, op)
        for name, op in interpolations()
        if secret.search(name) and name not in DATABASE_PASSWORD_VARIABLES
    ]
    assert {name for name, _ in taken} == {*SECRET_VARIABLES, *KAFKA_PASSWORD_VARIABLES}
    assert not [(name, op) for name, op in taken if op != ":?"], "each must be required"


def test_the_broker_step_gives_every_principal_the_password_its_clients_sign_in_with() -> None:
    access = environment("kafka-access")
    for principal, variable in KAFKA_USER_PASSWORDS.items():
        caller = (
            "KAFKA_ADMIN_PASSWORD"
            if principal == "admin"
            else f"{principal.upper()}_KAFKA_PASSWORD"
        )
        assert access[variable] == f"<{caller}>"
    assert access["QP_KAFKA_PASSWORD"] == "<KAFKA_ADMIN_PASSWORD>"
    assert environment("kafka")["ADMIN_PASSWORD"] == "<KAFKA_ADMIN_PASSWORD>"


def test_the_website_is_given_its_session_key_and_public_address() -> None:
    env = environment("frontend")
    assert env["QP_WEBSITE_SECRET"] == "<QP_WEBSITE_SECRET>"
    assert env["QP_SITE_URL"] == "<QP_SITE_URL>"


@pytest.mark.parametrize("process", PROCESSES)
def test_mail_links_are_signed_with_a_given_secret_and_point_at_the_given_public_url(
    process: str,
) -> None:
    env = environment(f"notifications-{process}")
    assert env["QP_UNSUBSCRIBE_SECRET"] == "<QP_UNSUBSCRIBE_SECRET>", "no default signing key"
    assert env["QP_SITE_URL"] == "<QP_SITE_URL>"
    assert env["QP_PUBLIC_BASE_URL"] == "<QP_SITE_URL>/notifications"


def test_no_process_is_told_a_loopback_address_for_links() -> None:
    told = {
        (name, key, value)
        for name in compose()["services"]
        for key, value in environment(name).items()
        if key.endswith("_URL") and key != "QP_DATABASE_URL"
    }
    assert told, "the notifications processes are told their public URLs"
    assert not [entry for entry in told if any(host in entry[2] for host in LOOPBACK)], told


def test_the_broker_advertises_the_address_the_services_use_and_creates_no_topics() -> None:
    kafka = environment("kafka")
    assert "INTERNAL://kafka:9092" in kafka["KAFKA_ADVERTISED_LISTENERS"].split(",")
    assert kafka["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    assert kafka["KAFKA_CONTROLLER_QUORUM_VOTERS"] == f"{kafka['KAFKA_NODE_ID']}@kafka:9093"


def test_prometheus_scrapes_every_web_and_worker_process() -> None:
    targets = set().union(*scrape_targets().values())
    expected = (
        {f"{name}-web:8000" for name in SERVICES}
        | {
            f"{name}-worker:{environment(f'{name}-worker')['QP_WORKER_METRICS_PORT']}"
            for name in SERVICES
        }
        | {"frontend:8000"}
    )
    assert targets == expected
    assert {target.partition(":")[0] for target in targets} <= set(compose()["services"])


def test_prometheus_loads_the_alert_rules_the_project_tests() -> None:
    assert (
        "./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro"
        in (service("prometheus")["volumes"])
    )


def test_only_web_processes_share_metrics_through_a_directory() -> None:
    for name in SERVICES:
        assert "PROMETHEUS_MULTIPROC_DIR" in environment(f"{name}-web")
        assert "PROMETHEUS_MULTIPROC_DIR" not in environment(f"{name}-worker")


def test_ports_are_published_on_this_machine_only_and_never_twice() -> None:
    published = [
        str(port)
        for definition in compose()["services"].values()
        for port in definition.get("ports", [])
    ]
    assert all(port.startswith("127.0.0.1:") for port in published), published
    host_ports = [port.split(":")[1] for port in published]
    assert len(host_ports) == len(set(host_ports)), host_ports


@pytest.mark.parametrize(
    "name", ["kafka", "postgres", "gateway"] + [f"{s}-{p}" for s in SERVICES for p in PROCESSES]
)
def test_long_running_processes_report_their_health(name: str) -> None:
    assert service(name)["healthcheck"]["test"][0] in {"CMD", "CMD-SHELL"}


def test_the_gateway_starts_once_every_web_process_is_healthy_and_mounts_its_config() -> None:
    gateway = service("gateway")
    assert {name: d["condition"] for name, d in gateway["depends_on"].items()} == {
        **{f"{name}-web": "service_healthy" for name in SERVICES},
        "frontend": "service_healthy",
    }
    assert "./deploy/nginx/container.conf:/etc/nginx/nginx.conf:ro" in gateway["volumes"]


@pytest.mark.parametrize("name", SERVICES)
@pytest.mark.parametrize("process", PROCESSES)
def test_every_service_process_sends_its_traces_to_jaeger(name: str, process: str) -> None:
    assert environment(f"{name}-{process}")["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://jaeger:4318"
    assert service("jaeger")["image"].startswith("jaegertracing/jaeger:2.")
    assert "127.0.0.1:16686:16686" in service("jaeger")["ports"]
