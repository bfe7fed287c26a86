"""The workspace's tables: typed SQLAlchemy 2.x models that serve SQLite and PostgreSQL alike.

One workspace holds one edition's review. Times are stored in UTC (timezone-aware in
Python); free-form extra columns of an import are kept as JSON, never dropped.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so that migrations can refer to them on both dialects.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    # Every column of a multi-column unique constraint, so two of them never share a name.
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC; SQLite keeps no offset, so it is restored on load."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; attach a time zone first")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime,
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Workspace(Base):
    """The single row that says which edition this workspace reviews."""

    __tablename__ = "workspace"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_key: Mapped[str] = mapped_column(String(64))
    edition_digest: Mapped[str] = mapped_column(String(64))
    # The edition file as it was when the workspace was made, so it stays readable later.
    edition_source: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    created_by_version: Mapped[str] = mapped_column(String(32))
    # Set in the transaction of an import that changed the submissions (or the past
    # winners), cleared in the transaction of the rule checks that follow it: a process
    # killed in between leaves it set, and the checks are run (or eligibility refused)
    # before anything reads eligibility.
    checks_pending: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ImportBatch(Base):
    """One import that changed something: which file, its digest, what it changed."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # "submissions", "experts", ...
    file_name: Mapped[str] = mapped_column(Text)
    file_sha256: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(default=utc_now)
    added: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)


class Submission(Base):
    __tablename__ = "submission"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The platform's Submission ID, as text ("1001", never "1001.0").
    submission_id: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str] = mapped_column(Text)
    stakeholder_type: Mapped[str] = mapped_column(Text)  # as given; resolved key below
    stakeholder_type_key: Mapped[str | None] = mapped_column(String(64))
    country: Mapped[str] = mapped_column(Text)
    category_key: Mapped[str] = mapped_column(String(64), index=True)
    sdgs: Mapped[list[Any]] = mapped_column(default=list)  # SDG numbers, ascending
    summary: Mapped[str] = mapped_column(Text)
    sdg_linkage: Mapped[str] = mapped_column(Text)  # "Action line and SDG linkage"
    impact: Mapped[str] = mapped_column(Text)
    partnerships: Mapped[str] = mapped_column(Text)
    challenges: Mapped[str] = mapped_column(Text)  # "Challenges and future"
    project_status: Mapped[str] = mapped_column(Text)
    website: Mapped[str] = mapped_column(Text)
    contact_name: Mapped[str] = mapped_column(Text)
    contact_email: Mapped[str] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column()
    # Columns the platform exported beyond the known ones: header -> text, kept verbatim.
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Hash of every imported field, so a re-import can tell "unchanged" without a diff.
    content_sha256: Mapped[str] = mapped_column(String(64))
    source_file: Mapped[str] = mapped_column(Text)
    source_row: Mapped[int] = mapped_column(Integer)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    findings: Mapped[list[RuleFinding]] = relationship(
        back_populates="submission", foreign_keys="RuleFinding.submission_pk"
    )


class Expert(Base):
    __tablename__ = "expert"

    id: Mapped[int] = mapped_column(primary_key=True)
    expert_code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    email: Mapped[str] = mapped_column(Text, default="")
    organisation: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str] = mapped_column(Text, default="")
    category_keys: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    # The language of the expert's review workbook (panel_app.i18n's code: "fr", "zh_CN"):
    # the expert list's, or the package's on the expert's laptop; None: the chair's choice.
    language: Mapped[str | None] = mapped_column(String(16), default=None)

    conflicts: Mapped[list[Conflict]] = relationship(
        back_populates="expert", cascade="all, delete-orphan"
    )


class Conflict(Base):
    """A declared conflict of interest: with an organisation or with one submission."""

    __tablename__ = "conflict"

    id: Mapped[int] = mapped_column(primary_key=True)
    expert_pk: Mapped[int] = mapped_column(ForeignKey("expert.id", ondelete="CASCADE"))
    organisation: Mapped[str | None] = mapped_column(Text)
    submission_pk: Mapped[int | None] = mapped_column(ForeignKey("submission.id"))
    reason: Mapped[str] = mapped_column(Text, default="")

    expert: Mapped[Expert] = relationship(back_populates="conflicts")


