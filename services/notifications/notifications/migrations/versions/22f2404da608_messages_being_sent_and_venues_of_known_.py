"""messages being sent and venues of known events

Revision ID: 22f2404da608
Revises: aabd7f017d34
Create Date: 2026-12-02 05:37:27.273821

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "22f2404da608"
down_revision: str | Sequence[str] | None = "aabd7f017d34"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("known_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("venue", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=True))

    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("handed_over_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_column("handed_over_at")

    with op.batch_alter_table("known_events", schema=None) as batch_op:
        batch_op.drop_column("description")
        batch_op.drop_column("venue")
