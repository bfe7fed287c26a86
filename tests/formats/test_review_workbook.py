"""The review workbook format: what is written reads back the same, signed scores are
verified, and any changed score breaks the signature (a property over random edits)."""

from __future__ import annotations

import secrets
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panel_app.edition import Criterion, Edition
from panel_app.formats.review_workbook import (
    PackageInfo,
    PackageProject,
    ScoreRow,
    normalise_comment,
    read_review_workbook,
    sign_scores,
    signature_valid,
    write_review_workbook,
)

IDS = ("1001", "1002", "1003", "1004")


def _info(edition: Edition, revision: int = 1) -> PackageInfo:
    return PackageInfo(
        edition_key=edition.key,
        round="nomination",
        expert_code="E01",
        expert_name="Zhang Wei",
        package_id="ab" * 16,
        revision=revision,
        criteria=tuple(c.key for c in edition.criteria),
        written_at=datetime(2019, 12, 1, tzinfo=UTC),
        written_by="panel-app test",
    )


def _project(submission_id: str) -> PackageProject:
    text = f"=SUM(A1) project {submission_id}\nsecond line"
    return PackageProject(
        submission_id, "C7-ehealth", "E-health", f"Project {submission_id}", "+Org", "Kenya",
        "Civil society", "3, 5", "Completed", "https://example.org", text, text, text, text,
        "@challenges",
    )  # fmt: skip


def _write(
    path: Path, edition: Edition, rows: dict[str, ScoreRow], key: bytes, revision: int = 1
) -> PackageInfo:
    info = _info(edition, revision)
    write_review_workbook(
        path,
        info,
        edition.criteria,
        [_project(i) for i in IDS],
        rows,
        signature=sign_scores(key, info, rows.values()),
    )
    return info


def _criteria(edition: Edition) -> object:
    return lambda info: edition.criteria if info.round == "nomination" else None


# Any comment, as the app stores and signs it.
_COMMENTS = st.text(alphabet=st.characters(exclude_categories=()), max_size=40).map(
    normalise_comment
)


@st.composite
def _rows(draw: st.DrawFn, criteria: tuple[Criterion, ...]) -> dict[str, ScoreRow]:
    rows = {}
    for submission_id in draw(st.lists(st.sampled_from(IDS), min_size=1, unique=True)):
        conflict = draw(st.booleans())
        scores = tuple(
            None if conflict else draw(st.none() | st.integers(c.scale.minimum, c.scale.maximum))
            for c in criteria
        )
        rows[submission_id] = ScoreRow(
            submission_id,
            scores,
            draw(st.none() | st.sampled_from(("high", "medium", "low"))),
            conflict,
            draw(_COMMENTS),
        )
    return rows


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_changing_any_score_in_a_signed_workbook_is_detected(
    edition: Edition, tmp_path: Path, data: st.DataObject
) -> None:
    rows = data.draw(_rows(edition.criteria))
    key = secrets.token_bytes(32)
    path = tmp_path / "scores.xlsx"
    info = _write(path, edition, rows, key)
    book = read_review_workbook(path, _criteria(edition))  # type: ignore[arg-type]
    assert book.problems == {}
    assert {r.scores.submission_id: r.scores for r in book.rows if not r.scores.is_blank()} == {
        k: v for k, v in rows.items() if not v.is_blank()
    }
    assert signature_valid(key, info, [r.scores for r in book.rows], book.signature)

    # One score changed, as a person would in Excel: another point of the scale, or cleared.
    submission_id = data.draw(st.sampled_from(sorted(rows)))
    column = data.draw(st.integers(0, len(edition.criteria) - 1))
    old = rows[submission_id].scores[column]
    scale = edition.criteria[column].scale
    new = data.draw(
        st.sampled_from([None, *range(scale.minimum, scale.maximum + 1)]).filter(lambda v: v != old)
    )
    edited = openpyxl.load_workbook(path)
    sheet = edited["Scores"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == submission_id)
    sheet.cell(row, 5 + column).value = new
    edited.save(path)
    changed = read_review_workbook(path, _criteria(edition))  # type: ignore[arg-type]
    # Detected: the signature no longer matches, or the row is refused (a score on a row
    # marked as a conflict of interest).
    assert changed.problems or not signature_valid(
        key, info, [r.scores for r in changed.rows], changed.signature
    )


