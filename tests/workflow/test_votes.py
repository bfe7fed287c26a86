"""Vote intake over a real workspace: refused without a frozen list, the audit and the
finalists stored, re-import changes nothing, a new file replaces the previous import."""

from __future__ import annotations

import csv
import dataclasses
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from panel_app.demo.votes import HEADER, VoteTruth, generate_votes, write_votes_csv
from panel_app.formats.votes import open_votes
from panel_app.problems import InputRefused
from panel_app.store.audit import record_change
from panel_app.store.models import AuditEntry, Decision, ImportBatch, Submission, Workspace
from panel_app.votes.audit import VoteAuditor
from panel_app.workflow.files import IntakeCancelled, file_sha256
from panel_app.workflow.handover import open_freeze
from panel_app.workflow.intake.checks import run_checks
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.nomination.nominees import freeze_nominees
from panel_app.workflow.vote.public_vote import (
    VotesRefused,
    audit_to_dict,
    finalists_report,
    frozen_nominees,
    import_votes,
    import_votes_at,
)
from panel_app.workflow.workspace import OpenWorkspace, open_workspace

from .conftest import submission_row, write_workbook
from .test_nomination import add_reviews


@pytest.fixture
def voting(workspace: OpenWorkspace, tmp_path: Path) -> OpenWorkspace:
    """25 projects in C7-ehealth; the frozen list holds the best 20 (IDs 1-20)."""
    rows = [submission_row(i) for i in range(1, 26)]
    import_submissions(workspace, write_workbook(tmp_path / "set.xlsx", rows), actor="test")
    run_checks(workspace, actor="test")  # as every import is followed
    add_reviews(workspace, {str(i): 35 - i for i in range(1, 26)})
    freeze_nominees(workspace, "Panel meeting", actor="chair")
    return workspace


def stored_finalists(ws: OpenWorkspace) -> set[str]:
    with ws.sessions() as session:
        return set(
            session.scalars(
                select(Submission.submission_id)
                .join(Decision, Decision.submission_pk == Submission.id)
                .where(Decision.stage == "finalist", Decision.outcome == "selected")
            )
        )


def counts(ws: OpenWorkspace) -> tuple[int, int]:
    with ws.sessions() as session:
        batches = session.scalar(
            select(func.count()).select_from(ImportBatch).where(ImportBatch.kind == "votes")
        )
        entries = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "votes.imported")
        )
    return int(batches or 0), int(entries or 0)


