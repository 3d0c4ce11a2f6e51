"""initial truceline/1 store

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("url", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("source", sa.Text()),
        sa.Column("published", sa.Date(), index=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
    )
    op.create_table(
        "actors",
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(8), index=True),
        sa.Column("sector", sa.String(8)),
        sa.Column("kind", sa.String(16)),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("actor_id", sa.String(128), sa.ForeignKey("actors.id"), nullable=False, index=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(32), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column(
            "article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("type", sa.String(16), nullable=False, index=True),
        sa.Column("mode", sa.String(32)),
        sa.Column("source", sa.String(128), index=True),
        sa.Column("target", sa.String(128), index=True),
        sa.Column("source_country", sa.String(8)),
        sa.Column("target_country", sa.String(8)),
        sa.Column("date", sa.Date(), index=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("cameo", sa.String(8)),
        sa.Column("goldstein", sa.Float()),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
    )
    op.create_table(
        "agreements",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column(
            "article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("kind", sa.String(32), nullable=False, index=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("process", sa.String(64)),
        sa.Column("phase", sa.Integer()),
        sa.Column("start_date", sa.Date()),
        sa.Column("end_date", sa.Date()),
        sa.Column("record", sa.JSON(), nullable=False),
    )
    op.create_table(
        "agreement_actors",
        sa.Column("agreement_id", sa.String(64), sa.ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("actor_id", sa.String(128), primary_key=True),
        sa.Column("role", sa.String(16), primary_key=True),
    )
    op.create_index("ix_agreement_actors_actor", "agreement_actors", ["actor_id"])


def downgrade() -> None:
    for table in ("agreement_actors", "agreements", "events", "mentions", "actors", "articles"):
        op.drop_table(table)
