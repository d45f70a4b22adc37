"""revocations of access that ended early

Revision ID: c9be7ef1f37c
Revises: b1d3c5e7f902
Create Date: 2026-12-02 06:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "c9be7ef1f37c"
down_revision: str | Sequence[str] | None = "b1d3c5e7f902"
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
