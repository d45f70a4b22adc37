"""Collaboration's database: its tables, the outbox and inbox, and the copy of members."""

from collaboration.domain import lab, model, resources, surveys
from collaboration.domain.model import Base
from qplatform.db.plumbing import add_plumbing_tables

METADATA = Base.metadata
PLUMBING = add_plumbing_tables(METADATA)
# The modules whose tables join METADATA by being imported.
MODEL_MODULES = (lab, model, resources, surveys)
