"""trace context of what staged each event and requested each round

Revision ID: 546c43215b45
Revises: 85ef5b23c3b5
Create Date: 2026-12-02 08:53:49.555976

"""

from collections.abc import Sequence

from qplatform.db.plumbing_migrations import add_trace_context, drop_trace_context

# revision identifiers, used by Alembic.
revision: str = "546c43215b45"
down_revision: str | Sequence[str] | None = "85ef5b23c3b5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Keep the trace context of what wrote each row."""
    add_trace_context("coffee_rounds")
    add_trace_context("outbox")


def downgrade() -> None:
    """Forget the trace context columns."""
    drop_trace_context("outbox")
    drop_trace_context("coffee_rounds")
