"""Matching's database schema: its tables, the outbox and the inbox.

The repositories that read and write these tables live in `matching.adapters.repositories`.
"""

from matching.domain import groups, model, offers, rounds, snapshot, upcoming
from matching.domain.model import Base
from qplatform.db.plumbing import add_plumbing_tables

METADATA = Base.metadata
PLUMBING = add_plumbing_tables(METADATA)
# The modules whose models make up the schema; importing them puts their tables in METADATA.
MODEL_MODULES = (groups, model, offers, rounds, snapshot, upcoming)
