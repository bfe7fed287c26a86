"""The past winners' descriptions (rule 11 compares them with the submissions' texts): a
text column, empty for the winners imported before.

Revision ID: 0009
Revises: 0008

Written by hand, with plain SQLAlchemy types (see 0001).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column(
        "past_winner",
        sa.Column("text", sa.Text(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    with op.batch_alter_table("past_winner") as batch:
        batch.drop_column("text")
