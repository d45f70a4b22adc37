"""Alembic migrations per service: `qp-migrate SERVICE [revision MESSAGE]`.

Each service keeps its revisions in `<service>/migrations/`; its env.py calls
`run_migrations` with the service's metadata.
"""

import sys
from collections.abc import Callable, Sequence
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData

from qplatform.config import Settings
from qplatform.db.engine import make_engine
from qplatform.db.types import render_item


def alembic_config(service: str, database_url: str) -> Config:
    """Return the Alembic configuration of `service` against `database_url`."""
    config = Config()
    config.set_main_option("script_location", f"{service}:migrations")
    config.attributes["database_url"] = database_url
    return config


def upgrade(service: str, database_url: str) -> None:
    """Bring the database of `service` to the newest revision."""
    command.upgrade(alembic_config(service, database_url), "head")


# Migrations may add what only PostgreSQL has (GIN indexes, generated tsvector columns); a
# service names them in its metadata's info so that autogenerate never proposes dropping them.
POSTGRESQL_ONLY = "postgresql_only"


def declared_or_postgresql_only(metadata: MetaData) -> Callable[..., bool]:
    """Return Alembic's filter that leaves a service's PostgreSQL-only objects alone."""
    extras = metadata.info.get(POSTGRESQL_ONLY, frozenset())

    def include(item: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        if not reflected or compare_to is not None:
            return True
        qualified = f"{item.table.name}.{name}" if type_ == "column" else name
        return qualified not in extras

    return include


def run_migrations(context: Any, metadata: MetaData) -> None:
    """Run the pending migrations; called from a service's migrations/env.py."""
    engine = make_engine(context.config.attributes["database_url"])
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            render_item=render_item,
            include_object=declared_or_postgresql_only(metadata),
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


def main(argv: Sequence[str] | None = None) -> None:
    """Upgrade a service's database, or write a new revision from its models."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        sys.exit("usage: qp-migrate SERVICE [revision MESSAGE]")
    settings = Settings.from_env(args[0])
    config = alembic_config(settings.service, settings.database_url)
    if args[1:2] == ["revision"]:
        command.revision(config, message=" ".join(args[2:]) or "change", autogenerate=True)
    else:
        command.upgrade(config, "head")
