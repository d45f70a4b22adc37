"""Alembic environment of membership's database."""

from alembic import context

from membership.adapters.storage import METADATA
from qplatform.db.migrate import run_migrations

run_migrations(context, METADATA)
