"""trace context of what staged each event

Revision ID: 5a7747c749ca
Revises: 1685a5028d99
Create Date: 2026-12-02 08:53:41.873651

"""

from collections.abc import Sequence

from qplatform.db.plumbing_migrations import add_trace_context, drop_trace_context

# revision identifiers, used by Alembic.
revision: str = "5a7747c749ca"
down_revision: str | Sequence[str] | None = "1685a5028d99"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Keep the trace context of what wrote each row."""
    add_trace_context("outbox")


def downgrade() -> None:
    """Forget the trace context columns."""
    drop_trace_context("outbox")
