"""Who may do what on the broker, derived from the catalog and each service's handlers.

A service writes the topics of the event types it produces and its dead-letter and replay
topics, reads the topics its handlers consume (and those two of its own), and commits
offsets only in its own group. Analysts read the public topics. A restricted topic is read
only by the services its catalog entry names as readers (notifications alone for contact
details): a rule that would let anyone else read one is refused here, before it reaches the
broker.

Every service may create the catalog's topics (creating grants no reading or writing), so
whichever worker starts first declares them.
"""

import importlib
from collections.abc import Iterable
from dataclasses import dataclass

from qplatform.errors import PlatformError
from qplatform.events import CATALOG, Catalog

SERVICES = ("membership", "events", "matching", "notifications", "collaboration")
ANALYSTS = "analysts"
# qp-streams reads under no group, or under its own `qp-streams.NAME` (never a service's).
ANALYST_GROUP_PREFIX = "qp-streams."


class UnsafeGrant(PlatformError):
    """A rule would let someone the catalog does not name read a restricted topic."""


@dataclass(frozen=True, order=True)
class Grant:
    """One allowed operation of one principal on a topic or group, by name or name prefix."""

    principal: str
    operation: str
    resource: str
    name: str
    prefixed: bool = False

    def describe(self) -> str:
        """Say the rule in one line, the way `kafka-acls --list` would."""
        pattern = "PREFIXED" if self.prefixed else "LITERAL"
        return f"User:{self.principal} {self.operation} {self.resource}:{pattern}:{self.name}"


def produced_topics(service: str, catalog: Catalog = CATALOG) -> set[str]:
    """Return the logical topics that carry the event types `service` produces."""
    return {spec.topic.name for spec in catalog.specs() if spec.producer == service}


def consumed_topics(service: str, catalog: Catalog = CATALOG) -> set[str]:
    """Return the logical topics that `service`'s handlers (and tombstone handlers) read."""
    try:
        module = importlib.import_module(f"{service}.service_layer.handlers")
    except ModuleNotFoundError:
        return set()
    handled = getattr(module, "EVENT_HANDLERS", {})
    topics = {catalog.spec(type, version).topic.name for type, version in handled}
    return topics | set(getattr(module, "TOMBSTONE_HANDLERS", {}))


def service_grants(service: str, prefix: str, catalog: Catalog = CATALOG) -> list[Grant]:
    """Return what `service` may do on the topics and group under `prefix`."""
    # Its own topics: where it notes dead letters, and where they are replayed to it alone.
    own = {f"{prefix}dead-letter.{service}", f"{prefix}replay.{service}"}
    writes = {f"{prefix}{name}" for name in produced_topics(service, catalog)} | own
    reads = {f"{prefix}{name}" for name in consumed_topics(service, catalog)} | own
    creates = {f"{prefix}{topic.name}" for topic in catalog.topics()} | own
    return sorted(
        [Grant(service, "WRITE", "topic", name) for name in writes]
        + [Grant(service, "READ", "topic", name) for name in reads]
        + [Grant(service, "CREATE", "topic", name) for name in creates]
        + [Grant(service, "READ", "group", f"{prefix}{service}")]
    )


def analyst_grants(prefix: str, catalog: Catalog = CATALOG) -> list[Grant]:
    """Return what analysts may do: read every public topic under `prefix`, in their groups."""
    public = [topic for topic in catalog.topics() if not topic.restricted]
    return sorted(
        [Grant(ANALYSTS, "READ", "topic", f"{prefix}{topic.name}") for topic in public]
        + [Grant(ANALYSTS, "READ", "group", ANALYST_GROUP_PREFIX, prefixed=True)]
    )


def platform_grants(prefix: str, catalog: Catalog = CATALOG) -> list[Grant]:
    """Return every rule of one platform whose topics and groups start with `prefix`."""
    grants = [g for service in SERVICES for g in service_grants(service, prefix, catalog)]
    grants += analyst_grants(prefix, catalog)
    check_restricted(grants, prefix, catalog)
    return grants


def grants_under(prefix: str, catalog: Catalog = CATALOG) -> list[Grant]:
    """Return the rules of the platform under `prefix` that no other platform shares."""
    return [g for g in platform_grants(prefix, catalog) if g.name.startswith(prefix)]


def check_restricted(grants: Iterable[Grant], prefix: str, catalog: Catalog = CATALOG) -> None:
    """Refuse any rule that lets a principal the catalog does not name read a restricted topic."""
    readers = {
        f"{prefix}{topic.name}": topic.readers for topic in catalog.topics() if topic.restricted
    }
    for grant in grants:
        if grant.resource != "topic" or grant.operation != "READ":
            continue
        for name, allowed in readers.items():
            reaches = name.startswith(grant.name) if grant.prefixed else grant.name == name
            if reaches and grant.principal not in allowed:
                raise UnsafeGrant(f"{grant.describe()} would read a restricted topic")
