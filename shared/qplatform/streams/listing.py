"""List the catalog's topics and event types next to what the broker holds."""

from collections.abc import Mapping
from typing import Any

from kafka import KafkaConsumer, TopicPartition

from qplatform.events import CATALOG, Catalog


def broker_topics(bootstrap: str, prefix: str, security: Mapping[str, Any]) -> dict[str, int]:
    """Return each topic under `prefix` that the reader may see, with how many records it holds."""
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap, group_id=None, client_id="qp-streams", **security
    )
    try:
        names = sorted(t for t in consumer.topics() if t.startswith(prefix))
        partitions = [
            TopicPartition(name, p) for name in names for p in consumer.partitions_for_topic(name)
        ]
        starts = consumer.beginning_offsets(partitions)
        ends = consumer.end_offsets(partitions)
    finally:
        consumer.close()
    counts = dict.fromkeys(names, 0)
    for partition in partitions:
        counts[partition.topic] += ends[partition] - starts[partition]
    return counts


def stream_lines(counts: dict[str, int], prefix: str, catalog: Catalog = CATALOG) -> list[str]:
    """Describe every topic of the catalog and of the broker, one block per topic."""
    lines = []
    for topic in catalog.topics():
        address = f"{prefix}{topic.name}"
        access = "restricted: not readable" if topic.restricted else "public"
        if topic.restricted:
            # The broker hides a restricted topic from analysts: whether it exists is unknown.
            lines.append(f"{address}  [{access}; key: {topic.key}]")
        else:
            held = f"{counts[address]} records" if address in counts else "not on this broker"
            lines.append(f"{address}  [{access}; key: {topic.key}; {held}]")
        lines += [
            f"    {s.type} v{s.version}  from {s.producer}: {s.description}"
            for s in catalog.specs()
            if s.topic == topic
        ]
    known = {f"{prefix}{t.name}" for t in catalog.topics()}
    lines += [
        f"{name}  [not in the catalog: not readable; {count} records]"
        for name, count in counts.items()
        if name not in known
    ]
    return lines


def list_streams(bootstrap: str, prefix: str, security: Mapping[str, Any]) -> None:
    """Print the catalog's topics and event types, with what the broker holds of each."""
    print("\n".join(stream_lines(broker_topics(bootstrap, prefix, security), prefix)))
