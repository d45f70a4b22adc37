"""Alembic environment of the events service's database."""

from alembic import context

from events.adapters.storage import METADATA
from qplatform.db.migrate import run_migrations

run_migrations(context, METADATA)
