"""Apply the platform's access rules to a broker: `qp-acls list|apply|revoke|users`.

`apply` creates every rule of qplatform.messaging.acls for the given topic prefixes (it is
idempotent); `revoke` removes the rules on those prefixes' topics and groups; `users` gives
every principal, the operator's included, its SCRAM password (QP_KAFKA_PASSWORD_<PRINCIPAL>,
a development one by default). It signs in as the operator's principal
(QP_KAFKA_USERNAME, `admin` by default), a super user of the broker.
"""

import argparse
from collections.abc import Iterable, Mapping, Sequence

from kafka import KafkaAdminClient
from kafka.admin import (
    ACL,
    ACLFilter,
    ACLOperation,
    ACLPermissionType,
    ACLResourcePatternType,
    ResourcePattern,
    ResourcePatternFilter,
    ResourceType,
    UserScramCredentialUpsertion,
)
from kafka.errors import NoError

from qplatform.config import Settings, kafka_user_passwords
from qplatform.errors import PlatformError
from qplatform.messaging.acls import Grant, grants_under, platform_grants
from qplatform.messaging.security import client_security

OPERATOR = "admin"
RESOURCES = {"topic": ResourceType.TOPIC, "group": ResourceType.GROUP}


class BrokerRefused(PlatformError):
    """The broker did not take a rule or a user."""


def admin_client(settings: Settings) -> KafkaAdminClient:
    """Connect an admin client as `settings`' principal."""
    return KafkaAdminClient(
        bootstrap_servers=settings.kafka_bootstrap,
        client_id="qp-acls",
        request_timeout_ms=10_000,
        bootstrap_timeout_ms=10_000,
        **client_security(settings),
    )


def apply_grants(admin: KafkaAdminClient, grants: Iterable[Grant]) -> None:
    """Create every rule of `grants` on the broker (rules already there stay as they are)."""
    result = admin.create_acls([_acl(grant) for grant in grants])
    if result.get("failed"):
        raise BrokerRefused(f"the broker refused rules: {result['failed']}")


def in_force(admin: KafkaAdminClient, grants: Iterable[Grant]) -> bool:
    """Tell whether the broker that answers already enforces every rule of `grants`.

    The controller commits new rules before each broker applies them, so a client may be
    refused for a moment after `apply_grants` returns.
    """
    everything = ACLFilter(
        principal=None,
        host=None,
        operation=ACLOperation.ANY,
        permission_type=ACLPermissionType.ANY,
        resource_pattern=ResourcePatternFilter(ResourceType.ANY, None, ACLResourcePatternType.ANY),
    )
    acls, error = admin.describe_acls(everything)
    if error is not NoError:
        raise BrokerRefused(f"the broker did not list its rules: {error}")
    present = {_key(acl) for acl in acls}
    return all(_key(_acl(grant)) in present for grant in grants)


def _key(acl: ACL) -> tuple[object, ...]:
    pattern = acl.resource_pattern
    return (
        acl.principal,
        acl.operation,
        pattern.resource_type,
        pattern.resource_name,
        pattern.pattern_type,
    )


def revoke_grants(admin: KafkaAdminClient, grants: Iterable[Grant]) -> None:
    """Delete every rule of `grants` from the broker."""
    filters = [
        ACLFilter(
            principal=f"User:{grant.principal}",
            host="*",
            operation=ACLOperation[grant.operation],
            permission_type=ACLPermissionType.ALLOW,
            resource_pattern=ResourcePatternFilter(
                RESOURCES[grant.resource], grant.name, _pattern(grant)
            ),
        )
        for grant in grants
    ]
    for _filter, _deleted, error in admin.delete_acls(filters):
        if error is not NoError:
            raise BrokerRefused(f"the broker did not delete rules: {error}")


def give_passwords(admin: KafkaAdminClient, passwords: Mapping[str, str], mechanism: str) -> None:
    """Give each principal its password (creating the SCRAM user if it is new)."""
    errors = admin.alter_user_scram_credentials(
        [UserScramCredentialUpsertion(user, mechanism, pw) for user, pw in passwords.items()]
    )
    refused = {user: error for user, error in errors.items() if error}
    if refused:
        raise BrokerRefused(f"the broker refused users: {refused}")


def _acl(grant: Grant) -> ACL:
    return ACL(
        principal=f"User:{grant.principal}",
        host="*",
        operation=ACLOperation[grant.operation],
        permission_type=ACLPermissionType.ALLOW,
        resource_pattern=ResourcePattern(RESOURCES[grant.resource], grant.name, _pattern(grant)),
    )


def _pattern(grant: Grant) -> ACLResourcePatternType:
    return ACLResourcePatternType.PREFIXED if grant.prefixed else ACLResourcePatternType.LITERAL


def main(argv: Sequence[str] | None = None) -> None:
    """List, apply or revoke the platform's rules, or set a laptop broker's users."""
    settings = Settings.from_env(OPERATOR)
    parser = argparse.ArgumentParser(prog="qp-acls", description=__doc__)
    parser.add_argument("action", choices=["list", "apply", "revoke", "users"])
    parser.add_argument("--bootstrap", default=settings.kafka_bootstrap, help="Kafka brokers")
    parser.add_argument(
        "--prefix",
        action="append",
        help=f"topic prefix of a platform (repeatable; default {settings.topic_prefix})",
    )
    args = parser.parse_args(argv)
    grants = [g for p in args.prefix or [settings.topic_prefix] for g in platform_grants(p)]
    if args.action == "list":
        print("\n".join(grant.describe() for grant in grants))
        return
    admin = admin_client(Settings.from_env(OPERATOR, kafka_bootstrap=args.bootstrap))
    try:
        if args.action == "apply":
            apply_grants(admin, grants)
        elif args.action == "revoke":
            prefixes = args.prefix or [settings.topic_prefix]
            revoke_grants(admin, [g for p in prefixes for g in grants_under(p)])
        else:
            give_passwords(admin, kafka_user_passwords(), "SCRAM-SHA-512")
    finally:
        admin.close()


if __name__ == "__main__":
    main()
