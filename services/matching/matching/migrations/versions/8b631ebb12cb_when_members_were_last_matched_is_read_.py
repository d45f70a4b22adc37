"""when members were last matched is read from the matches

Revision ID: 8b631ebb12cb
Revises: 34b383ac2740
Create Date: 2026-11-26 16:00:41.944393

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "8b631ebb12cb"
down_revision: str | Sequence[str] | None = "34b383ac2740"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    # Rewriting every participant's row after each round cost a tenth of a large round;
    # the latest round a member was matched in is read from match_members instead.
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("last_matched_round")


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_matched_round", sa.INTEGER(), nullable=True))
