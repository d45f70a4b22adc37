"""Declare the platform's topics on the broker, with their partitions and compaction."""

import contextlib
import logging

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from qplatform.config import Settings
from qplatform.events import CATALOG, Catalog
from qplatform.messaging.security import client_security

log = logging.getLogger(__name__)


# Analysts replay the public streams from the beginning, so events are kept for good;
# compacted topics keep each key's newest record until its tombstone.
KEEP_FOREVER = -1
DEAD_LETTER_RETENTION_MS = 30 * 24 * 3600 * 1000
# A replayed record is a copy, handled within seconds by a running worker; a day covers a
# worker that was down, and keeps a copy of an erased member's record no longer than that.
REPLAY_RETENTION_MS = 24 * 3600 * 1000
COMPACTION_GRACE_MS = 7 * 24 * 3600 * 1000


def topic_configs(compacted: bool) -> dict[str, str]:
    """Return the broker settings of a catalog topic."""
    if compacted:
        # A consumer up to a week behind still sees every record and every tombstone:
        # compaction may not drop a record younger than that, nor a tombstone sooner.
        return {
            "cleanup.policy": "compact",
            "min.compaction.lag.ms": str(COMPACTION_GRACE_MS),
            "delete.retention.ms": str(COMPACTION_GRACE_MS),
        }
    return {"cleanup.policy": "delete", "retention.ms": str(KEEP_FOREVER)}


def replay_topic(settings: Settings) -> str:
    """Return the topic that only this service reads, where its dead letters are replayed."""
    return settings.topic(f"replay.{settings.service}")


def declared_topics(settings: Settings, catalog: Catalog = CATALOG) -> list[NewTopic]:
    """Return every topic of the catalog, plus this service's dead-letter and replay topics."""
    topics = [
        NewTopic(
            settings.topic(topic.name),
            num_partitions=settings.topic_partitions,
            replication_factor=settings.topic_replication,
            topic_configs=topic_configs(topic.compacted),
        )
        for topic in catalog.topics()
    ]
    topics.append(
        NewTopic(
            settings.dead_letter_topic,
            num_partitions=1,
            replication_factor=settings.topic_replication,
            topic_configs={"retention.ms": str(DEAD_LETTER_RETENTION_MS)},
        )
    )
    topics.append(
        NewTopic(
            replay_topic(settings),
            num_partitions=1,
            replication_factor=settings.topic_replication,
            topic_configs={"retention.ms": str(REPLAY_RETENTION_MS)},
        )
    )
    return topics


def ensure_topics(settings: Settings, catalog: Catalog = CATALOG) -> None:
    """Create whichever declared topics do not exist yet."""
    admin = KafkaAdminClient(
        bootstrap_servers=settings.kafka_bootstrap,
        client_id="qp-admin",
        request_timeout_ms=5000,
        bootstrap_timeout_ms=5000,
        **client_security(settings),
    )
    try:
        # The broker lists only topics this principal may read or write; creating one that
        # exists (declared by another process, or hidden from this one) is no error.
        existing = set(admin.list_topics())
        missing = [t for t in declared_topics(settings, catalog) if t.name not in existing]
        created = []
        for topic in missing:
            with contextlib.suppress(TopicAlreadyExistsError):
                admin.create_topics([topic])
                created.append(topic.name)
        if created:
            log.info("declared topics", extra={"topics": created})
    finally:
        admin.close()
