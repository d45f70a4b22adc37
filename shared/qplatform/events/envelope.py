"""The envelope every event travels in."""

import json
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from qplatform.errors import PlatformError

KEBAB_CASE = r"^[a-z]+(-[a-z]+)*$"


class MalformedEvent(PlatformError):
    """The bytes on the topic are not an event envelope."""


class EnvelopeSchema(Schema):
    """The brief's envelope: identity, type and version, origin, time, subject, data."""

    class Meta:
        unknown = EXCLUDE

    id = fields.String(required=True, validate=validate.Length(min=1))
    type = fields.String(required=True, validate=validate.Regexp(KEBAB_CASE))
    version = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    source = fields.String(required=True)
    time = fields.AwareDateTime(required=True, format="iso", default_timezone=UTC)
    subject = fields.String(required=True)
    correlation_id = fields.String(required=True)
    data = fields.Dict(required=True)


_SCHEMA = EnvelopeSchema()
_KEBAB = re.compile(KEBAB_CASE)
# One encoder for every envelope: json.dumps with options builds a new one per call.
_WIRE = json.JSONEncoder(separators=(",", ":"), sort_keys=True)


@dataclass(frozen=True)
class Envelope:
    """One event: a fact about one aggregate (`subject`), in the past tense."""

    id: str
    type: str
    version: int
    source: str
    time: datetime
    subject: str
    correlation_id: str
    data: dict[str, Any]

    @classmethod
    def new(
        cls,
        *,
        type: str,
        version: int,
        source: str,
        subject: str,
        correlation_id: str,
        data: dict[str, Any],
    ) -> "Envelope":
        """Stamp a new event with a fresh id and the current UTC time."""
        return cls(
            id=str(uuid.uuid4()),
            type=type,
            version=version,
            source=source,
            time=datetime.now(UTC),
            subject=subject,
            correlation_id=correlation_id,
            data=data,
        )

    def to_json(self) -> str:
        """Serialise to the JSON that goes on the wire (what EnvelopeSchema would dump)."""
        # Built by hand: a coffee round serialises tens of thousands of envelopes at once.
        fields = {
            "id": self.id,
            "type": self.type,
            "version": self.version,
            "source": self.source,
            "time": self.time.isoformat(),
            "subject": self.subject,
            "correlation_id": self.correlation_id,
            "data": self.data,
        }
        return _WIRE.encode(fields)

    @classmethod
    def from_json(cls, raw: str | bytes) -> "Envelope":
        """Parse wire JSON, raising MalformedEvent when it is not an envelope."""
        try:
            fields = json.loads(raw)
            # Every consumed record comes this way: what plainly keeps EnvelopeSchema's
            # rules is taken as it is, and only the rest goes through the schema, which
            # then says what is wrong (or takes what the plain check was unsure of).
            return _plainly_valid(fields) or cls(**_SCHEMA.load(fields))
        except (ValueError, TypeError, ValidationError) as error:
            raise MalformedEvent(f"not an event envelope: {error}") from error

    def headers(self) -> list[tuple[str, bytes]]:
        """Return the Kafka headers that let a consumer filter without parsing the value."""
        return [
            ("event-id", self.id.encode()),
            ("event-type", self.type.encode()),
            ("event-version", str(self.version).encode()),
            ("correlation-id", self.correlation_id.encode()),
        ]


def _plainly_valid(fields: Any) -> Envelope | None:
    """Return the envelope of `fields` if it keeps EnvelopeSchema's rules at a glance, else None.

    It loads what the schema would load from the same fields (unknown ones left out, a time
    without a zone taken as UTC), and never refuses: what it is unsure of gets None.
    """
    if type(fields) is not dict:
        return None
    event_id, type_, version, source, time, subject, correlation_id, data = (
        fields.get(name) for name in _ENVELOPE_FIELDS
    )
    # Exact types, as JSON gives them: a boolean is no version, though Python counts it an int.
    if (
        type(event_id) is str
        and event_id != ""
        and type(type_) is str
        and _KEBAB.match(type_) is not None
        and type(version) is int
        and version >= 1
        and type(source) is str
        and type(time) is str
        and type(subject) is str
        and type(correlation_id) is str
        and type(data) is dict
    ):
        try:
            moment = datetime.fromisoformat(time)
        except ValueError:
            return None
        if moment.tzinfo is None or moment.utcoffset() is None:
            moment = moment.replace(tzinfo=UTC)
        return Envelope(event_id, type_, version, source, moment, subject, correlation_id, data)
    return None


_ENVELOPE_FIELDS = ("id", "type", "version", "source", "time", "subject", "correlation_id", "data")
