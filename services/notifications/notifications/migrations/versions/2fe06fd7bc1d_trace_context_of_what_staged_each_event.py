"""trace context of what staged each event and queued each mail

Revision ID: 2fe06fd7bc1d
Revises: 78a4c35d4be0
Create Date: 2026-12-02 08:53:53.537506

"""

from collections.abc import Sequence

from qplatform.db.plumbing_migrations import add_trace_context, drop_trace_context

# revision identifiers, used by Alembic.
revision: str = "2fe06fd7bc1d"
down_revision: str | Sequence[str] | None = "78a4c35d4be0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Keep the trace context of what wrote each row."""
    add_trace_context("messages")
    add_trace_context("outbox")


def downgrade() -> None:
    """Forget the trace context columns."""
    drop_trace_context("outbox")
    drop_trace_context("messages")
