"""Which topics the stream tool may read, and under which consumer group."""

from dataclasses import dataclass

from qplatform.errors import PlatformError
from qplatform.events import CATALOG, Catalog, Topic

GROUP_PREFIX = "qp-streams."


class StreamRefused(PlatformError):
    """The stream tool will not read this topic, or not under this group."""


@dataclass(frozen=True)
class Stream:
    """One public topic on one broker, under the prefix its platform uses."""

    topic: Topic
    prefix: str

    @property
    def address(self) -> str:
        return f"{self.prefix}{self.topic.name}"


def public_stream(name: str, prefix: str, catalog: Catalog = CATALOG) -> Stream:
    """Resolve `name` (logical, or with the prefix) to a public topic; refuse anything else."""
    logical = name.removeprefix(prefix) if name.startswith(prefix) else name
    topic = next((t for t in catalog.topics() if t.name == logical), None)
    if topic is None:
        known = ", ".join(t.name for t in catalog.topics() if not t.restricted)
        raise StreamRefused(f"{name} is not a public topic of the catalog; public: {known}")
    if topic.restricted:
        raise StreamRefused(f"{name} is restricted to the services that consume it")
    return Stream(topic=topic, prefix=prefix)


def group_id(name: str | None) -> str | None:
    """Return the tool's own consumer group for `name`, never a service's group."""
    return f"{GROUP_PREFIX}{name}" if name else None
