"""Secrets kept apart from the audit log and from every file: the secret the review
packages' signing keys are derived from (the chair's side), an opened package's key (the
expert's side). Before 0007 the keys were written into the audit log, which anyone who
reads or exports the log sees (docs/formats/review-workbook.md, "The signature").

Revision ID: 0007
Revises: 0006

Written by hand, with plain SQLAlchemy types (see 0001).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "workspace_secret",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_workspace_secret")),
    )


def downgrade() -> None:
    op.drop_table("workspace_secret")
