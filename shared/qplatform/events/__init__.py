"""The event contract: the envelope, the topics, and a schema per event type and version."""

from qplatform.events.catalog import CATALOG
from qplatform.events.envelope import Envelope, MalformedEvent
from qplatform.events.spec import Catalog, EventSpec, Topic

__all__ = ["CATALOG", "Catalog", "Envelope", "EventSpec", "MalformedEvent", "Topic"]
