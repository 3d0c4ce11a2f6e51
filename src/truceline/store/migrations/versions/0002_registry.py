"""actor registry in the store: qid, aliases, roles and origin of each actor

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.add_column(sa.Column("qid", sa.String(32)))
        batch.add_column(sa.Column("aliases", sa.JSON()))
        batch.add_column(sa.Column("roles", sa.JSON()))
        batch.add_column(sa.Column("origin", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        for name in ("origin", "roles", "aliases", "qid"):
            batch.drop_column(name)
