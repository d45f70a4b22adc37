"""A unit of work without a database, for service-layer tests that need neither server.

A service's fake subclasses it and attaches in-memory repositories in `__init__`; the
use case runs as it does in production, and the test reads what it committed and which
events it published.
"""

from types import TracebackType
from typing import Any, Self

from qplatform.clock import SYSTEM_CLOCK, Clock
from qplatform.db.unit_of_work import new_event
from qplatform.events import CATALOG, Catalog, Envelope, Topic


class InMemoryUnitOfWork:
    """Stands in for `UnitOfWork`: stages events, and keeps them only if committed."""

    def __init__(self, *, source: str, catalog: Catalog = CATALOG, clock: Clock = SYSTEM_CLOCK):
        self.clock = clock
        self.source = source
        self.commits = 0
        self.published: list[Envelope] = []
        self.tombstones: list[tuple[str, str]] = []
        self.handled: set[str] = set()
        self._catalog = catalog
        self._staged: list[Envelope] = []
        self._staged_tombstones: list[tuple[str, str]] = []

    def __enter__(self) -> Self:
        self._staged, self._staged_tombstones = [], []
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()

    @property
    def committed(self) -> bool:
        """Tell whether any unit of work on this fake committed."""
        return self.commits > 0

    def commit(self) -> None:
        """Keep the staged events, as a commit would."""
        self.published.extend(self._staged)
        self.tombstones.extend(self._staged_tombstones)
        self._staged, self._staged_tombstones = [], []
        self.commits += 1

    def rollback(self) -> None:
        """Drop every event staged since the last commit."""
        self._staged, self._staged_tombstones = [], []

    def flush(self) -> None:
        """Do nothing: in-memory repositories hold their changes already."""

    def hold(self, key: str) -> None:
        """Do nothing: one test runs one use case at a time."""

    def publish(
        self, type: str, *, subject: str, data: dict[str, Any], version: int = 1
    ) -> Envelope:
        """Stage an event, checked against the catalog as the real unit of work does."""
        envelope, _ = new_event(self._catalog, self.source, type, version, subject, data)
        self._staged.append(envelope)
        return envelope

    def publish_tombstone(self, topic: Topic, *, subject: str) -> None:
        """Stage a tombstone for `subject` on `topic`."""
        self._staged_tombstones.append((topic.name, subject))

    def forget_events_about(self, subjects: list[str], topics: list[Topic]) -> None:
        """Forget staged and published events about `subjects` on `topics`."""
        names = {topic.name for topic in topics}
        self.published = [
            e
            for e in self.published
            if not (
                e.subject in subjects and self._catalog.spec(e.type, e.version).topic.name in names
            )
        ]

    def has_handled(self, event_id: str) -> bool:
        """Tell whether the event with `event_id` was recorded as handled."""
        return event_id in self.handled

    def record_handled(self, envelope: Envelope) -> None:
        """Record `envelope` as handled."""
        self.handled.add(envelope.id)

    def record_first_handling(self, envelopes: list[Envelope]) -> set[str]:
        """Record `envelopes` as handled; return the ids not recorded before."""
        first = {e.id for e in envelopes} - self.handled
        self.handled |= first
        return first

    def events_of(self, type: str) -> list[dict[str, Any]]:
        """Return the data of every committed event of `type`, in order."""
        return [e.data for e in self.published if e.type == type]
