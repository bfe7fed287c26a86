"""Each expert's language: the language their review workbook is written in (the expert
list's Language column; on the expert's laptop, the package's). NULL for the experts held
before, and for those the list gives none: the chair chooses when writing the packages.

Revision ID: 0011
Revises: 0010

Written by hand, with plain SQLAlchemy types (see 0001).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("expert", sa.Column("language", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("expert") as batch:
        batch.drop_column("language")
