"""The mark that the rule checks are owed: set with an import that changed something,
cleared with the checks that follow it (a process killed in between leaves it set).

Revision ID: 0006
Revises: 0005

Written by hand, with plain SQLAlchemy types (see 0001).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column(
        "workspace",
        sa.Column("checks_pending", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("workspace") as batch:
        batch.drop_column("checks_pending")
