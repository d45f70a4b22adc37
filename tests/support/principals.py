"""Sign test clients in to the test broker as one of the platform's principals."""

from typing import Any

from qplatform.config import Settings, development_kafka_password
from qplatform.messaging.security import client_security

ADMIN = "admin"
# Settings overrides for a process that is no service of the platform (a test's toy).
AS_OPERATOR = {"kafka_username": ADMIN, "kafka_password": development_kafka_password(ADMIN)}


def signed_in_as(principal: str) -> dict[str, Any]:
    """Return a client's keyword arguments that sign in as `principal` on a laptop's broker."""
    return client_security(Settings.from_env(principal, env={}, database_url="sqlite://"))