def test_text_never_becomes_a_formula(edition: Edition, tmp_path: Path) -> None:
    path = tmp_path / "scores.xlsx"
    comment = '=HYPERLINK("http://evil.example","click")'
    rows = {"1001": ScoreRow("1001", (3,) * len(edition.criteria), "high", False, comment)}
    _write(path, edition, rows, b"k" * 32)
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets
        for name in sheets:
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    book = read_review_workbook(path, _criteria(edition))  # type: ignore[arg-type]
    assert book.rows[0].scores.comment == comment
    projects = openpyxl.load_workbook(path)["Projects"]
    assert projects["J2"].value.startswith("=SUM(A1)") and projects["J2"].data_type == "s"


def test_a_comment_that_reads_like_an_error_stays_text_and_a_real_error_is_refused(
    edition: Edition, tmp_path: Path
) -> None:
    """Found by the property above: an expert's comment "#N/A" was refused as an error
    cell. Text is text; only a cell Excel keeps as an error (t="e") is refused, located."""
    path = tmp_path / "scores.xlsx"
    rows = {
        "1001": ScoreRow("1001", (3,) * len(edition.criteria), "high", False, "#N/A"),
        "1002": ScoreRow("1002", (4,) * len(edition.criteria), "low", False, " #DIV/0! "),
    }
    _write(path, edition, rows, b"k" * 32)
    book = read_review_workbook(path, _criteria(edition))  # type: ignore[arg-type]
    assert book.problems == {}
    comments = {r.scores.submission_id: r.scores.comment for r in book.rows}
    assert (comments["1001"], comments["1002"]) == ("#N/A", "#DIV/0!")

    edited = openpyxl.load_workbook(path)
    sheet = edited["Scores"]
    comment_column = next(c.column for c in sheet[1] if c.value == "Comment")
    sheet.cell(2, comment_column).value = "#N/A"  # as Excel stores a typed #N/A: an error
    assert sheet.cell(2, comment_column).data_type == "e"
    edited.save(path)
    book = read_review_workbook(path, _criteria(edition))  # type: ignore[arg-type]
    ((row, problems),) = book.problems.items()
    assert row == 2
    assert [(p.code, p.sheet, p.column, p.value) for p in problems] == [
        ("review_workbook.error_cell", "Scores", "Comment", "#N/A")
    ]


def test_the_package_carries_the_key_and_a_scored_workbook_the_signature(
    edition: Edition, tmp_path: Path
) -> None:
    key = secrets.token_bytes(32)
    package = tmp_path / "package.xlsx"
    write_review_workbook(
        package, _info(edition, 0), edition.criteria, [_project(i) for i in IDS], signing_key=key
    )
    read = read_review_workbook(package, _criteria(edition), with_projects=True)  # type: ignore[arg-type]
    assert read.signing_key == key and read.signature is None
    assert [r.scores.submission_id for r in read.rows if r.scores.is_blank()] == list(IDS)
    assert read.projects == [_project(i) for i in IDS]


# ---- the nomination gates (format version 3) ---------------------------------------------
def _gated(edition: Edition, revision: int = 1) -> PackageInfo:
    from dataclasses import replace

    return replace(_info(edition, revision), gates=len(edition.nomination_gates))


def _write_gated(
    path: Path, edition: Edition, rows: dict[str, ScoreRow], key: bytes
) -> PackageInfo:
    info = _gated(edition)
    write_review_workbook(
        path,
        info,
        edition.criteria,
        [_project(i) for i in IDS],
        rows,
        gates=edition.nomination_gates,
        signature=sign_scores(key, info, rows.values()),
    )
    return info


def _gates_of(edition: Edition) -> object:
    return lambda info: len(edition.nomination_gates) if info.round == "nomination" else 0


