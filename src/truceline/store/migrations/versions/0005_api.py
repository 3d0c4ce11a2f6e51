"""API tokens and indexes for the events list

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("name", sa.Text()),
        sa.Column("hash", sa.String(64), unique=True),
        sa.Column("created_at", sa.DateTime()),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_events_source_country", "events", ["source_country"])
    op.create_index("ix_events_target_country", "events", ["target_country"])
    op.create_index("ix_events_date_id", "events", ["date", "id"])
    op.create_index("ix_events_type_date_id", "events", ["type", "date", "id"])


def downgrade() -> None:
    op.drop_index("ix_events_type_date_id", "events")
    op.drop_index("ix_events_date_id", "events")
    op.drop_index("ix_events_target_country", "events")
    op.drop_index("ix_events_source_country", "events")
    op.drop_table("api_tokens")
