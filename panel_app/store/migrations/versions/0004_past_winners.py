"""Past winners of earlier editions (rule 11), imported from a list; one finding per rule
and submission (or pair) in rule_finding.

Revision ID: 0004
Revises: 0003

Written by hand, with plain SQLAlchemy types (see 0001).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "past_winner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("edition_year", sa.Integer(), nullable=False),
        sa.Column("edition", sa.Text(), nullable=False),
        sa.Column("title_key", sa.String(length=512), nullable=False),
        sa.Column("organisation_key", sa.String(length=512), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=False),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_past_winner_import_batch_id_import_batch"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_past_winner")),
        sa.UniqueConstraint(
            "title_key",
            "organisation_key",
            "edition_year",
            name=op.f("uq_past_winner_title_key_organisation_key_edition_year"),
        ),
    )

    # Unique indexes, not constraints: no table rebuild on SQLite. NULLs never collide in a
    # unique index, so single findings (no related submission) get a partial one.
    op.create_index(
        "uq_rule_finding_pair",
        "rule_finding",
        ["rule_id", "submission_pk", "related_submission_pk"],
        unique=True,
    )
    op.create_index(
        "uq_rule_finding_single",
        "rule_finding",
        ["rule_id", "submission_pk"],
        unique=True,
        sqlite_where=sa.text("related_submission_pk IS NULL"),
        postgresql_where=sa.text("related_submission_pk IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_rule_finding_single", table_name="rule_finding")
    op.drop_index("uq_rule_finding_pair", table_name="rule_finding")
    op.drop_table("past_winner")
