"""trace context of what staged each event

Revision ID: e3a1c5d7f902
Revises: a21d80356b1b
Create Date: 2026-12-02 10:15:00.000000

"""

from collections.abc import Sequence

from qplatform.db.plumbing_migrations import add_trace_context, drop_trace_context

# revision identifiers, used by Alembic.
revision: str = "e3a1c5d7f902"
down_revision: str | Sequence[str] | None = "a21d80356b1b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Keep the trace context of what wrote each row."""
    add_trace_context("outbox")


def downgrade() -> None:
    """Forget the trace context columns."""
    drop_trace_context("outbox")
