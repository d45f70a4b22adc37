"""Alembic revisions of collaboration's database."""
