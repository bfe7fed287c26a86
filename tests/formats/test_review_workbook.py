"""The review workbook format: what is written reads back the same, signed scores are
verified, and any changed score breaks the signature (a property over random edits)."""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
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
from panel_app.problems import InputRefused

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


# ---- the expert's language (format version 4) ---------------------------------------------
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "workbooks"


def _in(
    language: str, edition: Edition, path: Path, rows: dict[str, ScoreRow] | None = None
) -> PackageInfo:
    from dataclasses import replace

    info = replace(_gated(edition, 0), language=language)
    write_review_workbook(
        path,
        info,
        edition.criteria,
        [_project(i) for i in IDS],
        rows,
        gates=edition.nomination_gates,
        signing_key=b"k" * 32,
    )
    return info


def _column(sheet: Any, letter: str) -> list[str]:
    return [str(c.value) for c in sheet[letter] if c.value is not None]


def test_a_chinese_package_speaks_chinese_with_english_beside_and_reads_back(
    edition: Edition, tmp_path: Path
) -> None:
    path = tmp_path / "zh.xlsx"
    _in("zh_CN", edition, path)
    book = openpyxl.load_workbook(path)
    scores = book["Scores"]
    impact = edition.criteria[0]
    assert [c.value for c in scores[1]][:7] == [
        "提交编号", "类别", "项目标题", "机构", "门槛 1（yes/no）", "门槛 2（yes/no）",
        f"{impact.name.zh}（1-5）",
    ]  # fmt: skip
    assert [c.value for c in scores[1]][-3:] == ["把握程度", "利益冲突", "评语"]
    readme = book["Read me"]
    assert (readme["A1"].value, readme["B1"].value) == ("简体中文", "English")
    chinese, english = _column(readme, "A"), _column(readme, "B")
    assert "填写说明" in chinese and "How to fill it in" in english
    assert f"门槛 2（yes/no）：{edition.nomination_gates[1].zh}" in chinese
    assert f"5 = {impact.scale.label(5).zh}" in chinese
    assert "评审专家：Zhang Wei（E01）" in chinese
    # The drop-downs keep their values (the merge reads them); their messages are Chinese.
    gate, *_ = scores.data_validations.dataValidation
    assert gate.formula1 == '"yes,no"' and gate.errorTitle == "不在列表中"
    assert gate.error == "请从列表中选择 yes（是）或 no（否），或留空。"
    assert (gate.promptTitle, gate.prompt) == ("门槛 1", edition.nomination_gates[0].zh)
    projects = book["Projects"]
    assert [c.value for c in projects[1]][:3] == ["提交编号", "类别", "项目标题"]
    assert not scores.sheet_view.rightToLeft

    # Filled in as an expert would (Excel, openpyxl): read back, every answer in place.
    scores["E2"], scores["F2"], scores["G2"], scores["N2"] = "yes", "否", 4, "high"
    scores["P2"] = "很好"
    scores["E3"] = "maybe"  # off the list: the problem names the column as the sheet does
    book.save(path)
    read = read_review_workbook(path, _criteria(edition), gates_for=_gates_of(edition))  # type: ignore[arg-type]
    assert read.info.language == "zh_CN" and read.info.format_version == 4
    (row,) = [r.scores for r in read.rows if not r.scores.is_blank()]
    assert (row.submission_id, row.gates, row.scores[0], row.confidence, row.comment) == (
        "1001", (True, False), 4, "high", "很好",
    )  # fmt: skip
    ((problem,),) = read.problems.values()
    assert (problem.row, problem.column, problem.code) == (
        3, "门槛 1（yes/no）", "review_workbook.gate_invalid",
    )  # fmt: skip


def test_an_arabic_package_reads_right_to_left(edition: Edition, tmp_path: Path) -> None:
    path = tmp_path / "ar.xlsx"
    _in("ar", edition, path)
    book = openpyxl.load_workbook(path)
    assert [book[n].sheet_view.rightToLeft for n in ("Read me", "Scores", "Projects")] == [
        True, True, True,
    ]  # fmt: skip
    assert book["Read me"]["A1"].value == "العربية" and book["Read me"]["B1"].value == "English"
    read = read_review_workbook(path, _criteria(edition), gates_for=_gates_of(edition))  # type: ignore[arg-type]
    assert read.info.language == "ar" and read.problems == {}
    assert len(read.rows) == len(IDS)


def test_an_english_package_has_the_headers_of_version_3_and_english_alone(
    edition: Edition, tmp_path: Path
) -> None:
    path = tmp_path / "en.xlsx"
    _in("en", edition, path)
    written = [c.value for c in openpyxl.load_workbook(path)["Scores"][1]]
    old = [
        c.value for c in openpyxl.load_workbook(FIXTURES / "version-3-package.xlsx")["Scores"][1]
    ]
    assert written == old
    assert openpyxl.load_workbook(path)["Read me"].max_column == 1


def test_the_header_row_is_checked_against_the_metadatas_whatever_the_language(
    edition: Edition, tmp_path: Path
) -> None:
    """A column moved in a French workbook is refused, the French headers expected; the
    same headers as a spreadsheet program may save them (decomposed accents) are not."""
    path = tmp_path / "fr.xlsx"
    _in("fr", edition, path)
    headers = [c.value for c in openpyxl.load_workbook(path)["Scores"][1]]
    book = openpyxl.load_workbook(path)
    sheet = book["Scores"]
    for cell in sheet[1]:
        cell.value = unicodedata.normalize("NFD", f" {cell.value} ")
    book.save(path)
    read = read_review_workbook(path, _criteria(edition), gates_for=_gates_of(edition))  # type: ignore[arg-type]
    assert read.info.language == "fr" and read.problems == {}
    assert list(read.headers) == headers

    sheet.move_range("N1:N5", cols=2)  # the confidence column over the comment's
    sheet.move_range("O1:O5", cols=-1)
    book.save(path)
    with pytest.raises(InputRefused) as refused:
        read_review_workbook(path, _criteria(edition), gates_for=_gates_of(edition))  # type: ignore[arg-type]
    (problem,) = refused.value.problems
    assert problem.code == "review_workbook.columns_changed"
    assert problem.expected == " | ".join(headers)


def test_the_workbooks_version_3_wrote_still_read(edition: Edition) -> None:
    """As the last writer of version 3 wrote them (tests/fixtures/workbooks): the package
    with its key, the export signed; English, no headers in the metadata."""
    key = hashlib.sha256(b"review workbook version 3 fixture").digest()
    package = read_review_workbook(
        FIXTURES / "version-3-package.xlsx", _criteria(edition), gates_for=_gates_of(edition),  # type: ignore[arg-type]
        with_projects=True,
    )  # fmt: skip
    assert (package.info.format_version, package.info.language, package.info.gates) == (3, "en", 2)
    assert package.signing_key == key and package.problems == {}
    assert [p.submission_id for p in package.projects] == ["1001", "1002", "1003"]
    scored = read_review_workbook(
        FIXTURES / "version-3-scored.xlsx",
        _criteria(edition),
        gates_for=_gates_of(edition),  # type: ignore[arg-type]
    )
    rows = {r.scores.submission_id: r.scores for r in scored.rows if not r.scores.is_blank()}
    assert rows["1001"].gates == (True, True) and rows["1001"].scores[0] == 4
    assert rows["1002"].conflict
    assert signature_valid(key, scored.info, [r.scores for r in scored.rows], scored.signature)
