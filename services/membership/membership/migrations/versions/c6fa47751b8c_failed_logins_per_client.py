"""failed logins per client

Revision ID: c6fa47751b8c
Revises: 30d3cf5c395a
Create Date: 2026-12-02 05:57:24.355621

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "c6fa47751b8c"
down_revision: str | Sequence[str] | None = "30d3cf5c395a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("failed_logins", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("client", sa.String(length=45), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_failed_logins_client"), ["client"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("failed_logins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_failed_logins_client"))
        batch_op.drop_column("client")
