"""comments escaped once

Revision ID: b1d3c5e7f902
Revises: 7f6c5bfa8631
Create Date: 2026-12-02 06:00:00.000000

"""

import html
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "b1d3c5e7f902"
down_revision: str | Sequence[str] | None = "7f6c5bfa8631"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COMMENTS = sa.table("comments", sa.column("id", sa.String), sa.column("text", sa.Text))


def upgrade() -> None:
    # Comments were escaped twice, every space as `&#32;`: unescape both, escape once.
    connection = op.get_bind()
    for comment_id, text in connection.execute(sa.select(COMMENTS.c.id, COMMENTS.c.text)):
        words = html.unescape(html.unescape(text))
        connection.execute(
            sa.update(COMMENTS)
            .where(COMMENTS.c.id == comment_id)
            .values(text=html.escape(words, quote=False))
        )


def downgrade() -> None:
    # The earlier form lost nothing the later one keeps; the text stays as it is.
    pass
