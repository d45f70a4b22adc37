"""The composition root of one service process: its settings, database and unit of work."""

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from qplatform.config import Settings
from qplatform.db.engine import make_engine, make_session_factory
from qplatform.db.plumbing import PlumbingTables
from qplatform.db.unit_of_work import UnitOfWork


@dataclass
class Runtime:
    """The real adapters of one service, wired once per process."""

    settings: Settings
    engine: Engine
    session_factory: sessionmaker
    tables: PlumbingTables

    @classmethod
    def build(cls, settings: Settings, tables: PlumbingTables) -> "Runtime":
        """Connect a service to its own database."""
        engine = make_engine(settings.database_url)
        return cls(settings, engine, make_session_factory(engine), tables)

    def without_pre_ping(self) -> "Runtime":
        """Return this runtime on a pool of its own that does not check connections first.

        For the relay and the consumer: each already waits out a lost database and tries
        again, so a round trip before every transaction would carry no work.
        """
        engine = make_engine(self.settings.database_url, pre_ping=False)
        return Runtime(self.settings, engine, make_session_factory(engine), self.tables)

    def unit_of_work(self) -> UnitOfWork:
        """Start a unit of work on this service's database."""
        return UnitOfWork(
            self.session_factory,
            tables=self.tables,
            source=self.settings.service,
            topic_prefix=self.settings.topic_prefix,
        )

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()
