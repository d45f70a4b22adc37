"""The website's settings, read from the environment in one place, with laptop defaults."""

import os
from dataclasses import dataclass

DEVELOPMENT_SECRET = "development-website-secret-change-me-outside-a-laptop"


@dataclass(frozen=True)
class WebsiteSettings:
    """Where the gateway answers and how the member's session cookie is kept."""

    gateway_url: str = "http://127.0.0.1:8080"
    site_url: str = "http://127.0.0.1:8080"
    secret_key: str = DEVELOPMENT_SECRET
    secure_cookies: bool = False
    api_timeout_seconds: float = 10.0
    api_concurrency: int = 6
    consent_version: str = "2026-01"
    comments_policy_url: str = "https://q.health.org.uk/about-q/comments-policy/"


def from_environment() -> WebsiteSettings:
    """Read the website's settings from QP_* variables."""
    defaults = WebsiteSettings()
    env = os.environ.get
    return WebsiteSettings(
        gateway_url=env("QP_GATEWAY_URL", defaults.gateway_url).rstrip("/"),
        site_url=env("QP_SITE_URL", defaults.site_url).rstrip("/"),
        secret_key=env("QP_WEBSITE_SECRET", defaults.secret_key),
        secure_cookies=env("QP_WEBSITE_SECURE_COOKIES", "false").lower() == "true",
        api_timeout_seconds=float(env("QP_WEBSITE_API_TIMEOUT_SECONDS", "10")),
        api_concurrency=int(env("QP_WEBSITE_API_CONCURRENCY", "6")),
        consent_version=env("QP_CONSENT_VERSION", defaults.consent_version),
        comments_policy_url=env("QP_COMMENTS_POLICY_URL", defaults.comments_policy_url),
    )
