"""Experts and their conflicts, assignments, reviews and scores, rule findings, decisions.

Revision ID: 0002
Revises: 0001

Written by hand, with plain SQLAlchemy types (see 0001).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "expert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("expert_code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("country", sa.Text(), nullable=False),
        sa.Column("category_keys", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expert")),
        sa.UniqueConstraint("expert_code", name=op.f("uq_expert_expert_code")),
    )
    op.create_table(
        "conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("expert_pk", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("submission_pk", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["expert_pk"],
            ["expert.id"],
            name=op.f("fk_conflict_expert_pk_expert"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submission_pk"],
            ["submission.id"],
            name=op.f("fk_conflict_submission_pk_submission"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
    )
    op.create_table(
        "assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("expert_pk", sa.Integer(), nullable=False),
        sa.Column("submission_pk", sa.Integer(), nullable=False),
        sa.Column("round", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["expert_pk"], ["expert.id"], name=op.f("fk_assignment_expert_pk_expert")
        ),
        sa.ForeignKeyConstraint(
            ["submission_pk"],
            ["submission.id"],
            name=op.f("fk_assignment_submission_pk_submission"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
        sa.UniqueConstraint(
            "expert_pk",
            "submission_pk",
            "round",
            name=op.f("uq_assignment_expert_pk_submission_pk_round"),
        ),
    )
    op.create_index(op.f("ix_assignment_expert_pk"), "assignment", ["expert_pk"])
    op.create_index(op.f("ix_assignment_submission_pk"), "assignment", ["submission_pk"])
    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("expert_pk", sa.Integer(), nullable=False),
        sa.Column("submission_pk", sa.Integer(), nullable=False),
        sa.Column("round", sa.String(length=16), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.String(length=16), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("conflict_declared", sa.Boolean(), nullable=False),
        sa.Column("abstained", sa.Boolean(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["expert_pk"], ["expert.id"], name=op.f("fk_review_expert_pk_expert")
        ),
        sa.ForeignKeyConstraint(
            ["submission_pk"],
            ["submission.id"],
            name=op.f("fk_review_submission_pk_submission"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review")),
        sa.UniqueConstraint(
            "expert_pk",
            "submission_pk",
            "round",
            name=op.f("uq_review_expert_pk_submission_pk_round"),
        ),
    )
    op.create_index(op.f("ix_review_expert_pk"), "review", ["expert_pk"])
    op.create_index(op.f("ix_review_submission_pk"), "review", ["submission_pk"])
    op.create_table(
        "score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_pk", sa.Integer(), nullable=False),
        sa.Column("criterion_key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["review_pk"],
            ["review.id"],
            name=op.f("fk_score_review_pk_review"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score")),
        sa.UniqueConstraint(
            "review_pk", "criterion_key", name=op.f("uq_score_review_pk_criterion_key")
        ),
    )
    op.create_table(
        "rule_finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.String(length=64), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("submission_pk", sa.Integer(), nullable=False),
        sa.Column("related_submission_pk", sa.Integer(), nullable=True),
        sa.Column("template", sa.Text(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("overruled_reason", sa.Text(), nullable=True),
        sa.Column("overruled_by", sa.String(length=128), nullable=True),
        sa.Column("overruled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["related_submission_pk"],
            ["submission.id"],
            name=op.f("fk_rule_finding_related_submission_pk_submission"),
        ),
        sa.ForeignKeyConstraint(
            ["submission_pk"],
            ["submission.id"],
            name=op.f("fk_rule_finding_submission_pk_submission"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_finding")),
    )
    op.create_index("ix_rule_finding_rule_submission", "rule_finding", ["rule_id", "submission_pk"])
    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_pk", sa.Integer(), nullable=False),
        sa.Column("category_key", sa.String(length=64), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=128), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_pk"],
            ["submission.id"],
            name=op.f("fk_decision_submission_pk_submission"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision")),
        sa.UniqueConstraint("submission_pk", "stage", name=op.f("uq_decision_submission_pk_stage")),
    )


def downgrade() -> None:
    op.drop_table("decision")
    op.drop_index("ix_rule_finding_rule_submission", table_name="rule_finding")
    op.drop_table("rule_finding")
    op.drop_table("score")
    op.drop_index(op.f("ix_review_submission_pk"), table_name="review")
    op.drop_index(op.f("ix_review_expert_pk"), table_name="review")
    op.drop_table("review")
    op.drop_index(op.f("ix_assignment_submission_pk"), table_name="assignment")
    op.drop_index(op.f("ix_assignment_expert_pk"), table_name="assignment")
    op.drop_table("assignment")
    op.drop_table("conflict")
    op.drop_table("expert")
