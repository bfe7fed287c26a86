"""The audit log's hash chain: each entry's place (seq), the hash of the entry before it,
and the hash of its own content (store/chain.py); the entries already there are chained
in the order they were written.

Revision ID: 0005
Revises: 0004

Written by hand, with plain SQLAlchemy types (see 0001). The append-only triggers refuse
the UPDATE that chains the old entries: they are dropped for it and made again, in the
migration's one transaction.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from panel_app.store.chain import GENESIS, entry_hash

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

APPEND_ONLY = "audit_log is append-only"

_AUDIT = sa.table(
    "audit_log",
    sa.column("id", sa.Integer()),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("actor", sa.String()),
    sa.column("action", sa.String()),
    sa.column("entity", sa.String()),
    sa.column("entity_id", sa.String()),
    sa.column("before", sa.JSON()),
    sa.column("after", sa.JSON()),
    sa.column("note", sa.Text()),
    sa.column("seq", sa.Integer()),
    sa.column("prev_hash", sa.String()),
    sa.column("entry_hash", sa.String()),
)


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("seq", sa.Integer(), nullable=True))
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("entry_hash", sa.String(length=64), nullable=True))
    op.create_index(op.f("uq_audit_log_seq"), "audit_log", ["seq"], unique=True)
    bind = op.get_bind()
    rows = bind.execute(sa.select(_AUDIT).order_by(_AUDIT.c.id)).mappings().all()
    if not rows:
        return
    _drop_append_only_triggers()
    head = GENESIS
    for seq, row in enumerate(rows, start=1):
        digest = entry_hash(
            seq=seq,
            at=row["at"],
            actor=row["actor"],
            action=row["action"],
            entity=row["entity"],
            entity_id=row["entity_id"],
            before=row["before"],
            after=row["after"],
            note=row["note"],
            prev_hash=head,
        )
        bind.execute(
            sa.update(_AUDIT)
            .where(_AUDIT.c.id == row["id"])
            .values(seq=seq, prev_hash=head, entry_hash=digest)
        )
        head = digest
    _create_append_only_triggers()


def downgrade() -> None:
    op.drop_index(op.f("uq_audit_log_seq"), table_name="audit_log")
    if op.get_bind().dialect.name == "sqlite":
        _drop_append_only_triggers()  # a batch rebuild would drop them anyway
        with op.batch_alter_table("audit_log") as batch:
            batch.drop_column("entry_hash")
            batch.drop_column("prev_hash")
            batch.drop_column("seq")
        _create_append_only_triggers()
    else:
        op.drop_column("audit_log", "entry_hash")
        op.drop_column("audit_log", "prev_hash")
        op.drop_column("audit_log", "seq")


def _drop_append_only_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER audit_log_no_update_delete ON audit_log")
    else:
        op.execute("DROP TRIGGER audit_log_no_delete")
        op.execute("DROP TRIGGER audit_log_no_update")


def _create_append_only_triggers() -> None:
    """As migration 0001 made them (its function stays on PostgreSQL)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )
