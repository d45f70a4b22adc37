"""Alembic environment of collaboration's database."""

from alembic import context

from collaboration.adapters.storage import METADATA
from qplatform.db.migrate import run_migrations

run_migrations(context, METADATA)
