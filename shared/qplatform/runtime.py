"""The composition root of one service process: its settings, database and unit of work."""

from dataclasses import dataclass, field, replace
from typing import Generic

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker
from typing_extensions import TypeVar

from qplatform.clock import SYSTEM_CLOCK, Clock
from qplatform.config import Settings
from qplatform.db.engine import make_engine, make_session_factory
from qplatform.db.plumbing import PlumbingTables
from qplatform.db.unit_of_work import UnitOfWork

U = TypeVar("U", bound=UnitOfWork, default=UnitOfWork)


@dataclass
class Runtime(Generic[U]):
    """The real adapters of one service, wired once per process.

    `unit_of_work_class` is the service's own unit of work (the one that owns its
    repositories); `clock` is the time every use case and schedule of the process reads.
    """

    settings: Settings
    engine: Engine
    session_factory: sessionmaker
    tables: PlumbingTables
    unit_of_work_class: type[U]
    clock: Clock = field(default=SYSTEM_CLOCK)

    @classmethod
    def build(
        cls,
        settings: Settings,
        tables: PlumbingTables,
        *,
        unit_of_work: type[U] = UnitOfWork,  # type: ignore[assignment]
        clock: Clock = SYSTEM_CLOCK,
    ) -> "Runtime[U]":
        """Connect a service to its own database."""
        engine = make_engine(settings.database_url)
        return cls(settings, engine, make_session_factory(engine), tables, unit_of_work, clock)

    def without_pre_ping(self) -> "Runtime[U]":
        """Return this runtime on a pool of its own that does not check connections first.

        For the relay and the consumer: each already waits out a lost database and tries
        again, so a round trip before every transaction would carry no work.
        """
        engine = make_engine(self.settings.database_url, pre_ping=False)
        return replace(self, engine=engine, session_factory=make_session_factory(engine))

    def unit_of_work(self) -> U:
        """Start a unit of work on this service's database (the service's own kind)."""
        return self.unit_of_work_class(
            self.session_factory,
            tables=self.tables,
            source=self.settings.service,
            topic_prefix=self.settings.topic_prefix,
            clock=self.clock,
        )

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()
