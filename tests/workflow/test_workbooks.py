"""Review workbooks end to end: packages out, filled in (as Excel would, or by the app on
the expert's laptop), merged back; every refusal, with its message."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from panel_app.problems import InputRefused
from panel_app.store.models import (
    Assignment,
    AuditEntry,
    Expert,
    Review,
    Score,
    Submission,
    WorkspaceSecret,
)
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.review.expert_workbook import export_scores, open_package
from panel_app.workflow.review.merge import coverage, merge_workbook, merge_workbooks_at
from panel_app.workflow.review.packages import write_packages, write_packages_at
from panel_app.workflow.rounds import NOMINATION as ROUND
from panel_app.workflow.workspace import OpenWorkspace, locate_workspace, open_workspace
from tests.workflow.conftest import submission_row, write_workbook

IDS = ["1001", "1002", "1003", "1004", "1005", "1006"]
ASSIGNED = {"E01": IDS[:4], "E02": IDS[2:]}


@pytest.fixture
def chair(workspace: OpenWorkspace, tmp_path: Path) -> OpenWorkspace:
    """Six projects, two experts, four projects each (two shared)."""
    rows = [submission_row(int(i)) for i in IDS]
    import_submissions(workspace, write_workbook(tmp_path / "set.xlsx", rows), actor="test")
    with workspace.transaction() as session:
        pks = dict(session.execute(select(Submission.submission_id, Submission.id)).tuples().all())
        for code, ids in ASSIGNED.items():
            expert = Expert(expert_code=code, name=f"Expert {code}", category_keys=["C7-ehealth"])
            session.add(expert)
            session.flush()
            for sid in ids:
                session.add(Assignment(expert_pk=expert.id, submission_pk=pks[sid], round=ROUND))
    return workspace


@pytest.fixture
def packages(chair: OpenWorkspace, tmp_path: Path) -> dict[str, Path]:
    result = write_packages(chair, tmp_path / "out", actor="chair")
    return {f.expert_code: f.path for f in result.files}


def first_score_column(sheet: Any) -> int:
    """The first criterion's column: after the identity columns and the gates'."""
    headers = [str(c.value or "") for c in sheet[1]]
    return next(n for n, h in enumerate(headers, start=1) if n > 4 and not h.startswith("Gate "))


def fill(
    path: Path,
    scores: dict[str, list[Any]],
    out: Path | None = None,
    gates: dict[str, list[Any]] | None = None,
) -> Path:
    """Fill the scores sheet as a person in Excel would: values typed into cells (the
    scores from the first criterion's column on; `gates` into the gates' columns)."""
    book = openpyxl.load_workbook(path)
    sheet = book["Scores"]
    rows = {str(sheet.cell(r, 1).value): r for r in range(2, sheet.max_row + 1)}
    first = first_score_column(sheet)
    for sid, values in scores.items():
        for offset, value in enumerate(values):
            sheet.cell(rows[sid], first + offset).value = value
    for sid, answers in (gates or {}).items():
        for offset, answer in enumerate(answers):
            sheet.cell(rows[sid], 5 + offset).value = answer
    out = out or path
    book.save(out)
    return out


def full(
    value: int, confidence: str = "high", conflict: str | None = None, comment: str = ""
) -> list[Any]:
    return [value] * 7 + [confidence, conflict, comment]


def reviews_of(ws: OpenWorkspace, code: str) -> dict[str, tuple[int, str, list[int | None]]]:
    with ws.sessions() as session:
        found = session.execute(
            select(Submission.submission_id, Review.revision, Review.origin, Review.id)
            .join(Review, Review.submission_pk == Submission.id)
            .join(Expert, Expert.id == Review.expert_pk)
            .where(Expert.expert_code == code)
        ).all()
        result = {}
        for sid, revision, origin, pk in found:
            values = list(
                session.scalars(
                    select(Score.value).where(Score.review_pk == pk).order_by(Score.criterion_key)
                )
            )
            result[sid] = (revision, origin, values)
        return result


def refused(ws: OpenWorkspace, path: Path, **options: Any) -> InputRefused:
    with pytest.raises(InputRefused) as caught:
        merge_workbook(ws, path, actor="chair", **options)
    return caught.value


def test_a_package_as_excel_fills_it_is_merged_and_marked_edited_outside_the_app(
    chair: OpenWorkspace, packages: dict[str, Path]
) -> None:
    path = fill(packages["E01"], {"1001": full(4, comment='=HYPERLINK("x")'), "1002": full(2)})
    result = merge_workbook(chair, path, actor="chair")
    assert (result.added, result.updated, result.origin) == (2, 0, "hand-edited")
    stored = reviews_of(chair, "E01")
    assert stored["1001"] == (0, "hand-edited", [4] * 7)
    assert set(stored) == {"1001", "1002"}
    report = coverage(chair)
    e01 = next(e for e in report.experts if e.expert_code == "E01")
    assert (e01.returned, e01.assigned, e01.missing) == (2, 4, ["1003", "1004"])
    assert [p.submission_id for p in report.projects] == ["1003", "1004", "1005", "1006"]


def test_the_package_has_the_promised_sheets_protection_and_one_validation_per_column(
    packages: dict[str, Path],
) -> None:
    book = openpyxl.load_workbook(packages["E01"])
    assert book.sheetnames == ["Read me", "Scores", "Projects", "Metadata"]
    assert book["Metadata"].sheet_state == "veryHidden"
    scores = book["Scores"]
    assert scores.protection.sheet and book["Projects"].protection.sheet
    assert scores["A2"].protection.locked  # identity locked
    assert not scores.column_dimensions["E"].protection.locked  # the gates, open
    headers = [c.value for c in scores[1]]
    assert headers[4:7] == [
        "Gate 1 (yes/no)",
        "Gate 2 (yes/no)",
        "Results achieved and impact (1-5)",
    ]
    validations = scores.data_validations.dataValidation
    assert [str(v.sqref) for v in validations] == [f"{c}2:{c}5" for c in "EFGHIJKLMNO"]
    assert [v.formula1 for v in validations[:3]] == ['"yes,no"', '"yes,no"', '"1,2,3,4,5"']
    assert validations[0].showInputMessage and validations[0].promptTitle == "Gate 1"
    assert validations[0].prompt.startswith("The submission follows the submission rules")
    readme = " ".join(str(c.value) for row in book["Read me"].iter_rows() for c in row if c.value)
    assert "How to fill it in" in readme
    assert "Gate 2 (yes/no): The project is strongly aligned with the WSIS action lines" in readme
    assert book["Read me"].max_column == 1  # an English package: English alone
    projects = book["Projects"]
    assert projects["J2"].alignment.wrap_text  # the full texts, wrapped
    assert projects.max_row == 5


def test_the_same_file_twice_changes_nothing(
    chair: OpenWorkspace, packages: dict[str, Path]
) -> None:
    path = fill(packages["E01"], {"1001": full(3)})
    merge_workbook(chair, path, actor="chair")
    with chair.sessions() as session:
        entries = session.scalar(select(func.count(AuditEntry.id)))
    again = merge_workbook(chair, path, actor="chair")
    assert again.unchanged
    with chair.sessions() as session:
        assert session.scalar(select(func.count(AuditEntry.id))) == entries


def expert_workspace(tmp_path: Path, name: str) -> Any:
    return locate_workspace(tmp_path / f"{name}.sqlite")


def score_on_laptop(location: Any, values: dict[str, int], comment: str = "") -> None:
    """What the scoring desk does: the expert's reviews in the expert's workspace."""
    with open_workspace(location) as ws, ws.transaction() as session:
        expert = session.scalars(select(Expert)).one()
        pks = dict(session.execute(select(Submission.submission_id, Submission.id)).tuples().all())
        for sid, value in values.items():
            review = session.scalars(select(Review).where(Review.submission_pk == pks[sid])).first()
            if review is None:
                review = Review(expert_pk=expert.id, submission_pk=pks[sid], round=ROUND)
                session.add(review)
            review.comment = comment
            review.confidence = "medium"
            by_key = {s.criterion_key: s for s in review.scores}
            for criterion in ws.edition.criteria:
                if criterion.key in by_key:
                    by_key[criterion.key].value = value
                else:
                    review.scores.append(Score(criterion_key=criterion.key, value=value))


def export(location: Any, out: Path) -> Path:
    with open_workspace(location) as ws:
        export_scores(ws, out, actor="expert")
    return out


def test_the_experts_side_signs_and_numbers_revisions_and_the_chair_keeps_both(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    laptop = expert_workspace(tmp_path, "e01")
    opened = open_package(laptop, packages["E01"], actor="expert")
    assert (opened.expert_code, opened.projects, opened.added) == ("E01", 4, 4)
    assert open_package(laptop, packages["E01"], actor="expert").added == 0  # again: harmless
    score_on_laptop(laptop, {"1001": 5, "1003": 1}, comment="=cmd|' /C calc'!A0")
    first = export(laptop, tmp_path / "r1.xlsx")
    score_on_laptop(laptop, {"1001": 3})
    second = export(laptop, tmp_path / "r2.xlsx")

    result = merge_workbook(chair, second, actor="chair")
    assert (result.revision, result.origin, result.added) == (2, "signed", 2)
    message = refused(chair, first).report()
    assert "revision 1 of the package; revision 2 was merged already" in message

    assert reviews_of(chair, "E01")["1001"] == (2, "signed", [3] * 7)
    assert reviews_of(chair, "E01")["1003"] == (2, "signed", [1] * 7)


def test_a_newer_revision_supersedes_the_older_with_both_in_the_audit_log(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    laptop = expert_workspace(tmp_path, "e02")
    open_package(laptop, packages["E02"], actor="expert")
    score_on_laptop(laptop, {"1005": 2})
    first = export(laptop, tmp_path / "r1.xlsx")
    score_on_laptop(laptop, {"1005": 4})
    second = export(laptop, tmp_path / "r2.xlsx")
    merge_workbook(chair, first, actor="chair")
    result = merge_workbook(chair, second, actor="chair")
    assert (result.updated, result.revision) == (1, 2)
    assert reviews_of(chair, "E02")["1005"] == (2, "signed", [4] * 7)
    with chair.sessions() as session:
        history = [
            (
                e.before and e.before["scores"]["impact"],
                e.after and e.after["scores"]["impact"],
            )
            for e in session.scalars(select(AuditEntry).where(AuditEntry.action == "review.merged"))
        ]
    assert history == [(None, 2), (2, 4)]


def test_the_signing_key_never_appears_in_an_exported_workbook(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    laptop = expert_workspace(tmp_path, "e01")
    open_package(laptop, packages["E01"], actor="expert")
    key = laptop_key(laptop)
    assert key.hex().encode() in b"".join(_parts(packages["E01"]))  # the package does carry it
    score_on_laptop(laptop, {"1002": 4})
    exported = export(laptop, tmp_path / "scores.xlsx")
    raw = key.hex().encode()
    for part in _parts(exported):
        assert raw not in part and raw.upper() not in part
    assert key not in exported.read_bytes()
    # Nor is it in either audit log, which `audit show` and `audit export` print.
    with chair.sessions() as session:
        entries = session.scalars(select(AuditEntry)).all()
    with open_workspace(laptop) as ws, ws.sessions() as session:
        entries += session.scalars(select(AuditEntry)).all()
    assert entries and not any(key.hex() in repr((e.before, e.after)) for e in entries)


def laptop_key(location: Any) -> bytes:
    """The package key the expert's workspace keeps (apart from its audit log)."""
    with open_workspace(location) as ws, ws.sessions() as session:
        [key] = session.scalars(select(WorkspaceSecret.value)).all()
    return bytes(key)


