"""coffee matches for feedback prompts

Revision ID: 5c3e4f35d82c
Revises: f8351d9136c1
Create Date: 2026-11-26 11:26:02.635058

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "5c3e4f35d82c"
down_revision: str | Sequence[str] | None = "f8351d9136c1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "coffee_matches",
        sa.Column("match_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("matched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("prompted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("match_id", "member_id", name=op.f("pk_coffee_matches")),
    )
    with op.batch_alter_table("coffee_matches", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coffee_matches_matched_at"), ["matched_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_coffee_matches_member_id"), ["member_id"], unique=False
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("coffee_matches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coffee_matches_member_id"))
        batch_op.drop_index(batch_op.f("ix_coffee_matches_matched_at"))

    op.drop_table("coffee_matches")
