"""events.date_basis: where an event's date came from (stated, relative, published)

Revision ID: 0006
Revises: 0005

Events stored before this revision keep a null date_basis (their records never said where the
date came from); events coded from now on carry it in their record and in this column.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("date_basis", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("date_basis")
