"""Generate the reference docs from the code: the event catalog and each service's OpenAPI spec.

`qp-docs` writes them under docs/ (events.md, asyncapi.yaml, openapi/*.json) and refreshes
the schema snapshot under schemas/; a test fails when the committed copies drift.
"""

import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from marshmallow import fields

from qplatform.events import CATALOG, EventSpec, Topic
from qplatform.events.asyncapi import asyncapi_document
from qplatform.events.compatibility import IncompatibleChange, refresh

SERVICES = ("membership", "events", "matching", "notifications", "collaboration")


def consumers_of(spec: EventSpec) -> list[str]:
    """Return the services whose handlers take `spec`'s type and version."""
    found = []
    for service in SERVICES:
        try:
            module = importlib.import_module(f"{service}.service_layer.handlers")
        except ModuleNotFoundError:
            continue
        if (spec.type, spec.version) in getattr(module, "EVENT_HANDLERS", {}):
            found.append(service)
    return found


def event_catalog_markdown() -> str:
    """Render every topic and event type of the catalog as Markdown."""
    lines = [
        "# Event catalog",
        "",
        "Generated from the code's own schemas by `make docs`; do not edit by hand.",
        "",
        "Every event travels in the envelope `id`, `type`, `version`, `source`, `time`, "
        "`subject`, `correlation_id`, `data`; the type, version, id and correlation id "
        "also travel as Kafka headers (`event-type`, `event-version`, `event-id`, "
        "`correlation-id`). Topic names below carry the default prefix `q.`.",
        "",
        "The same catalog, machine-readable, is `docs/asyncapi.yaml` (AsyncAPI 3.0). The "
        "committed JSON Schema of every event type and version is under `schemas/events/`; "
        "a test fails when a change would break its consumers without a new version. "
        "Analysts read public topics with `qp-streams` (see `analysis/README.md`).",
        "",
    ]
    for topic in CATALOG.topics():
        lines += [
            f"## `q.{topic.name}`",
            "",
            topic.description,
            "",
            f"- key: {topic.key}",
            f"- access: {_access(topic)}",
            f"- retention: {'compacted (newest record per key)' if topic.compacted else 'forever'}",
            "",
        ]
        for spec in (s for s in CATALOG.specs() if s.topic == topic):
            lines += _event_section(spec)
    return "\n".join(lines).rstrip() + "\n"


def _event_section(spec: EventSpec) -> list[str]:
    consumers = ", ".join(consumers_of(spec)) or "none yet"
    lines = [
        f"### `{spec.type}` v{spec.version}",
        "",
        spec.description,
        "",
        f"Produced by {spec.producer}; consumed by {consumers}.",
        "",
        "| field | type | required | description | example |",
        "|---|---|---|---|---|",
    ]
    for name, field in spec.schema().fields.items():
        example = json.dumps(field.metadata.get("example"))
        lines.append(
            f"| `{name}` | {_type_name(field)} | {'yes' if field.required else 'no'} "
            f"| {field.metadata.get('description', '')} | `{example}` |"
        )
    return [*lines, ""]


JSON_TYPES = {
    fields.AwareDateTime: "date-time (RFC 3339, UTC)",
    fields.Email: "email address",
    fields.Integer: "integer",
    fields.Boolean: "boolean",
    fields.String: "string",
}


def _type_name(field: fields.Field) -> str:
    if isinstance(field, fields.List):
        name = f"list of {_type_name(field.inner)}"
    else:
        name = next((n for kind, n in JSON_TYPES.items() if isinstance(field, kind)), "object")
    return name + (" or null" if field.allow_none else "")


def openapi_spec(service: str) -> str:
    """Return `service`'s OpenAPI document as stable, indented JSON."""
    web = importlib.import_module(f"{service}.entrypoints.web")
    app = web.create_app({"database_url": "sqlite://"})
    with app.app_context():
        spec = app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()
    app.extensions["qplatform"].close()
    return json.dumps(spec, indent=2, sort_keys=True) + "\n"


def asyncapi_yaml() -> str:
    """Return the AsyncAPI 3 document of the catalog as YAML, every part spelled out."""
    import yaml  # a documentation-time dependency only

    class _PlainDumper(yaml.SafeDumper):
        def ignore_aliases(self, data: object) -> bool:
            return True

    document = asyncapi_document(CATALOG, consumers_of)
    header = "# Generated from the code's own schemas by `make docs`; do not edit by hand.\n"
    text = yaml.dump(document, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100)
    return header + text


def generated(root: Path) -> dict[Path, str]:
    """Return every generated document by its path under `root`."""
    documents = {
        root / "docs" / "events.md": event_catalog_markdown(),
        root / "docs" / "asyncapi.yaml": asyncapi_yaml(),
    }
    for service in SERVICES:
        documents[root / "docs" / "openapi" / f"{service}.json"] = openapi_spec(service)
    return documents


def main(argv: Sequence[str] | None = None) -> None:
    """Write the generated docs and refresh the schema snapshot under the directory given."""
    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(args[0]) if args else Path.cwd()
    try:
        snapshots = refresh(root, CATALOG)
    except IncompatibleChange as error:
        sys.exit(f"qp-docs: {error}")
    for path, text in generated(root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        print(f"wrote {path.relative_to(root)}")
    for path in snapshots:
        print(f"wrote {path.relative_to(root)}")


def _access(topic: Topic) -> str:
    return "restricted (only the services that consume it)" if topic.restricted else "public"