class Assignment(Base):
    __tablename__ = "assignment"
    __table_args__ = (UniqueConstraint("expert_pk", "submission_pk", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    expert_pk: Mapped[int] = mapped_column(ForeignKey("expert.id"), index=True)
    submission_pk: Mapped[int] = mapped_column(ForeignKey("submission.id"), index=True)
    round: Mapped[str] = mapped_column(String(16))  # "nomination" or "final"
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class Review(Base):
    """One expert's review of one submission in one round; the latest revision wins."""

    __tablename__ = "review"
    __table_args__ = (UniqueConstraint("expert_pk", "submission_pk", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    expert_pk: Mapped[int] = mapped_column(ForeignKey("expert.id"), index=True)
    submission_pk: Mapped[int] = mapped_column(ForeignKey("submission.id"), index=True)
    round: Mapped[str] = mapped_column(String(16))
    revision: Mapped[int] = mapped_column(default=0)
    confidence: Mapped[str | None] = mapped_column(String(16))  # high, medium, low
    comment: Mapped[str] = mapped_column(Text, default="")
    conflict_declared: Mapped[bool] = mapped_column(default=False)
    abstained: Mapped[bool] = mapped_column(default=False)
    # Where the scores came from: "app" (this laptop), "signed" (verified workbook),
    # "hand-edited" (a workbook whose signature did not match, accepted after validation).
    origin: Mapped[str] = mapped_column(String(16), default="app")
    # The nomination gates (the edition's [nomination] gates, in its order), answered before
    # the criteria: true (met), false (failed) or null (not answered); NULL: none answered
    # (a review from before schema 0010, or of a round without gates).
    gates: Mapped[list[Any] | None] = mapped_column(JSON(none_as_null=True), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    scores: Mapped[list[Score]] = relationship(
        back_populates="review", cascade="all, delete-orphan"
    )


class Score(Base):
    __tablename__ = "score"
    __table_args__ = (UniqueConstraint("review_pk", "criterion_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_pk: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"))
    criterion_key: Mapped[str] = mapped_column(String(64))
    value: Mapped[int | None] = mapped_column()

    review: Mapped[Review] = relationship(back_populates="scores")


class RuleFinding(Base):
    """A rule check's finding, as data; a chair may overrule it with a reason."""

    __tablename__ = "rule_finding"
    __table_args__ = (
        Index("ix_rule_finding_rule_submission", "rule_id", "submission_pk"),
        # One finding per rule and submission (or pair). Two indexes, because NULLs never
        # collide in a unique index: pairs in the first, single findings in the second.
        Index(
            "uq_rule_finding_pair",
            "rule_id",
            "submission_pk",
            "related_submission_pk",
            unique=True,
        ),
        Index(
            "uq_rule_finding_single",
            "rule_id",
            "submission_pk",
            unique=True,
            sqlite_where=text("related_submission_pk IS NULL"),
            postgresql_where=text("related_submission_pk IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(16))  # "ineligible" or "warning"
    submission_pk: Mapped[int] = mapped_column(ForeignKey("submission.id"))
    # The other submission of a pair (duplicates, one project per entity).
    related_submission_pk: Mapped[int | None] = mapped_column(ForeignKey("submission.id"))
    template: Mapped[str] = mapped_column(Text)  # English msgid, see panel_app.problems
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    evidence: Mapped[str] = mapped_column(Text)  # the English message, filled in
    overruled_reason: Mapped[str | None] = mapped_column(Text)
    overruled_by: Mapped[str | None] = mapped_column(String(128))
    overruled_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utc_now)

    submission: Mapped[Submission] = relationship(
        back_populates="findings", foreign_keys=[submission_pk]
    )


class Chair(Base):
    """Someone who may decide in this workspace (docs/formats/audit-chain.md, "Who acts").

    Once a workspace has one, every audit entry is written by one of its chairs (the name
    as registered); a chair who leaves is retired, never deleted, so the log's names stay
    explained.
    """

    __tablename__ = "chair"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    role: Mapped[str] = mapped_column(String(64))  # e.g. "chair", "co-chair", "secretariat"
    added_at: Mapped[datetime] = mapped_column(default=utc_now)
    added_by: Mapped[str] = mapped_column(String(128))
    retired_at: Mapped[datetime | None] = mapped_column()
    retired_by: Mapped[str | None] = mapped_column(String(128))
    retire_reason: Mapped[str | None] = mapped_column(Text)


class ChairConflict(Base):
    """A chair's declared conflict of interest: with an organisation or with one submission.
    A conflicted chair's decisions on the projects concerned are refused; a conflict
    withdrawn (with a reason) stays on record."""

    __tablename__ = "chair_conflict"

    id: Mapped[int] = mapped_column(primary_key=True)
    chair_pk: Mapped[int] = mapped_column(ForeignKey("chair.id", ondelete="CASCADE"), index=True)
    organisation: Mapped[str | None] = mapped_column(Text)
    submission_pk: Mapped[int | None] = mapped_column(ForeignKey("submission.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    declared_at: Mapped[datetime] = mapped_column(default=utc_now)
    declared_by: Mapped[str] = mapped_column(String(128))
    withdrawn_at: Mapped[datetime | None] = mapped_column()
    withdrawn_by: Mapped[str | None] = mapped_column(String(128))
    withdraw_reason: Mapped[str | None] = mapped_column(Text)


class PastWinner(Base):
    """A winner of an earlier edition (rule 11), from an imported list.

    The list is the union of every import: the same winner (title, organisation and
    edition, compared as the past-winner rule compares them) is kept once, as first imported.
    """

    __tablename__ = "past_winner"
    __table_args__ = (UniqueConstraint("title_key", "organisation_key", "edition_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)  # as written in the list
    organisation: Mapped[str] = mapped_column(Text)
    edition_year: Mapped[int] = mapped_column(Integer)
    edition: Mapped[str] = mapped_column(Text)  # as written: "2019", "WSIS Prizes 2019"
    # The project's description, where a list gave one ("" otherwise): rule 11 compares
    # it with the submissions' texts.
    text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Folded forms (see panel_app.rules.past_winners), so a re-import adds no duplicate.
    title_key: Mapped[str] = mapped_column(String(512))
    organisation_key: Mapped[str] = mapped_column(String(512))
    source_file: Mapped[str] = mapped_column(Text)
    source_row: Mapped[int] = mapped_column(Integer)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class Decision(Base):
    """A chair's decision on a submission at one stage, with the reason behind it."""

    __tablename__ = "decision"
    __table_args__ = (UniqueConstraint("submission_pk", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_pk: Mapped[int] = mapped_column(ForeignKey("submission.id"))
    category_key: Mapped[str] = mapped_column(String(64))
    stage: Mapped[str] = mapped_column(String(16))  # nominee, finalist, winner, champion
    outcome: Mapped[str] = mapped_column(String(16))  # "selected", "not-selected"
    rationale: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(128))
    decided_at: Mapped[datetime] = mapped_column(default=utc_now)


class ListFreeze(Base):
    """A list (the nominees) frozen by the chair: the list as it stood, and its unfreezing.

    The open freeze (unfrozen_at NULL) is the list in force; a change to the list needs an
    explicit unfreeze with a reason. Rows are never deleted, so every freeze stays on record.
    """

    __tablename__ = "list_freeze"

    id: Mapped[int] = mapped_column(primary_key=True)
    stage: Mapped[str] = mapped_column(String(16))  # "nominee"
    method: Mapped[str] = mapped_column(String(16))  # the ranking method of the snapshot
    frozen_at: Mapped[datetime] = mapped_column(default=utc_now)
    frozen_by: Mapped[str] = mapped_column(String(128))
    reason: Mapped[str] = mapped_column(Text)
    # The list's rows as exported (docs/formats/nominee-list.md), so that what was frozen is
    # what is exported, whatever reviews arrive later.
    snapshot: Mapped[list[Any]] = mapped_column(default=list)
    unfrozen_at: Mapped[datetime | None] = mapped_column()
    unfrozen_by: Mapped[str | None] = mapped_column(String(128))
    unfreeze_reason: Mapped[str | None] = mapped_column(Text)


class WorkspaceSecret(Base):
    """A secret that never goes into the audit log nor into any file the app writes: the
    review packages' signing keys are derived from the chair's, an expert's workspace
    keeps its package's key (store/secret.py)."""

    __tablename__ = "workspace_secret"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class AuditEntry(Base):
    """Append-only: who did what, when, with the values before and after.

    Updates and deletes are refused by the ORM (see audit.py) and by database triggers;
    the hash chain shows any change made past both (store/chain.py).
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("uq_audit_log_seq", "seq", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utc_now)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))  # e.g. "submission.updated"
    entity: Mapped[str] = mapped_column(String(32))  # table name
    entity_id: Mapped[str] = mapped_column(String(64))  # e.g. the Submission ID
    # none_as_null: "no value" is SQL NULL, not the JSON text 'null'.
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    note: Mapped[str] = mapped_column(Text, default="")
    # The hash chain (store/chain.py): the entry's place, the hash of the entry before it,
    # and the hash of its own content with that one. Nullable in the schema only because
    # entries written before migration 0005 got theirs there.
    seq: Mapped[int | None] = mapped_column(Integer)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    entry_hash: Mapped[str | None] = mapped_column(String(64))
