"""revocations and the session of each refresh token

Revision ID: bc8afecd04f5
Revises: c6fa47751b8c
Create Date: 2026-12-02 06:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "bc8afecd04f5"
down_revision: str | Sequence[str] | None = "c6fa47751b8c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the table of revoked access and the session of each refresh token."""
    op.create_table(
        "revocations",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("revoked_before", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_revocations")),
    )
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_id", sa.String(length=32), nullable=True))


def downgrade() -> None:
    """Drop them again."""
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.drop_column("session_id")
    op.drop_table("revocations")
