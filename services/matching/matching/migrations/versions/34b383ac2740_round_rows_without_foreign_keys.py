"""round rows without foreign keys

Revision ID: 34b383ac2740
Revises: 43e8b517826a
Create Date: 2026-11-26 15:56:23.580218

"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "34b383ac2740"
down_revision: str | Sequence[str] | None = "43e8b517826a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    # A round writes these rows in bulk in its own transaction and nothing deletes them;
    # checking each reference row by row cost a fifth of a 100,000-member round.
    with op.batch_alter_table("match_members", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_match_members_match_id_matches"), type_="foreignkey"
        )

    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_matches_round_id_coffee_rounds"), type_="foreignkey"
        )

    with op.batch_alter_table("round_snapshots", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_round_snapshots_round_id_coffee_rounds"), type_="foreignkey"
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("round_snapshots", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_round_snapshots_round_id_coffee_rounds"),
            "coffee_rounds",
            ["round_id"],
            ["id"],
        )

    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_matches_round_id_coffee_rounds"), "coffee_rounds", ["round_id"], ["id"]
        )

    with op.batch_alter_table("match_members", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_match_members_match_id_matches"), "matches", ["match_id"], ["id"]
        )
