"""talks offered and requested and series of events

Revision ID: 34d0d3b7f15f
Revises: c9be7ef1f37c
Create Date: 2026-12-02 08:47:34.058233

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "34d0d3b7f15f"
down_revision: str | Sequence[str] | None = "c9be7ef1f37c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add talk offers, their requests, series, and the series an event belongs to."""
    op.create_table(
        "series",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("pillar", sa.String(length=20), nullable=False),
        sa.Column("organiser_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series")),
    )
    op.create_table(
        "talk_offers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("speaker_id", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("regions", sa.String(length=1000), nullable=False),
        sa.Column("topics", sa.String(length=500), nullable=False),
        sa.Column("availability", sa.String(length=300), nullable=False),
        sa.Column(
            "status",
            sa.Enum("offered", "withdrawn", name="offerstatus", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_talk_offers")),
    )
    with op.batch_alter_table("talk_offers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_talk_offers_speaker_id"), ["speaker_id"], unique=False)
        batch_op.create_index(
            "ix_talk_offers_status_created_at", ["status", "created_at"], unique=False
        )

    op.create_table(
        "talk_requests",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("talk_id", sa.String(length=36), nullable=False),
        sa.Column("speaker_id", sa.String(length=64), nullable=False),
        sa.Column("requester_id", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "requested",
                "accepted",
                "declined",
                name="requeststatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["talk_id"], ["talk_offers.id"], name=op.f("fk_talk_requests_talk_id_talk_offers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_talk_requests")),
    )
    with op.batch_alter_table("talk_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_talk_requests_requester_id"), ["requester_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_talk_requests_speaker_id"), ["speaker_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_talk_requests_talk_id"), ["talk_id"], unique=False)

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("series_id", sa.String(length=36), nullable=True))
        batch_op.create_index(
            "ix_events_series_id_starts_at", ["series_id", "starts_at"], unique=False
        )


def downgrade() -> None:
    """Drop them again."""
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_series_id_starts_at")
        batch_op.drop_column("series_id")

    with op.batch_alter_table("talk_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_talk_requests_talk_id"))
        batch_op.drop_index(batch_op.f("ix_talk_requests_speaker_id"))
        batch_op.drop_index(batch_op.f("ix_talk_requests_requester_id"))

    op.drop_table("talk_requests")
    with op.batch_alter_table("talk_offers", schema=None) as batch_op:
        batch_op.drop_index("ix_talk_offers_status_created_at")
        batch_op.drop_index(batch_op.f("ix_talk_offers_speaker_id"))

    op.drop_table("talk_offers")
    op.drop_table("series")
