"""Notifications' own settings, read from the environment in one place."""

from collections.abc import Mapping
from dataclasses import dataclass

from qplatform.config import Settings, read_service_config

_ENV_NAMES = {
    "smtp_username": "QP_SMTP_USERNAME",
    "smtp_password": "QP_SMTP_PASSWORD",
    "smtp_starttls": "QP_SMTP_STARTTLS",
    "smtp_ca_file": "QP_SMTP_CA_FILE",
    "smtp_timeout_seconds": "QP_SMTP_TIMEOUT_SECONDS",
    "mail_rate_per_second": "QP_MAIL_RATE_PER_SECOND",
    "mail_senders": "QP_MAIL_SENDERS",
    "mail_interrupted_after_seconds": "QP_MAIL_INTERRUPTED_AFTER_SECONDS",
    "mail_max_attempts": "QP_MAIL_MAX_ATTEMPTS",
    "mail_retry_initial_seconds": "QP_MAIL_RETRY_INITIAL_SECONDS",
    "mail_retry_max_seconds": "QP_MAIL_RETRY_MAX_SECONDS",
    "soft_bounce_limit": "QP_SOFT_BOUNCE_LIMIT",
    "unsubscribe_secret": "QP_UNSUBSCRIBE_SECRET",
    "public_base_url": "QP_PUBLIC_BASE_URL",
    "site_url": "QP_SITE_URL",
    "digest_day": "QP_DIGEST_DAY",
    "digest_hour_utc": "QP_DIGEST_HOUR_UTC",
    "schedule_check_seconds": "QP_SCHEDULE_CHECK_SECONDS",
}


@dataclass(frozen=True)
class MailConfig:
    """How notifications reaches the mail server, paces and retries mail, and links back."""

    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    smtp_ca_file: str = ""
    smtp_timeout_seconds: float = 10.0
    mail_rate_per_second: float = 10.0
    mail_senders: int = 4
    mail_interrupted_after_seconds: float = 120.0
    mail_max_attempts: int = 8
    mail_retry_initial_seconds: float = 30.0
    mail_retry_max_seconds: float = 3600.0
    soft_bounce_limit: int = 3
    unsubscribe_secret: str = "dev-unsubscribe-secret-change-me-outside-a-laptop"
    public_base_url: str = "http://127.0.0.1:8080/notifications"
    site_url: str = "http://127.0.0.1:8080"
    digest_day: int = 1
    digest_hour_utc: int = 8
    schedule_check_seconds: float = 60.0

    @classmethod
    def of(cls, settings: Settings, env: Mapping[str, str] | None = None) -> "MailConfig":
        """Read the environment, then let `settings.extra` (used by tests) override it."""
        return read_service_config(cls, _ENV_NAMES, settings, env)