def tally(path: Path, votes: dict[str, int]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Category", "Submission ID", "Votes"])
        for sid, count in votes.items():
            writer.writerow(["C7 E-health", sid, count])
    return path


def test_votes_need_a_frozen_nominee_list(workspace: OpenWorkspace, tmp_path: Path) -> None:
    path = tally(tmp_path / "tally.csv", {"1": 3})
    with pytest.raises(VotesRefused, match="freeze the nominee list first"):
        import_votes(workspace, path, actor="chair")
    assert counts(workspace) == (0, 0)


def test_the_audit_and_the_finalists_are_stored(voting: OpenWorkspace, tmp_path: Path) -> None:
    nominees = frozen_nominees(voting)
    assert sorted(int(n.submission_id) for n in nominees) == list(range(1, 21))
    truth = VoteTruth()
    path = write_votes_csv(
        tmp_path / "votes.csv",
        generate_votes(voting.edition, nominees, 3000, truth, outsiders=("21", "99")),
    )
    result = import_votes(voting, path, actor="chair")
    audit = result.audit
    assert (result.changed, result.replaced) == (True, None)
    assert dict(audit.rejected) == truth.rejected
    assert audit.valid_votes() == truth.valid_votes
    (outcome,) = audit.categories
    assert stored_finalists(voting) == set(outcome.finalists)
    report = finalists_report(voting)
    assert report.audit == audit
    assert report.file == "votes.csv"
    assert set(report.finalists["C7-ehealth"]) == set(outcome.finalists)

    again = import_votes(voting, path, actor="chair")  # the same file: nothing changes
    assert not again.changed and again.audit == audit
    assert counts(voting) == (1, 1)


def test_a_new_file_replaces_the_previous_import_and_ties_are_surfaced(
    voting: OpenWorkspace, tmp_path: Path
) -> None:
    first = tally(tmp_path / "first.csv", {str(i): 100 - i for i in range(1, 21)})
    import_votes(voting, first, actor="chair")
    assert stored_finalists(voting) == {"1", "2", "3", "4", "5"}
    second = tally(
        tmp_path / "second.csv",
        {"7": 50, "8": 40, "9": 30, "10": 30, "11": 20, "12": 20, "13": 20, "21": 500},
    )
    result = import_votes(voting, second, actor="chair")
    assert result.replaced == "first.csv"
    assert result.audit.rejected["not_nominee"] == 500  # 21 is not on the frozen list
    (outcome,) = result.audit.categories
    assert outcome.finalists == ("7", "8", "9", "10")
    assert (outcome.tied, outcome.open_places) == (("11", "12", "13"), 1)
    assert stored_finalists(voting) == {"7", "8", "9", "10"}  # the tie is the chair's
    report = finalists_report(voting)
    assert any(
        "11, 12, 13 tie on votes for the last 1 finalist place(s)" in w for w in report.warnings
    )
    assert report.unsettled["C7-ehealth"].undecided == ("11", "12", "13")
    with voting.sessions() as session:
        notes = list(
            session.scalars(
                select(AuditEntry.note)
                .where(AuditEntry.action == "votes.imported")
                .order_by(AuditEntry.id)
            )
        )
    assert notes == ["", "replaces the vote import of first.csv"]


def test_a_refused_file_changes_nothing(voting: OpenWorkspace, tmp_path: Path) -> None:
    import_votes(voting, tally(tmp_path / "first.csv", {"1": 5}), actor="chair")
    broken = tmp_path / "broken.csv"
    broken.write_text("Category,Submission ID,Voter account\nC7 E-health,1,v1\n", encoding="utf-8")
    with pytest.raises(InputRefused) as caught:
        import_votes(voting, broken, actor="chair")
    assert caught.value.problems[0].code == "votes.column_missing"
    assert counts(voting) == (1, 1)
    assert finalists_report(voting).file == "first.csv"


def test_the_windows_import_reports_progress_and_a_cancel_writes_nothing(
    voting: OpenWorkspace, tmp_path: Path
) -> None:
    """import_votes_at, as File > Import public vote… runs it in a worker thread."""
    nominees = frozen_nominees(voting)
    path = write_votes_csv(
        tmp_path / "votes.csv", generate_votes(voting.edition, nominees, 3000, VoteTruth())
    )
    with pytest.raises(IntakeCancelled, match="nothing was written"):
        import_votes_at(voting.location, path, actor="chair", cancelled=lambda: True)
    assert counts(voting) == (0, 0) and stored_finalists(voting) == set()

    steps: list[tuple[int, int]] = []
    result = import_votes_at(
        voting.location, path, actor="chair", progress=lambda d, t: steps.append((d, t))
    )
    assert result.changed and counts(voting) == (1, 1)
    assert steps and steps[-1][0] == steps[-1][1] >= result.audit.votes_read
    assert stored_finalists(voting) == set(result.audit.categories[0].finalists)


def test_a_workspace_made_before_vote_opens_audits_early_votes_again(
    voting: OpenWorkspace, tmp_path: Path
) -> None:
    """A workspace keeps the edition text it was made with, and its last vote import: made
    before vote_opens existed, neither checked the opening. Imported again after the
    upgrade, the same file is audited again: its early votes are rejected, the finalists
    stored from the valid votes only."""
    with voting.transaction() as session:  # the edition text as the older app stored it
        row = session.scalars(select(Workspace)).one()
        row.edition_source = row.edition_source.replace(
            "vote_opens = 2019-12-21T00:00:00+01:00\n", ""
        )
        assert "\nvote_opens" not in row.edition_source
    nominees = frozen_nominees(voting)
    path = tmp_path / "votes.csv"
    early = [("1", "2019-12-20 23:59:59"), ("1", "2019-12-19 10:00:00"), ("2", "2019-12-01")]
    in_time = [("2", "2019-12-21 00:00:00"), ("3", "2020-01-10 12:00:00"), ("4", "2020-01-11")]
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        for n, (sid, at) in enumerate(early + in_time):
            writer.writerow([f"v{n}", f"Voters {n}", "Academia", "Chile", f"v{n}@example.org",
                             "C7 E-health", sid, at])  # fmt: skip
    # The import the older app stored: no before_open, the early votes counted.
    unchecked = VoteAuditor(dataclasses.replace(voting.edition, vote_opens=None), nominees)
    with open_votes(path, voting.edition) as data:
        unchecked.add_all(data.votes)
    stored = audit_to_dict(unchecked.result())
    del stored["rejected"]["before_open"], stored["vote_opens"]
    assert stored["valid"] == 6
    with voting.transaction() as session:
        freeze = open_freeze(session)
        assert freeze is not None
        record_change(
            session, actor="chair", action="votes.imported", entity="import_batch", entity_id=1,
            after={"file": "votes.csv", "file_sha256": file_sha256(path), "batch": 1,
                   "nominee_freeze": freeze.id, "audit": stored},
        )  # fmt: skip

    with open_workspace(voting.location) as upgraded:
        assert upgraded.edition.vote_opens == datetime(2019, 12, 21, tzinfo=upgraded.edition.zone)
        warnings = finalists_report(upgraded).warnings  # until the votes are imported again
        assert any("votes cast before the vote opened were not rejected" in w for w in warnings)
        result = import_votes(upgraded, path, actor="chair")
        report = finalists_report(upgraded)
    assert (result.changed, result.replaced) == (True, "votes.csv")
    assert {k: n for k, n in result.audit.rejected.items() if n} == {"before_open": 3}
    assert result.audit.valid == 3
    assert report.audit.rejected["before_open"] == 3
    assert not any("before the vote opened" in w for w in report.warnings)
    votes = report.audit.valid_votes()
    assert (votes["1"], votes["2"], votes["3"], votes["4"]) == (0, 1, 1, 1)
    # Importing it once more changes nothing: it was audited by the rules of now.
    assert not import_votes(voting, path, actor="chair").changed


def test_a_finalists_vote_is_read_back_from_its_decision() -> None:
    from panel_app.workflow.handover import vote_in_words, vote_rationale, vote_standing

    assert vote_standing(vote_rationale(812, 1)) == (812, 1)
    assert vote_in_words(vote_rationale(812, 1), "en") == "812 valid votes, rank 1"
    assert vote_in_words(vote_rationale(812, 1), "zh_CN") == "有效票 812 张，第 1 名"
    assert vote_standing("Panel meeting: the tie settled by ID") is None  # the chair's reason
