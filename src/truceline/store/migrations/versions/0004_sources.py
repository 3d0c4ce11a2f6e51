"""sources: copies of stories, MinHash signatures, ingest warnings, statements, corroboration

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_copies",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), index=True),
        sa.Column("relation", sa.String(16)),
        sa.Column("similarity", sa.Float()),
        sa.Column("text_id", sa.String(64), index=True),
        sa.Column("source", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("ref", sa.Text()),
        sa.Column("text", sa.Text()),
        sa.Column("ingested_at", sa.DateTime()),
    )
    op.create_table(
        "article_signatures",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("minhash", sa.LargeBinary()),
    )
    op.create_table(
        "ingest_warnings",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("ref", sa.Text()),
        sa.Column("code", sa.String(32)),
        sa.Column("message", sa.Text()),
        sa.Column("fatal", sa.Boolean()),
        sa.Column("at", sa.DateTime()),
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), index=True),
        sa.Column("speaker", sa.String(128), index=True),
        sa.Column("kind", sa.String(16)),
        sa.Column("record", sa.JSON()),
    )
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("independent_sources", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("independent_sources")
    op.drop_table("statements")
    op.drop_table("ingest_warnings")
    op.drop_table("article_signatures")
    op.drop_table("article_copies")
