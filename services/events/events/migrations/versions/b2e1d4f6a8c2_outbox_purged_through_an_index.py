"""outbox purged through an index

Revision ID: b2e1d4f6a8c2
Revises: 675dcaf14995
Create Date: 2026-12-02 09:30:00.000000

"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "b2e1d4f6a8c2"
down_revision: str | Sequence[str] | None = "675dcaf14995"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The relay deletes published rows by age; without this it scans the whole outbox.
    op.create_index("ix_outbox_published_at", "outbox", ["published_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_outbox_published_at", table_name="outbox")
