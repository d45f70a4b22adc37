"""Migration steps that several services' revisions share, so each is written once."""

import sqlalchemy as sa
from alembic import op


def add_trace_context(table: str) -> None:
    """Give `table` the W3C trace context of what wrote each row (traceparent, tracestate)."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.add_column(sa.Column("traceparent", sa.String(length=55), nullable=True))
        batch_op.add_column(sa.Column("tracestate", sa.String(length=512), nullable=True))


def drop_trace_context(table: str) -> None:
    """Take the trace context columns off `table` again."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_column("tracestate")
        batch_op.drop_column("traceparent")
