"""A service outside development mode will not start with a secret that ships in the source."""

import pytest

from events.entrypoints.web import create_app
from qplatform.config import DevelopmentSecretInUse, Settings
from qplatform.services import SERVICES

OWN = {
    "QP_ENV": "production",
    "QP_STAFF_TOKEN": "s" * 40,
    "QP_TOKEN_SECRET": "t" * 40,
    "QP_UNSUBSCRIBE_SECRET": "u" * 40,
    "QP_PASSWORD_LINK_SECRET": "p" * 40,
    "QP_KAFKA_PASSWORD": "k" * 40,
}


@pytest.mark.parametrize(
    ("service", "changes", "named"),
    [
        ("membership", {"QP_STAFF_TOKEN": None}, "QP_STAFF_TOKEN"),
        ("events", {"QP_STAFF_TOKEN": "dev-staff-token"}, "QP_STAFF_TOKEN"),
        ("matching", {"QP_TOKEN_SECRET": None}, "QP_TOKEN_SECRET"),
        (
            "membership",
            {"QP_TOKEN_SECRET": "dev-token-secret-change-me-outside-a-laptop"},
            "QP_TOKEN_SECRET",
        ),
        ("events", {"QP_TOKEN_SECRET": "short"}, "QP_TOKEN_SECRET"),
        ("notifications", {"QP_UNSUBSCRIBE_SECRET": None}, "QP_UNSUBSCRIBE_SECRET"),
        (
            "notifications",
            {"QP_UNSUBSCRIBE_SECRET": "dev-unsubscribe-secret-change-me-outside-a-laptop"},
            "QP_UNSUBSCRIBE_SECRET",
        ),
        ("events", {"QP_ENV": "staging", "QP_STAFF_TOKEN": None}, "QP_STAFF_TOKEN"),
        ("membership", {"QP_PASSWORD_LINK_SECRET": None}, "QP_PASSWORD_LINK_SECRET"),
        ("notifications", {"QP_PASSWORD_LINK_SECRET": None}, "QP_PASSWORD_LINK_SECRET"),
        ("matching", {"QP_KAFKA_PASSWORD": None}, "QP_KAFKA_PASSWORD"),
        (
            "events",
            {"QP_KAFKA_PASSWORD": "events-dev-kafka-password"},
            "QP_KAFKA_PASSWORD",
        ),
    ],
)
def test_a_deployment_refuses_a_development_secret_and_names_it(
    service: str, changes: dict[str, str | None], named: str
) -> None:
    env = {k: v for k, v in {**OWN, **changes}.items() if v is not None}
    with pytest.raises(DevelopmentSecretInUse, match=named):
        Settings.from_env(service, env)


@pytest.mark.parametrize("service", SERVICES)
def test_a_deployment_with_its_own_secrets_starts(service: str) -> None:
    assert not Settings.from_env(service, OWN).in_development


def test_a_laptop_runs_with_the_development_secrets() -> None:
    assert Settings.from_env("notifications", {}).in_development


def test_the_web_process_of_a_deployment_will_not_start_with_a_development_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("QP_ENV", "production")
    monkeypatch.delenv("QP_STAFF_TOKEN", raising=False)
    with pytest.raises(DevelopmentSecretInUse, match="QP_STAFF_TOKEN"):
        create_app({"database_url": "sqlite://"})


@pytest.mark.parametrize(
    ("env", "url"),
    [
        ({}, "http://127.0.0.1:8080/events/calendars/x.ics"),
        (
            {"QP_PUBLIC_URL": "https://q.example.org/"},
            "https://q.example.org/events/calendars/x.ics",
        ),
    ],
)
def test_public_addresses_come_from_the_configured_public_url(
    env: dict[str, str], url: str
) -> None:
    assert Settings.from_env("events", env).public_url_of("/calendars/x.ics") == url
