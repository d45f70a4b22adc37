"""search directory words with a GIN index

Revision ID: 1d43e9cae849
Revises: e019ef6f1e39
Create Date: 2026-11-26 12:59:07.680393

"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "1d43e9cae849"
down_revision: str | Sequence[str] | None = "e019ef6f1e39"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The words of an entry's listed text, split as membership.adapters.directory_matching
# splits a search; PostgreSQL only (SQLite matches the listed text itself).
WORDS = r"""array_to_tsvector(array_remove(
    regexp_split_to_array(search_text, '[\t\n\v\f\r !-/:-@\[-`{-~]+'), ''))"""


def upgrade() -> None:
    """Keep each entry's words and roles in GIN indexes instead of trigram ones."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX ix_directory_entries_search_text_trgm")
    op.execute("DROP INDEX ix_directory_entries_roles_trgm")
    op.execute(
        "ALTER TABLE directory_entries ADD COLUMN search_words tsvector "
        f"GENERATED ALWAYS AS ({WORDS}) STORED"
    )
    op.execute(
        "CREATE INDEX ix_directory_entries_search_words ON directory_entries "
        "USING gin (search_words)"
    )
    op.execute(
        "CREATE INDEX ix_directory_entries_role_list ON directory_entries "
        "USING gin (string_to_array(roles, ' '))"
    )


def downgrade() -> None:
    """Go back to trigram indexes over the listed text and roles."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX ix_directory_entries_role_list")
    op.execute("ALTER TABLE directory_entries DROP COLUMN search_words")
    for column in ("search_text", "roles"):
        op.execute(
            f"CREATE INDEX ix_directory_entries_{column}_trgm ON directory_entries "
            f"USING gin ({column} gin_trgm_ops)"
        )
