"""outbox purged through an index

Revision ID: d4a3f6b8c0e4
Revises: 2fe06fd7bc1d
Create Date: 2026-12-02 09:30:00.000000

"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "d4a3f6b8c0e4"
down_revision: str | Sequence[str] | None = "2fe06fd7bc1d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The relay deletes published rows by age; without this it scans the whole outbox.
    op.create_index("ix_outbox_published_at", "outbox", ["published_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_outbox_published_at", table_name="outbox")
