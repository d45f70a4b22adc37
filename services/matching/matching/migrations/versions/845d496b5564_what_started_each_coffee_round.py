"""what started each coffee round

Revision ID: 845d496b5564
Revises: 34b383ac2740
Create Date: 2026-12-02 05:37:35.237966

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "845d496b5564"
down_revision: str | Sequence[str] | None = "34b383ac2740"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("coffee_rounds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("started_by", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("correlation_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("coffee_rounds", schema=None) as batch_op:
        batch_op.drop_column("correlation_id")
        batch_op.drop_column("started_by")
