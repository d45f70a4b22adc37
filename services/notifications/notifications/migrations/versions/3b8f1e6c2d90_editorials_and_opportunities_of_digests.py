"""editorials and opportunities of digests

Revision ID: 3b8f1e6c2d90
Revises: 7d2e4b91c6a3
Create Date: 2026-12-02 09:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "3b8f1e6c2d90"
down_revision: str | Sequence[str] | None = "7d2e4b91c6a3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the table of what staff write into each month's digest."""
    op.create_table(
        "digest_editions",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("editorial", sa.Text(), nullable=False),
        sa.Column("opportunities", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("month", name=op.f("pk_digest_editions")),
    )


def downgrade() -> None:
    """Drop it again."""
    op.drop_table("digest_editions")