def _parts(path: Path) -> list[bytes]:
    with zipfile.ZipFile(path) as archive:
        return [archive.read(name) for name in archive.namelist()]


def test_a_hand_edited_signed_workbook_is_accepted_but_marked_and_strict_refuses_it(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    laptop = expert_workspace(tmp_path, "e01")
    open_package(laptop, packages["E01"], actor="expert")
    score_on_laptop(laptop, {"1002": 4})
    path = export(laptop, tmp_path / "scores.xlsx")
    fill(path, {"1002": [5]})  # one score changed in Excel afterwards
    message = refused(chair, path, strict=True).report()
    assert "not signed by the app" in message
    assert merge_workbook(chair, path, actor="chair").origin == "hand-edited"


def test_a_sheet_with_problems_is_refused_whole_with_every_problem_located(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    path = fill(
        packages["E01"],
        {
            "1001": [4, 9, 3, 3, 3, 3, 3, "sure", None, None],
            "1002": full(2, conflict="yes"),
            "1003": full(3),
        },
    )
    book = openpyxl.load_workbook(path)
    book["Scores"].cell(5, 1).value = "1006"  # a project of another expert
    book.save(path)
    error = refused(chair, path)
    lines = error.report().splitlines()
    assert lines[0] == "wsis-2020-nomination-E01.xlsx refused: 4 problems"
    assert any(
        "The score is not on the scale (found '9'); expected a whole number from 1 to 5" in line
        for line in lines
    )
    assert any("row 2, column 'Confidence'" in line and "'sure'" in line for line in lines)
    assert any("row 3" in line and "conflict of interest has scores" in line for line in lines)
    assert any("row 5" in line and "1006 is not assigned to expert E01" in line for line in lines)
    assert reviews_of(chair, "E01") == {}  # nothing written

    result = merge_workbook(chair, path, actor="chair", accept_valid_rows=True)
    assert result.added == 1 and len(result.skipped) == 4
    assert set(reviews_of(chair, "E01")) == {"1003"}


@pytest.mark.parametrize(
    ("entry", "value", "expected"),
    [
        ("expert", "E99", "The expert E99 is not on this workspace's panel"),
        ("package_id", "0" * 32, "was not issued by this workspace to expert E01"),
        ("edition", "wsis-2017", "for the edition wsis-2017; this workspace reviews wsis-2020"),
        ("format_version", 5, "version 5; this app reads 'wsis-panel-review-workbook' versions 1"),
        (
            "gates",
            1,
            "The workbook asks 1 nomination gate(s); the nomination round of the edition asks 2",
        ),
        ("round", "semi-final", "for the round 'semi-final', which this app does not know"),
        ("revision", "two", "The revision is not a whole number"),
        ("criteria", "impact", "criteria (impact) are not the nomination round's criteria"),
        ("format", "something-else", "The workbook is 'something-else' version 4"),
        ("language", "de", "The workbook's language 'de' is not one of the app's"),
        ("headers", '["Submission ID"]', "The metadata's headers are not the 16 columns"),
    ],
)
def test_metadata_that_does_not_match_is_refused_with_its_reason(
    chair: OpenWorkspace, packages: dict[str, Path], entry: str, value: object, expected: str
) -> None:
    path = fill(packages["E01"], {"1001": full(3)})
    book = openpyxl.load_workbook(path)
    meta = book["Metadata"]
    row = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == entry)
    meta.cell(row, 2).value = value
    book.save(path)
    assert expected in refused(chair, path).report()


def test_a_workbook_stripped_of_its_hidden_sheet_and_validations_gets_a_clear_answer(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    # A careless save: the visible sheets' values copied into a new workbook.
    source = openpyxl.load_workbook(fill(packages["E01"], {"1001": full(3)}))
    copy = openpyxl.Workbook()
    for sheet in copy.worksheets:
        copy.remove(sheet)
    for name in ("Read me", "Scores", "Projects"):
        target = copy.create_sheet(name)
        for row in source[name].iter_rows(values_only=True):
            target.append(list(row))
    path = tmp_path / "stripped.xlsx"
    copy.save(path)
    message = refused(chair, path).report()
    assert "no hidden 'Metadata' sheet" in message
    assert "not a review workbook written by panel-app, or it was saved in a way" in message


def test_an_older_hand_filled_version_at_the_same_revision_is_refused_unless_replaced(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    first = fill(packages["E01"], {"1001": full(3)}, tmp_path / "v1.xlsx")
    second = fill(packages["E01"], {"1001": full(4)}, tmp_path / "v2.xlsx")
    merge_workbook(chair, first, actor="chair")
    assert "merged already with other scores" in refused(chair, second).report()
    assert (
        merge_workbook(
            chair, second, actor="chair", replace=True, reason="the expert's later version"
        ).updated
        == 1
    )
    assert reviews_of(chair, "E01")["1001"][2] == [4] * 7


def test_packages_written_again_keep_the_package_and_key(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    path = fill(packages["E01"], {"1001": full(3)}, tmp_path / "filled.xlsx")
    again = write_packages(chair, tmp_path / "again", actor="chair")
    assert not any(f.newly_issued for f in again.files)
    assert merge_workbook(chair, path, actor="chair").added == 1


def test_open_package_takes_scores_typed_in_excel_and_refuses_a_scored_export(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    started = fill(packages["E02"], {"1004": full(2)}, tmp_path / "started.xlsx")
    laptop = expert_workspace(tmp_path, "e02")
    # Saved by a spreadsheet program (here openpyxl), the copy has lost the package's key:
    # it is taken into a workspace only where the package itself was opened.
    message = refused_opening(laptop, started)
    assert "carries no signing key: a spreadsheet program leaves the package's key out" in message
    assert "the package as the chair sent it, opened first; then this copy" in message
    assert laptop.path is not None and not laptop.path.exists()  # nothing left behind
    assert open_package(laptop, packages["E02"], actor="expert").reviews == 0
    assert open_package(laptop, started, actor="expert").reviews == 1
    exported = export(laptop, tmp_path / "scores.xlsx")
    assert merge_workbook(chair, exported, actor="chair").origin == "signed"

    elsewhere = expert_workspace(tmp_path, "other")
    with pytest.raises(InputRefused) as caught:
        open_package(elsewhere, exported, actor="expert")
    assert "carries no signing key" in caught.value.report()
    assert elsewhere.path is not None and not elsewhere.path.exists()  # nothing left behind
    with pytest.raises(InputRefused) as caught:
        open_package(laptop, packages["E01"], actor="expert")
    assert "holds the package of expert E02, not of E01" in caught.value.report()


def refused_opening(location: Any, path: Path) -> str:
    with pytest.raises(InputRefused) as caught:
        open_package(location, path, actor="expert")
    return caught.value.report()


def test_a_run_of_workbooks_merges_each_whole_refuses_the_bad_one_and_goes_on(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    """What File > Merge scored workbooks… runs: several files, one refused, the others in."""
    good = fill(packages["E01"], {"1001": full(4), "1002": full(2)}, tmp_path / "e01.xlsx")
    bad = fill(packages["E02"], {"1003": [9] * 7}, tmp_path / "e02.xlsx")
    steps: list[tuple[int, int]] = []
    run = merge_workbooks_at(
        chair.location, [good, bad], actor="chair", progress=lambda d, t: steps.append((d, t))
    )
    assert (run.chosen, run.cancelled, len(run.merged), len(run.refused)) == (2, False, 1, 1)
    assert run.totals() == (2, 0, 0)
    assert run.refused[0].path == bad and run.refused[0].refusal is not None
    assert "The score is not on the scale (found '9')" in run.refused[0].refusal.report()
    assert steps == [(0, 2), (1, 2), (2, 2)]
    assert set(reviews_of(chair, "E01")) == {"1001", "1002"} and reviews_of(chair, "E02") == {}

    again = merge_workbooks_at(chair.location, [good], actor="chair")  # re-running is safe
    assert again.merged[0].unchanged and again.totals() == (0, 0, 0)


def test_a_cancelled_run_keeps_the_workbooks_merged_before_it_and_says_how_far_it_got(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    first = fill(packages["E01"], {"1001": full(4)}, tmp_path / "e01.xlsx")
    second = fill(packages["E02"], {"1005": full(3)}, tmp_path / "e02.xlsx")
    asked: list[int] = []

    def cancelled() -> bool:  # the person presses Cancel while the first file merges
        asked.append(1)
        return len(asked) > 1

    run = merge_workbooks_at(chair.location, [first, second], actor="chair", cancelled=cancelled)
    assert (run.chosen, run.cancelled, [r.file for r in run.merged]) == (2, True, ["e01.xlsx"])
    assert set(reviews_of(chair, "E01")) == {"1001"} and reviews_of(chair, "E02") == {}


def test_packages_written_from_the_window_report_progress_and_stop_on_cancel(
    chair: OpenWorkspace, tmp_path: Path
) -> None:
    """write_packages_at, as File > Write review packages runs it in a worker thread."""
    steps: list[tuple[int, int]] = []
    asked: list[int] = []

    def cancelled() -> bool:  # Cancel pressed while the first file is written
        asked.append(1)
        return len(asked) > 1

    stopped = write_packages_at(
        chair.location, tmp_path / "out", actor="chair", cancelled=cancelled,
        progress=lambda d, t: steps.append((d, t)),
    )  # fmt: skip
    assert (stopped.cancelled, stopped.experts, [f.expert_code for f in stopped.files]) == (
        True, 2, ["E01"],
    )  # fmt: skip
    assert steps == [(0, 2)] and [p.name for p in (tmp_path / "out").iterdir()] == [
        stopped.files[0].path.name
    ]
    whole = write_packages_at(chair.location, tmp_path / "out", actor="chair")
    assert (whole.cancelled, len(whole.files)) == (False, 2)
    assert whole.files[0].package_id == stopped.files[0].package_id  # the same package


def hand_edit(path: Path, out: Path, revision: int, scores: dict[str, list[Any]]) -> Path:
    """As someone with a spreadsheet program would forge a sheet: scores typed over the
    expert's, the revision set high, the signature gone."""
    filled = fill(path, scores, out)
    book = openpyxl.load_workbook(filled)
    meta = book["Metadata"]
    for row in meta.iter_rows():
        if row[0].value == "revision":
            row[1].value = revision
        if row[0].value == "signature":
            row[1].value = None
    book.save(filled)
    return filled


def test_a_hand_edited_sheet_neither_replaces_signed_scores_nor_blocks_the_next_export(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    """Issue 14: an unsigned sheet stating revision 9 replaced the expert's signed scores
    and then refused the expert's genuine revision 3 as older."""
    laptop = expert_workspace(tmp_path, "e01")
    open_package(laptop, packages["E01"], actor="expert")
    score_on_laptop(laptop, {"1001": 5})
    genuine = export(laptop, tmp_path / "r1.xlsx")
    assert merge_workbook(chair, genuine, actor="chair").origin == "signed"

    forged = hand_edit(genuine, tmp_path / "forged.xlsx", 9, {"1001": full(1)})
    message = refused(chair, forged).report()
    assert "not signed by the app, and the expert's signed scores (revision 1)" in message
    assert reviews_of(chair, "E01")["1001"] == (1, "signed", [5] * 7)  # untouched

    score_on_laptop(laptop, {"1001": 4})
    export(laptop, tmp_path / "r2.xlsx")
    third = export(laptop, tmp_path / "r3.xlsx")  # the expert's revision 3, signed
    assert merge_workbook(chair, third, actor="chair").revision == 3
    assert reviews_of(chair, "E01")["1001"] == (3, "signed", [4] * 7)


def test_an_unsigned_sheet_over_signed_scores_takes_the_chairs_replace_and_a_reason(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    laptop = expert_workspace(tmp_path, "e01")
    open_package(laptop, packages["E01"], actor="expert")
    score_on_laptop(laptop, {"1001": 5})
    genuine = export(laptop, tmp_path / "r1.xlsx")
    merge_workbook(chair, genuine, actor="chair")
    paper = hand_edit(genuine, tmp_path / "paper.xlsx", 2, {"1001": full(2)})
    assert "needs a reason" in refused(chair, paper, replace=True).report()
    result = merge_workbook(
        chair, paper, actor="chair", replace=True, reason="scores corrected on paper, signed"
    )
    assert (result.origin, result.updated) == ("hand-edited", 1)
    assert reviews_of(chair, "E01")["1001"][1:] == ("hand-edited", [2] * 7)
    # A later genuine export is still taken: the hand-edited revision does not block it.
    score_on_laptop(laptop, {"1001": 4})
    later = export(laptop, tmp_path / "r2.xlsx")
    assert merge_workbook(chair, later, actor="chair").origin == "signed"


def test_a_sheet_with_a_project_deleted_names_it(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    path = fill(packages["E01"], {"1001": full(3)}, tmp_path / "short.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Scores"]
    gone = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "1003")
    sheet.delete_rows(gone)
    book.save(path)
    result = merge_workbook(chair, path, actor="chair")
    assert result.added == 1 and result.missing == ("1003",)


def test_an_identity_cell_changed_in_the_sheet_is_named_and_nothing_is_merged(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    """Issue 14: a title or category typed over (the protection has no password) is named,
    with what the package had, and the workbook is refused whole."""
    path = fill(packages["E01"], {"1001": full(4), "1002": full(3)}, tmp_path / "edited.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Scores"]
    assert (sheet["A2"].value, sheet["C2"].value, sheet["B3"].value) == (
        "1001", "Project 1001", "C7-ehealth",
    )  # fmt: skip
    sheet["C2"] = "A better project"
    sheet["B3"] = "C1-government"
    book.save(path)

    lines = refused(chair, path).report().splitlines()
    assert lines[0] == "edited.xlsx refused: 2 problems"
    assert (
        "edited.xlsx (expert E01), sheet 'Scores', row 2, column 'Project title': Submission "
        "1001: the Project title is not the one the package showed (the identity columns say "
        "which project the row's scores are for, and may not be changed) (found 'A better "
        "project'); expected 'Project 1001', as the package had it"
    ) in lines[1]
    assert "row 3, column 'Category'" in lines[2] and "(found 'C1-government')" in lines[2]
    assert "expected 'C7-ehealth', as the package had it" in lines[2]
    assert reviews_of(chair, "E01") == {}
    with chair.sessions() as session:
        merges = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "review_package.merged")
        ).all()
    assert merges == []  # nothing merged, nothing recorded

    # The chair may take the other rows and leave these out, listed.
    result = merge_workbook(chair, path, actor="chair", accept_valid_rows=True)
    assert (result.added, len(result.skipped)) == (0, 2)


def test_identity_text_as_a_spreadsheet_program_saves_it_is_no_change(
    chair: OpenWorkspace, tmp_path: Path
) -> None:
    """Composed or decomposed accents, non-breaking and doubled spaces, line ends: the
    same text, written back by a spreadsheet program, matches."""
    title = "Santé numérique: clinics\nfor all"
    rows = [submission_row(int(i)) for i in IDS]
    rows[0]["Project title"] = title
    import_submissions(chair, write_workbook(tmp_path / "set2.xlsx", rows), actor="test")
    written = write_packages(chair, tmp_path / "out", actor="chair")
    package = next(f.path for f in written.files if f.expert_code == "E01")
    path = fill(package, {"1001": full(4)}, tmp_path / "saved.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Scores"]
    assert sheet["C2"].value == title
    decomposed = unicodedata.normalize("NFD", title)
    assert decomposed != title
    sheet["C2"] = "  " + decomposed.replace("\n", "\r\n").replace(" ", "\u00a0 ") + " "
    sheet["D2"] = "Organisation\u00a0 1001"
    book.save(path)
    assert merge_workbook(chair, path, actor="chair").added == 1


def test_a_title_an_import_corrected_after_the_packages_went_out_still_matches(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    rows = [submission_row(int(i)) for i in IDS]
    rows[0]["Project title"] = "Project 1001 (corrected)"
    import_submissions(chair, write_workbook(tmp_path / "fixed.xlsx", rows), actor="test")
    sent = fill(packages["E01"], {"1001": full(4)}, tmp_path / "sent.xlsx")  # the old title
    assert merge_workbook(chair, sent, actor="chair").added == 1

    other = fill(packages["E01"], {"1001": full(2)}, tmp_path / "other.xlsx")
    book = openpyxl.load_workbook(other)
    book["Scores"]["C2"] = "Project 1002"  # another project's title
    book.save(other)
    message = refused(chair, other).report()
    assert (
        "(found 'Project 1002'); expected 'Project 1001 (corrected)', as the package had it "
        "(or an earlier 'Project 1001')"
    ) in message
    assert reviews_of(chair, "E01")["1001"][2] == [4] * 7
