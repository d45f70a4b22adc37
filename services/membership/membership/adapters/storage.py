"""Membership's database: its tables, the outbox and inbox, and what only PostgreSQL has."""

from membership.domain import accounts, directory, groups, recruitment
from membership.domain.model import Base
from qplatform.db.migrate import POSTGRESQL_ONLY
from qplatform.db.plumbing import add_plumbing_tables

METADATA = Base.metadata
PLUMBING = add_plumbing_tables(METADATA)
# The directory's full-text search, added by its migrations on PostgreSQL alone.
METADATA.info[POSTGRESQL_ONLY] = frozenset(
    {
        "directory_entries.search_words",
        "ix_directory_entries_search_words",
        "ix_directory_entries_role_list",
    }
)
MODEL_MODULES = (accounts, directory, groups, recruitment)
