"""Settings of one process, read from the environment in one place.

Every variable has a default that works on a laptop; the README lists them all.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


@dataclass(frozen=True)
class Settings:
    """What one service process needs to know about its surroundings."""

    service: str
    database_url: str
    kafka_bootstrap: str = "127.0.0.1:9092"
    topic_prefix: str = "q."
    topic_partitions: int = 3
    topic_replication: int = 1
    staff_token: str = "dev-staff-token"
    token_secret: str = "dev-token-secret-change-me-outside-a-laptop"
    previous_token_secret: str = ""
    password_link_secret: str = "dev-password-link-secret-change-me-outside-a-laptop"
    access_token_seconds: int = 900
    log_level: str = "INFO"
    max_handler_attempts: int = 3
    early_event_wait_seconds: float = 600.0
    relay_batch_size: int = 1000
    outbox_retention_hours: int = 168
    idle_poll_seconds: float = 0.2
    worker_metrics_port: int = 0
    worker_metrics_host: str = "127.0.0.1"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 8025
    mail_from: str = "Q Community <hello@q.health.org.uk>"
    # Kafka sign-in: each process is one principal, whose ACLs say what it may do.
    kafka_security_protocol: str = "SASL_PLAINTEXT"
    kafka_sasl_mechanism: str = "SCRAM-SHA-512"
    kafka_username: str = ""
    kafka_password: str = field(default="", repr=False)
    kafka_ca_file: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)
    # Deployment: the mode, the public address behind the gateway, and who the gateway is.
    environment: str = "development"
    public_url: str = "http://127.0.0.1:8080"
    # Loopback and private networks: where a gateway or load balancer runs, never a client.
    trusted_proxies: tuple[str, ...] = (
        "127.0.0.0/8",
        "::1",
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "fc00::/7",
    )

    @classmethod
    def from_env(
        cls, service: str, env: Mapping[str, str] | None = None, **overrides: Any
    ) -> "Settings":
        """Read the settings of `service` from `env` (the process environment by default)."""
        env = os.environ if env is None else env
        data_dir = Path(env.get("QP_DATA_DIR", ".run/data"))
        default_db = f"sqlite:///{data_dir / (service + '.db')}"
        values: dict[str, Any] = {
            "service": service,
            "database_url": env.get("QP_DATABASE_URL", default_db),
            "kafka_bootstrap": env.get("QP_KAFKA_BOOTSTRAP", cls.kafka_bootstrap),
            "topic_prefix": env.get("QP_TOPIC_PREFIX", cls.topic_prefix),
            "topic_partitions": int(env.get("QP_TOPIC_PARTITIONS", cls.topic_partitions)),
            "topic_replication": int(env.get("QP_TOPIC_REPLICATION", cls.topic_replication)),
            "staff_token": env.get("QP_STAFF_TOKEN", cls.staff_token),
            "token_secret": env.get("QP_TOKEN_SECRET", cls.token_secret),
            "previous_token_secret": env.get("QP_TOKEN_PREVIOUS_SECRET", ""),
            "password_link_secret": env.get("QP_PASSWORD_LINK_SECRET", cls.password_link_secret),
            "access_token_seconds": int(
                env.get("QP_ACCESS_TOKEN_SECONDS", cls.access_token_seconds)
            ),
            "log_level": env.get("QP_LOG_LEVEL", cls.log_level),
            "max_handler_attempts": int(
                env.get("QP_MAX_HANDLER_ATTEMPTS", cls.max_handler_attempts)
            ),
            "early_event_wait_seconds": float(
                env.get("QP_EARLY_EVENT_WAIT_SECONDS", cls.early_event_wait_seconds)
            ),
            "relay_batch_size": int(env.get("QP_RELAY_BATCH_SIZE", cls.relay_batch_size)),
            "outbox_retention_hours": int(
                env.get("QP_OUTBOX_RETENTION_HOURS", cls.outbox_retention_hours)
            ),
            "idle_poll_seconds": float(env.get("QP_IDLE_POLL_SECONDS", cls.idle_poll_seconds)),
            "worker_metrics_port": int(env.get("QP_WORKER_METRICS_PORT", cls.worker_metrics_port)),
            "worker_metrics_host": env.get("QP_WORKER_METRICS_HOST", cls.worker_metrics_host),
            "smtp_host": env.get("QP_SMTP_HOST", cls.smtp_host),
            "smtp_port": int(env.get("QP_SMTP_PORT", cls.smtp_port)),
            "mail_from": env.get("QP_MAIL_FROM", cls.mail_from),
            **_deployment(env),
            **_kafka_sign_in(service, env),
        }
        settings = replace(cls(**values), **overrides)
        refuse_development_secrets(settings, env)
        return settings

    @property
    def kafka_principal(self) -> str:
        """Return the name this process signs in to Kafka with."""
        return self.kafka_username or self.service

    def topic(self, name: str) -> str:
        """Return the Kafka topic name of the logical topic `name`."""
        return f"{self.topic_prefix}{name}"

    @property
    def dead_letter_topic(self) -> str:
        """Return the topic where this service's consumer parks events it cannot handle."""
        return self.topic(f"dead-letter.{self.service}")

    @property
    def consumer_group(self) -> str:
        """Return the one consumer group of this service."""
        return f"{self.topic_prefix}{self.service}"

    @property
    def in_development(self) -> bool:
        """Tell whether this process runs on a laptop, where development secrets are fine."""
        return self.environment == DEVELOPMENT

    def public_url_of(self, path: str) -> str:
        """Return the address the public reaches this service's `path` at, through the gateway."""
        return f"{self.public_url.rstrip('/')}/{self.service}{path}"


