"""merged agreements across articles, their actors, and analysts' overrides

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "merged_agreements",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(32), index=True),
        sa.Column("name", sa.Text()),
        sa.Column("status", sa.String(16), index=True),
        sa.Column("process", sa.String(64), index=True),
        sa.Column("phase", sa.Integer()),
        sa.Column("start_date", sa.Date()),
        sa.Column("end_date", sa.Date()),
        sa.Column("record", sa.JSON()),
    )
    op.create_table(
        "merged_agreement_actors",
        sa.Column(
            "agreement_id", sa.String(64), sa.ForeignKey("merged_agreements.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("actor_id", sa.String(128), primary_key=True),
        sa.Column("role", sa.String(16), primary_key=True),
    )
    op.create_index("ix_merged_agreement_actors_actor", "merged_agreement_actors", ["actor_id"])
    op.create_table(
        "agreement_overrides",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("action", sa.String(16)),
        sa.Column("member", sa.String(64)),
        sa.Column("other", sa.String(64)),
        sa.Column("note", sa.Text()),
        sa.Column("created_at", sa.DateTime()),
    )


def downgrade() -> None:
    op.drop_table("agreement_overrides")
    op.drop_index("ix_merged_agreement_actors_actor", "merged_agreement_actors")
    op.drop_table("merged_agreement_actors")
    op.drop_table("merged_agreements")
