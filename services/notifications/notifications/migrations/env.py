"""Alembic environment of notifications' database."""

from alembic import context

from notifications.adapters.storage import METADATA
from qplatform.db.migrate import run_migrations

run_migrations(context, METADATA)
