"""groups, interests and topics for the personal digest

Revision ID: aabd7f017d34
Revises: 5c3e4f35d82c
Create Date: 2026-11-26 12:53:24.718369

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "aabd7f017d34"
down_revision: str | Sequence[str] | None = "5c3e4f35d82c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def empty_list(name: str) -> sa.Column:
    """Return a JSON list column that rows already there start empty in."""
    return sa.Column(name, sa.JSON(), nullable=False, server_default=sa.text("'[]'"))


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "group_places",
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("group_id", "member_id", name=op.f("pk_group_places")),
    )
    with op.batch_alter_table("group_places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_places_joined_at"), ["joined_at"], unique=False)
        batch_op.create_index("ix_group_places_member_id", ["member_id"], unique=False)

    op.create_table(
        "known_groups",
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.String(length=2000), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("group_id", name=op.f("pk_known_groups")),
    )
    with op.batch_alter_table("known_groups", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_known_groups_created_at"), ["created_at"], unique=False
        )

    with op.batch_alter_table("known_events", schema=None) as batch_op:
        batch_op.add_column(empty_list("topics"))

    with op.batch_alter_table("known_members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("profile_topics", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch_op.add_column(empty_list("interests"))

    with op.batch_alter_table("known_posts", schema=None) as batch_op:
        batch_op.add_column(empty_list("topics"))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("known_posts", schema=None) as batch_op:
        batch_op.drop_column("topics")

    with op.batch_alter_table("known_members", schema=None) as batch_op:
        batch_op.drop_column("interests")
        batch_op.drop_column("profile_topics")

    with op.batch_alter_table("known_events", schema=None) as batch_op:
        batch_op.drop_column("topics")

    with op.batch_alter_table("known_groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_known_groups_created_at"))

    op.drop_table("known_groups")
    with op.batch_alter_table("group_places", schema=None) as batch_op:
        batch_op.drop_index("ix_group_places_member_id")
        batch_op.drop_index(batch_op.f("ix_group_places_joined_at"))

    op.drop_table("group_places")
