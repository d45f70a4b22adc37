"""Alembic environment of matching's database."""

from alembic import context

from matching.adapters.storage import METADATA
from qplatform.db.migrate import run_migrations

run_migrations(context, METADATA)
