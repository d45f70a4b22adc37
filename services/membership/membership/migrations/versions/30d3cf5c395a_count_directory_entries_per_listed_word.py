"""count directory entries per listed word

Revision ID: 30d3cf5c395a
Revises: 1d43e9cae849
Create Date: 2026-11-26 14:27:33.041399

"""

import re
from collections import Counter
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "30d3cf5c395a"
down_revision: str | Sequence[str] | None = "1d43e9cae849"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Split as membership.adapters.directory_matching splits listed text, as of this revision.
SEPARATORS = r"[\t\n\v\f\r !-/:-@\[-`{-~]+"


def upgrade() -> None:
    """Add the per-word tallies and count the entries already listed."""
    tallies = op.create_table(
        "directory_word_tallies",
        sa.Column(
            "word",
            sa.Text().with_variant(sa.Text(collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("region", sa.String(length=60), nullable=False),
        sa.Column("expertise_mask", sa.BigInteger(), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "word", "region", "expertise_mask", name=op.f("pk_directory_word_tallies")
        ),
    )
    entries = sa.text("SELECT search_text, region, expertise_mask FROM directory_entries")
    counts: Counter[tuple[str, str, int]] = Counter()
    for text, region, mask in op.get_bind().execute(entries):
        words = {word for word in re.split(SEPARATORS, text.lower()) if word}
        counts.update((word, region, mask) for word in words)
    rows = [
        {"word": word, "region": region, "expertise_mask": mask, "members": members}
        for (word, region, mask), members in counts.items()
    ]
    if rows:
        op.bulk_insert(tallies, rows)


def downgrade() -> None:
    """Drop the per-word tallies."""
    op.drop_table("directory_word_tallies")
