"""What a topic and an event type are, and a catalog to look them up."""

import builtins
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import fastjsonschema
from marshmallow import Schema, ValidationError, validate

from qplatform.errors import EventContractViolation
from qplatform.events.dumping import Dump, plain_dump
from qplatform.events.json_schema import data_schema
from qplatform.events.loading import Load, plain_load


@dataclass(frozen=True)
class Topic:
    """A stream of the events of one aggregate, keyed by the aggregate's id."""

    name: str
    description: str
    key: str
    restricted: bool = False
    compacted: bool = False
    # Of a restricted topic: the only services the broker lets read it.
    readers: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventSpec:
    """One event type at one version: where it goes, who makes it, what it carries."""

    type: str
    version: int
    topic: Topic
    schema: builtins.type[Schema]
    producer: str
    description: str

    def serialise(self, data: dict[str, Any]) -> dict[str, Any]:
        """Dump `data` to JSON-ready form, refusing what the catalog's JSON Schema refuses."""
        try:
            dumped = _dumper(self.schema)(data)
            _checker(self)(dumped)
        except fastjsonschema.JsonSchemaValueException as error:
            raise EventContractViolation(f"{self.type} v{self.version}: {error.message}") from None
        except (ValueError, TypeError, AttributeError) as error:  # a value with no JSON form
            raise EventContractViolation(f"{self.type} v{self.version}: {error}") from None
        return dumped

    def deserialise(self, data: dict[str, Any]) -> dict[str, Any]:
        """Load received `data`, ignoring fields this version does not know."""
        try:
            loaded: dict[str, Any] = _loader(self.schema)(data)
        except ValidationError as error:
            raise EventContractViolation(
                f"{self.type} v{self.version}: {error.messages}"
            ) from error
        return loaded


@functools.cache
def _instance(schema: builtins.type[Schema]) -> Schema:
    # Building a schema costs more than using it; one instance per class serves every event
    # (dump and load keep no state between calls).
    return schema()


@functools.cache
def _dumper(schema: builtins.type[Schema]) -> Dump:
    return plain_dump(_instance(schema))


@functools.cache
def _loader(schema: builtins.type[Schema]) -> Load:
    # Every consumed event is loaded: values already in form skip marshmallow's walk.
    return plain_load(_instance(schema))


@functools.cache
def _checker(spec: EventSpec) -> Any:
    # The schema analysts read in the catalog, compiled once: checking a dumped event
    # against it costs a tenth of loading it back through marshmallow.
    return fastjsonschema.compile(data_schema(spec), formats={"email": _is_email})


def _is_email(value: str) -> bool:
    # marshmallow's own rule: the JSON Schema checker's is looser.
    try:
        _EMAIL(value)
    except ValidationError:
        return False
    return True


_EMAIL = validate.Email()


class Catalog:
    """Every event type the platform knows, looked up by type and version."""

    def __init__(self, specs: Iterable[EventSpec]) -> None:
        self._specs = {(spec.type, spec.version): spec for spec in specs}

    def spec(self, type: str, version: int) -> EventSpec:
        """Return the spec of `type` at `version`."""
        try:
            return self._specs[(type, version)]
        except KeyError:
            raise EventContractViolation(f"unknown event type {type} v{version}") from None

    def specs(self) -> list[EventSpec]:
        """Return every spec, ordered by topic, type and version."""
        return sorted(self._specs.values(), key=lambda s: (s.topic.name, s.type, s.version))

    def topics(self) -> list[Topic]:
        """Return every topic that some event type travels on."""
        return sorted({spec.topic for spec in self._specs.values()}, key=lambda t: t.name)