def test_the_gates_are_asked_before_the_criteria_and_read_back(
    edition: Edition, tmp_path: Path
) -> None:
    key = secrets.token_bytes(32)
    scores = tuple([4] * len(edition.criteria))
    rows = {
        "1001": ScoreRow("1001", scores, "high", gates=(True, False)),
        "1002": ScoreRow("1002", (None,) * len(edition.criteria), gates=(None, True)),
    }
    path = tmp_path / "gated.xlsx"
    info = _write_gated(path, edition, rows, key)
    sheet = openpyxl.load_workbook(path)["Scores"]
    assert [c.value for c in sheet[1]][4:6] == ["Gate 1 (yes/no)", "Gate 2 (yes/no)"]
    assert (sheet["E2"].value, sheet["F2"].value, sheet["G2"].value) == ("yes", "no", 4)
    book = read_review_workbook(path, _criteria(edition), gates_for=_gates_of(edition))  # type: ignore[arg-type]
    assert book.info.gates == 2 and book.problems == {}
    assert {
        r.scores.submission_id: r.scores.gates for r in book.rows if not r.scores.is_blank()
    } == {
        "1001": (True, False),
        "1002": (None, True),  # a gate answered alone is a review returned
    }
    assert signature_valid(key, book.info, [r.scores for r in book.rows], book.signature)
    # The signature covers the gates: an answer changed by hand breaks it.
    edited = openpyxl.load_workbook(path)
    edited["Scores"]["F2"] = "yes"
    edited.save(tmp_path / "edited.xlsx")
    again = read_review_workbook(tmp_path / "edited.xlsx", _criteria(edition))  # type: ignore[arg-type]
    assert not signature_valid(key, again.info, [r.scores for r in again.rows], again.signature)
    assert info.format_version == 4


def test_a_gate_answer_off_the_list_and_a_conflict_with_answers_are_row_problems(
    edition: Edition, tmp_path: Path
) -> None:
    path = tmp_path / "gated.xlsx"
    _write_gated(path, edition, {}, secrets.token_bytes(32))
    book = openpyxl.load_workbook(path)
    sheet = book["Scores"]
    sheet["E2"], sheet["E3"], sheet["F3"] = "maybe", "否", "是"
    sheet["E4"] = "no"
    conflict = next(c.column_letter for c in sheet[1] if c.value == "Conflict of interest")
    sheet[f"{conflict}4"] = "yes"
    book.save(path)
    read = read_review_workbook(path, _criteria(edition))  # type: ignore[arg-type]
    assert [(p.row, p.column, p.code) for p in read.all_problems()] == [
        (2, "Gate 1 (yes/no)", "review_workbook.gate_invalid"),
        (4, "Conflict of interest", "review_workbook.conflict_gated"),
    ]
    answered = [r.scores.gates for r in read.rows if not r.scores.is_blank()]
    assert answered == [(False, True)]  # 否 no, 是 yes


def test_a_workbook_from_before_the_gates_is_read_with_none_answered(
    edition: Edition, tmp_path: Path
) -> None:
    """Version 2 (no gate columns, no `gates` entry): read as it was, signed as it was."""
    key = secrets.token_bytes(32)
    path = tmp_path / "v3.xlsx"
    _write_gated(path, edition, {}, key)
    book = openpyxl.load_workbook(path)
    sheet = book["Scores"]
    sheet.delete_cols(5, 2)  # the gates' columns
    for n, value in enumerate([4] * len(edition.criteria), start=5):
        sheet.cell(2, n).value = value
    meta = book["Metadata"]
    for row in range(meta.max_row, 0, -1):
        if meta.cell(row, 1).value == "gates":
            meta.delete_rows(row)
        elif meta.cell(row, 1).value == "format_version":
            meta.cell(row, 2).value = 2
    book.save(path)
    read = read_review_workbook(path, _criteria(edition), gates_for=_gates_of(edition))  # type: ignore[arg-type]
    assert (read.info.format_version, read.info.gates) == (2, 0)
    (row,) = [r for r in read.rows if not r.scores.is_blank()]
    assert row.scores.gates == () and row.scores.scores == tuple([4] * len(edition.criteria))
