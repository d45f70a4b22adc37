"""What a service's handlers are given, and how a service names them."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from qplatform.events import Envelope


@dataclass(frozen=True)
class ReceivedEvent:
    """An event as a handler sees it: the envelope, and `data` loaded by its schema."""

    envelope: Envelope
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return self.envelope.id

    @property
    def subject(self) -> str:
        return self.envelope.subject


# A handler takes its service's own unit of work (a subclass of `UnitOfWork`, owning that
# service's repositories); `Any` lets each service type its handlers with its own.
Handler = Callable[[Any, ReceivedEvent], None]
HandlerKey = tuple[str, int]
# A tombstone on a compacted topic erases its key; its handler gets the key. Erasing is
# idempotent by nature, so tombstones need no inbox record.
TombstoneHandler = Callable[[Any, str], None]
