"""The events service's database: its tables, and the outbox and inbox beside them."""

from events.domain import members, posts, registrations, series, talks  # noqa: F401  (their tables)
from events.domain.model import Base
from qplatform.db.plumbing import add_plumbing_tables

METADATA = Base.metadata
PLUMBING = add_plumbing_tables(METADATA)
