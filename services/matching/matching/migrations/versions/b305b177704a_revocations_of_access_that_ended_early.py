"""revocations of access that ended early

Revision ID: b305b177704a
Revises: 845d496b5564
Create Date: 2026-12-02 06:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "b305b177704a"
down_revision: str | Sequence[str] | None = "845d496b5564"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the table of revoked access."""
    op.create_table(
        "revocations",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("revoked_before", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_revocations")),
    )


def downgrade() -> None:
    """Drop them again."""
    op.drop_table("revocations")
