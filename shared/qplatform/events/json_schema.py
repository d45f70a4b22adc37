"""Describe event schemas as JSON Schema: the payload of the catalog and of the snapshot."""

from typing import TYPE_CHECKING, Any

from marshmallow import fields, validate

if TYPE_CHECKING:
    from qplatform.events.spec import EventSpec

SCALARS: list[tuple[type[fields.Field], dict[str, Any]]] = [
    (fields.AwareDateTime, {"type": "string", "format": "date-time"}),
    (fields.DateTime, {"type": "string", "format": "date-time"}),
    (fields.Date, {"type": "string", "format": "date"}),
    (fields.Email, {"type": "string", "format": "email"}),
    (fields.UUID, {"type": "string", "format": "uuid"}),
    (fields.Url, {"type": "string", "format": "uri"}),
    (fields.String, {"type": "string"}),
    (fields.Integer, {"type": "integer"}),
    (fields.Float, {"type": "number"}),
    (fields.Decimal, {"type": "number"}),
    (fields.Boolean, {"type": "boolean"}),
    (fields.Dict, {"type": "object"}),
]

ENVELOPE_FIELDS: dict[str, dict[str, Any]] = {
    "id": {
        "type": "string",
        "description": "Unique id of this event.",
        "examples": ["0b9f3c52-1d7e-4a8b-9c3d-2e1f0a9b8c7d"],
    },
    "source": {
        "type": "string",
        "description": "Service that published it.",
        "examples": ["membership"],
    },
    "time": {
        "type": "string",
        "format": "date-time",
        "description": "When it happened (UTC, RFC 3339).",
        "examples": ["2026-11-03T14:00:05.120000+00:00"],
    },
    "subject": {
        "type": "string",
        "description": "Id of the aggregate it is about; also the Kafka key.",
        "examples": ["7f1c2e9a-5b4d-4c1e-9a51-0c6d3f2b8e11"],
    },
    "correlation_id": {
        "type": "string",
        "description": "Id shared by every event caused by one request.",
        "examples": ["6a2d4f10-8e3b-4c5a-b7d9-0f1e2d3c4b5a"],
    },
}


def data_schema(spec: "EventSpec") -> dict[str, Any]:
    """Return the JSON Schema of `spec`'s `data`, each field with description and example."""
    schema_fields = spec.schema().fields
    properties = {name: field_schema(field) for name, field in schema_fields.items()}
    required = [name for name, field in schema_fields.items() if field.required]
    return {
        "type": "object",
        "description": spec.description,
        "properties": properties,
        "required": required,
        "additionalProperties": True,
    }


def field_schema(field: fields.Field) -> dict[str, Any]:
    """Return the JSON Schema of one marshmallow field."""
    if isinstance(field, fields.List):
        schema: dict[str, Any] = {"type": "array", "items": field_schema(field.inner)}
    elif isinstance(field, fields.Nested):
        nested = field.schema.fields
        schema = {
            "type": "object",
            "properties": {name: field_schema(f) for name, f in nested.items()},
            "required": [name for name, f in nested.items() if f.required],
        }
    else:
        schema = next((dict(s) for kind, s in SCALARS if isinstance(field, kind)), {})
    for rule in field.validators:
        schema.update(_constraints(rule, schema.get("type")))
    if field.allow_none:
        schema["type"] = [schema.get("type", "string"), "null"]
    if "description" in field.metadata:
        schema["description"] = field.metadata["description"]
    if "example" in field.metadata:
        schema["examples"] = [field.metadata["example"]]
    return schema


def _constraints(rule: Any, kind: str | None) -> dict[str, Any]:
    if isinstance(rule, validate.OneOf):
        return {"enum": list(rule.choices)}
    if isinstance(rule, validate.Length):
        counted = ("minItems", "maxItems") if kind == "array" else ("minLength", "maxLength")
        bounds = dict(zip(counted, (rule.min, rule.max), strict=True))
        return {k: v for k, v in bounds.items() if v is not None}
    if isinstance(rule, validate.Range):
        low = "minimum" if rule.min_inclusive else "exclusiveMinimum"
        high = "maximum" if rule.max_inclusive else "exclusiveMaximum"
        bounds = {low: rule.min, high: rule.max}
        return {k: v for k, v in bounds.items() if v is not None}
    if isinstance(rule, validate.Regexp):
        # marshmallow matches from the start; JSON Schema searches anywhere.
        pattern = rule.regex.pattern
        return {"pattern": f"^(?:{pattern.decode() if isinstance(pattern, bytes) else pattern})"}
    if isinstance(rule, validate.Email | validate.URL):
        return {}  # said by the field's format
    # Events are checked against this schema: a rule it cannot say would go unchecked.
    raise ValueError(
        f"{rule!r} has no JSON Schema form; express the rule with OneOf, Length, Range or Regexp"
    )


def envelope_schema(spec: "EventSpec") -> dict[str, Any]:
    """Return the JSON Schema of a whole event of `spec`: the envelope around its data."""
    properties: dict[str, Any] = {
        "id": ENVELOPE_FIELDS["id"],
        "type": {
            "type": "string",
            "const": spec.type,
            "description": "Event type.",
            "examples": [spec.type],
        },
        "version": {
            "type": "integer",
            "const": spec.version,
            "description": "Schema version.",
            "examples": [spec.version],
        },
        **{k: v for k, v in ENVELOPE_FIELDS.items() if k != "id"},
        "data": data_schema(spec),
    }
    return {"type": "object", "properties": properties, "required": list(properties)}


def example_data(spec: "EventSpec") -> dict[str, Any]:
    """Return `spec`'s data filled with each field's example."""
    return {name: f.metadata.get("example") for name, f in spec.schema().fields.items()}
