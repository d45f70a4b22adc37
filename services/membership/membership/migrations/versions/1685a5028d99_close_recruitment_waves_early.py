"""close recruitment waves early

Revision ID: 1685a5028d99
Revises: bc8afecd04f5
Create Date: 2026-12-02 08:46:37.052522

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "1685a5028d99"
down_revision: str | Sequence[str] | None = "bc8afecd04f5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("recruitment_waves", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("recruitment_waves", schema=None) as batch_op:
        batch_op.drop_column("closed_on")