DEVELOPMENT = "development"
UNSUBSCRIBE_SECRET_DEFAULT = "dev-unsubscribe-secret-change-me-outside-a-laptop"
TOKEN_SECRET_MIN_BYTES = 32


class DevelopmentSecretInUse(ValueError):
    """A process outside development mode was given a secret everyone knows."""


def _deployment(env: Mapping[str, str]) -> dict[str, Any]:
    proxies = env.get("QP_TRUSTED_PROXIES", ",".join(Settings.trusted_proxies))
    return {
        "environment": env.get("QP_ENV", DEVELOPMENT).strip().lower() or DEVELOPMENT,
        "public_url": env.get("QP_PUBLIC_URL", Settings.public_url).rstrip("/"),
        "trusted_proxies": tuple(p.strip() for p in proxies.split(",") if p.strip()),
    }


def refuse_development_secrets(settings: Settings, env: Mapping[str, str]) -> None:
    """Refuse to run outside development with a secret that ships in the source."""
    if settings.in_development:
        return
    public = "its development value is public"
    problems = {
        "QP_STAFF_TOKEN": settings.staff_token == Settings.staff_token and public,
        "QP_TOKEN_SECRET": (settings.token_secret == Settings.token_secret and public)
        or (
            len(settings.token_secret.encode()) < TOKEN_SECRET_MIN_BYTES
            and f"it must be at least {TOKEN_SECRET_MIN_BYTES} bytes"
        ),
        # Only notifications signs unsubscribe links.
        "QP_UNSUBSCRIBE_SECRET": settings.service == "notifications"
        and env.get("QP_UNSUBSCRIBE_SECRET", "") in ("", UNSUBSCRIBE_SECRET_DEFAULT)
        and public,
        # Only membership and notifications make password links.
        "QP_PASSWORD_LINK_SECRET": settings.service in ("membership", "notifications")
        and settings.password_link_secret == Settings.password_link_secret
        and public,
        "QP_KAFKA_PASSWORD": settings.kafka_security_protocol.startswith("SASL")
        and settings.kafka_password == development_kafka_password(settings.kafka_principal)
        and public,
    }
    for variable, problem in problems.items():
        if problem:
            raise DevelopmentSecretInUse(
                f"{variable} must be set to a secret of your own when QP_ENV is "
                f"'{settings.environment}': {problem}"
            )


def development_kafka_password(principal: str) -> str:
    """Return the password `principal` has on a laptop's broker (deploy/kafka/broker.sh)."""
    return f"{principal}-dev-kafka-password"


# Where `qp-acls users` finds each principal's password when it sets up a broker's users.
KAFKA_USER_PASSWORDS = {
    "membership": "QP_KAFKA_PASSWORD_MEMBERSHIP",
    "events": "QP_KAFKA_PASSWORD_EVENTS",
    "matching": "QP_KAFKA_PASSWORD_MATCHING",
    "notifications": "QP_KAFKA_PASSWORD_NOTIFICATIONS",
    "collaboration": "QP_KAFKA_PASSWORD_COLLABORATION",
    "analysts": "QP_KAFKA_PASSWORD_ANALYSTS",
    "admin": "QP_KAFKA_PASSWORD_ADMIN",
}


def kafka_user_passwords(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return the password of each principal a broker's users step creates."""
    env = os.environ if env is None else env
    return {
        principal: env.get(variable, development_kafka_password(principal))
        for principal, variable in KAFKA_USER_PASSWORDS.items()
    }


def _kafka_sign_in(service: str, env: Mapping[str, str]) -> dict[str, str]:
    # On a laptop every service signs in as itself with its development password.
    username = env.get("QP_KAFKA_USERNAME", service)
    return {
        "kafka_security_protocol": env.get(
            "QP_KAFKA_SECURITY_PROTOCOL", Settings.kafka_security_protocol
        ),
        "kafka_sasl_mechanism": env.get("QP_KAFKA_SASL_MECHANISM", Settings.kafka_sasl_mechanism),
        "kafka_username": username,
        "kafka_password": env.get("QP_KAFKA_PASSWORD", development_kafka_password(username)),
        "kafka_ca_file": env.get("QP_KAFKA_CA_FILE", ""),
    }


ServiceConfig = TypeVar("ServiceConfig", bound="DataclassInstance")


def read_service_config(
    config: type[ServiceConfig],
    names: Mapping[str, str],
    settings: Settings,
    env: Mapping[str, str] | None = None,
) -> ServiceConfig:
    """Read a service's own settings dataclass: its defaults, then the environment variables
    `names` maps its fields to, then `settings.extra` (used by tests)."""
    env = os.environ if env is None else env
    types = {item.name: item.type for item in fields(config)}
    values: dict[str, Any] = {
        name: _parse(types[name], env[variable])
        for name, variable in names.items()
        if variable in env
    }
    values.update({name: value for name, value in settings.extra.items() if name in names})
    return replace(config(), **values)


def _parse(kind: object, raw: str) -> Any:
    if kind in (bool, "bool"):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if kind in (int, "int"):
        return int(raw)
    if kind in (float, "float"):
        return float(raw)
    return raw
