"""names of regions as staff gave them

Revision ID: 7d2e4b91c6a3
Revises: bf46f3af51a5
Create Date: 2026-12-02 07:10:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "7d2e4b91c6a3"
down_revision: str | Sequence[str] | None = "bf46f3af51a5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the table of regions' names."""
    op.create_table(
        "known_regions",
        sa.Column("slug", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_known_regions")),
    )


def downgrade() -> None:
    """Drop it again."""
    op.drop_table("known_regions")
