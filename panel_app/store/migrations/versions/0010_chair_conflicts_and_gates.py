"""The chairs' declared conflicts of interest (with an organisation or a submission: a
conflicted chair's decisions on those projects are refused), and each review's answers to
the edition's nomination gates (a JSON list: true, false or null per gate; NULL for the
reviews held before, which answered none).

Revision ID: 0010
Revises: 0009

Written by hand, with plain SQLAlchemy types (see 0001).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "chair_conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chair_pk", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("submission_pk", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("declared_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("declared_by", sa.String(length=128), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by", sa.String(length=128), nullable=True),
        sa.Column("withdraw_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["chair_pk"],
            ["chair.id"],
            name=op.f("fk_chair_conflict_chair_pk_chair"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submission_pk"],
            ["submission.id"],
            name=op.f("fk_chair_conflict_submission_pk_submission"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chair_conflict")),
    )
    op.create_index(op.f("ix_chair_conflict_chair_pk"), "chair_conflict", ["chair_pk"])
    op.add_column("review", sa.Column("gates", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("review") as batch:
        batch.drop_column("gates")
    op.drop_index(op.f("ix_chair_conflict_chair_pk"), table_name="chair_conflict")
    op.drop_table("chair_conflict")
