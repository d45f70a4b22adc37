"""How every Kafka client of a process proves who it is: one set of keyword arguments.

Each service signs in as its own principal (its name), analysts as `analysts`, operators
as `admin`; the broker's ACLs say what each may do (see qplatform.messaging.acls).
"""

from typing import Any

from qplatform.config import Settings

SASL_PROTOCOLS = frozenset({"SASL_PLAINTEXT", "SASL_SSL"})
TLS_PROTOCOLS = frozenset({"SSL", "SASL_SSL"})


def client_security(settings: Settings) -> dict[str, Any]:
    """Return the keyword arguments that sign a kafka-python client in as `settings` says."""
    protocol = settings.kafka_security_protocol
    kwargs: dict[str, Any] = {"security_protocol": protocol}
    if protocol in SASL_PROTOCOLS:
        kwargs |= {
            "sasl_mechanism": settings.kafka_sasl_mechanism,
            "sasl_plain_username": settings.kafka_principal,
            "sasl_plain_password": settings.kafka_password,
        }
    if protocol in TLS_PROTOCOLS and settings.kafka_ca_file:
        kwargs["ssl_cafile"] = settings.kafka_ca_file
    return kwargs
