"""Notifications' database: its tables, and the outbox and inbox beside them."""

# Importing every model module completes the metadata.
from notifications.domain import copies, edition, groups, model, preferences
from notifications.domain.model import Base
from qplatform.db.plumbing import add_plumbing_tables

METADATA = Base.metadata
PLUMBING = add_plumbing_tables(METADATA)
MODEL_MODULES = (model, copies, edition, groups, preferences)
