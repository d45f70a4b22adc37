"""hidden events left out of the digest

Revision ID: e5b7c9d1f3a5
Revises: d4a3f6b8c0e4
Create Date: 2026-12-02 10:50:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "e5b7c9d1f3a5"
down_revision: str | Sequence[str] | None = "d4a3f6b8c0e4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Mark the events staff took down."""
    with op.batch_alter_table("known_events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("hidden", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    """Forget which events were taken down."""
    with op.batch_alter_table("known_events", schema=None) as batch_op:
        batch_op.drop_column("hidden")
