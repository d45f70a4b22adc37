"""Build the AsyncAPI 3 document of the catalog: topics, messages, producers and consumers."""

from collections.abc import Callable
from typing import Any

from qplatform.events.json_schema import envelope_schema, example_data
from qplatform.events.spec import Catalog, EventSpec, Topic
from qplatform.messaging.topics import topic_configs

KAFKA_BINDING = "0.5.0"
HEADERS = {
    "type": "object",
    "properties": {
        "event-type": {"type": "string", "description": "The envelope's type."},
        "event-version": {"type": "string", "description": "The envelope's version."},
        "event-id": {"type": "string", "description": "The envelope's id."},
        "correlation-id": {"type": "string", "description": "The envelope's correlation id."},
    },
}
Consumers = Callable[[EventSpec], list[str]]


def asyncapi_document(catalog: Catalog, consumers: Consumers, prefix: str = "q.") -> dict[str, Any]:
    """Return the AsyncAPI 3.0 document of every topic and event type in `catalog`."""
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Q Platform event streams",
            "version": "1.0.0",
            "description": (
                "Every topic and event type of Q Platform, generated from the code's own "
                "schemas. Topics are keyed by the aggregate's id; every event travels in "
                "the same envelope, and its type and version also travel as Kafka headers. "
                f"Addresses carry the default prefix `{prefix}`. Public topics carry no "
                "contact details and name nobody; restricted topics are only for the services "
                "that consume them."
            ),
        },
        "defaultContentType": "application/json",
        "servers": {
            "local": {
                "host": "127.0.0.1:9092",
                "protocol": "kafka",
                "description": "The broker `make run` starts on a laptop.",
            }
        },
        "channels": {t.name: _channel(catalog, t, prefix) for t in catalog.topics()},
        "operations": _operations(catalog, consumers, prefix),
        "components": {"messages": {_message_id(s): _message(s) for s in catalog.specs()}},
    }


def _message_id(spec: EventSpec) -> str:
    return f"{spec.type}.v{spec.version}"


def _topic_configuration(topic: Topic) -> dict[str, Any]:
    configs = topic_configs(topic.compacted)
    found: dict[str, Any] = {"cleanup.policy": [configs["cleanup.policy"]]}
    for name in ("retention.ms", "delete.retention.ms"):
        if name in configs:
            found[name] = int(configs[name])
    return found


def _channel(catalog: Catalog, topic: Topic, prefix: str) -> dict[str, Any]:
    cleanup = "compact" if topic.compacted else "delete"
    retention = "newest record per key" if topic.compacted else "forever"
    access = "restricted (only the services that consume it)" if topic.restricted else "public"
    return {
        "address": f"{prefix}{topic.name}",
        "title": topic.name,
        "description": f"{topic.description}\n\nKey: {topic.key}. Access: {access}. "
        f"Cleanup: {cleanup}; retention: {retention}.",
        "tags": [{"name": "restricted" if topic.restricted else "public"}],
        "messages": {
            _message_id(s): {"$ref": f"#/components/messages/{_message_id(s)}"}
            for s in catalog.specs()
            if s.topic == topic
        },
        "bindings": {
            "kafka": {
                "topic": f"{prefix}{topic.name}",
                "topicConfiguration": _topic_configuration(topic),
                "bindingVersion": KAFKA_BINDING,
            }
        },
    }


def _message(spec: EventSpec) -> dict[str, Any]:
    data = example_data(spec)
    example = {
        "id": "0b9f3c52-1d7e-4a8b-9c3d-2e1f0a9b8c7d",
        "type": spec.type,
        "version": spec.version,
        "source": spec.producer,
        "time": "2026-11-03T14:00:05.120000+00:00",
        "subject": data.get(spec.topic.key.replace(" ", "_"), f"<the {spec.topic.key}>"),
        "correlation_id": "6a2d4f10-8e3b-4c5a-b7d9-0f1e2d3c4b5a",
        "data": data,
    }
    return {
        "name": spec.type,
        "title": f"{spec.type} v{spec.version}",
        "summary": spec.description,
        "contentType": "application/json",
        "headers": HEADERS,
        "payload": envelope_schema(spec),
        "examples": [{"name": f"{spec.type}-v{spec.version}", "payload": example}],
        "bindings": {
            "kafka": {
                "key": {"type": "string", "description": f"The {spec.topic.key}."},
                "bindingVersion": KAFKA_BINDING,
            }
        },
    }


def _operations(catalog: Catalog, consumers: Consumers, prefix: str) -> dict[str, Any]:
    by_role: dict[tuple[str, str, str], list[EventSpec]] = {}
    for spec in catalog.specs():
        by_role.setdefault(("send", spec.producer, spec.topic.name), []).append(spec)
        for service in consumers(spec):
            by_role.setdefault(("receive", service, spec.topic.name), []).append(spec)
    return {
        f"{service}.{action}.{topic}": _operation(action, service, topic, specs, prefix)
        for (action, service, topic), specs in sorted(by_role.items(), key=_by_topic)
    }


def _by_topic(item: tuple[tuple[str, str, str], list[EventSpec]]) -> tuple[str, bool, str]:
    (action, service, topic), _ = item
    return topic, action != "send", service


def _operation(
    action: str, service: str, topic: str, specs: list[EventSpec], prefix: str
) -> dict[str, Any]:
    verb = "publishes" if action == "send" else "consumes"
    operation: dict[str, Any] = {
        "action": action,
        "title": f"{service} {verb} {topic}",
        "channel": {"$ref": f"#/channels/{topic}"},
        "messages": [{"$ref": f"#/channels/{topic}/messages/{_message_id(s)}"} for s in specs],
    }
    if action == "receive":
        operation["bindings"] = {
            "kafka": {
                "groupId": {"type": "string", "enum": [f"{prefix}{service}"]},
                "bindingVersion": KAFKA_BINDING,
            }
        }
    return operation
