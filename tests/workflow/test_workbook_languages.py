"""The review workbook in the expert's language, end to end: the expert list gives each
expert a language, the packages are written in it (or in the chair's choice for experts
it gives none), filled in as an expert would (in a spreadsheet, or in the app on a
laptop) and merged back; a package of format version 3 still opens on the desk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import select

from panel_app.formats.review_workbook import (
    read_review_workbook,
    scores_headers,
    signature_valid,
)
from panel_app.store.models import Expert
from panel_app.workflow.panel.experts import import_experts
from panel_app.workflow.review.expert_workbook import open_package
from panel_app.workflow.review.merge import merge_workbook
from panel_app.workflow.review.packages import write_packages
from panel_app.workflow.rounds import NOMINATION as ROUND
from panel_app.workflow.rounds import criteria_of
from panel_app.workflow.workspace import OpenWorkspace, open_workspace
from tests.formats.test_experts import expert, write_xlsx
from tests.workflow.test_workbooks import (
    chair,
    expert_workspace,
    export,
    reviews_of,
    score_on_laptop,
)

__all__ = ["chair"]  # the fixture, shared with the other workbook tests

VERSION_3 = Path(__file__).resolve().parents[1] / "fixtures" / "workbooks"


def expert_list(tmp_path: Path, name: str, languages: dict[str, str]) -> Path:
    """The panel's list as the chair keeps it, with a Language column."""
    rows = [
        expert(code, Name=f"Expert {code}", Categories="C7-ehealth", Language=language)
        for code, language in languages.items()
    ]
    return write_xlsx(tmp_path / name, rows)


def meta(book: Any) -> dict[str, Any]:
    return {key: value for key, value, *_ in book["Metadata"].iter_rows(values_only=True)}


def fill_as_an_expert(path: Path, scores: dict[str, int], out: Path, comment: str) -> Path:
    """Typed into the scores sheet as in Excel, by position (the headers are in the
    expert's language): both gates met, every criterion `scores[id]`, medium, a comment."""
    book = openpyxl.load_workbook(path)
    sheet = book["Scores"]
    gates, criteria = int(meta(book)["gates"]), len(str(meta(book)["criteria"]).split(","))
    rows = {str(sheet.cell(r, 1).value): r for r in range(2, sheet.max_row + 1)}
    for sid, value in scores.items():
        values = ["yes"] * gates + [value] * criteria + ["medium", None, comment]
        for offset, entry in enumerate(values, start=5):
            sheet.cell(rows[sid], offset).value = entry
    book.save(out)
    return out


def _visible_text(book: Any, sheet: str) -> list[str]:
    return [str(c.value) for row in book[sheet].iter_rows() for c in row if c.value is not None]


def test_a_french_and_an_arabic_expert_get_their_language_and_their_scores_land(
    chair: OpenWorkspace, tmp_path: Path
) -> None:
    import_experts(
        chair, expert_list(tmp_path, "panel.xlsx", {"E01": "Français", "E02": "العربية"}),
        actor="chair",
    )  # fmt: skip
    result = write_packages(chair, tmp_path / "out", language="zh_CN", actor="chair")
    files = {f.expert_code: f for f in result.files}
    assert {c: (f.language, f.language_chosen) for c, f in files.items()} == {
        "E01": ("fr", False),
        "E02": ("ar", False),
    }
    criteria = criteria_of(chair.edition, ROUND)
    french = openpyxl.load_workbook(files["E01"].path)
    assert meta(french)["language"] == "fr" and meta(french)["format_version"] == 4
    assert [c.value for c in french["Scores"][1]] == scores_headers(criteria, 2, "fr")
    assert french["Read me"]["A1"].value == "Français"
    assert "How to fill it in" in _visible_text(french, "Read me")  # English beside
    category = chair.edition.category("C7-ehealth").name.get("fr")
    assert french["Projects"]["B2"].value == category
    arabic = openpyxl.load_workbook(files["E02"].path)
    assert meta(arabic)["language"] == "ar"
    assert all(arabic[s].sheet_view.rightToLeft for s in ("Read me", "Scores", "Projects"))

    filled_fr = fill_as_an_expert(files["E01"].path, {"1001": 4, "1002": 2}, tmp_path / "fr.xlsx",
                                  "Très convaincant")  # fmt: skip
    filled_ar = fill_as_an_expert(files["E02"].path, {"1005": 5}, tmp_path / "ar.xlsx", "مقنع")
    assert merge_workbook(chair, filled_fr, actor="chair").added == 2
    assert merge_workbook(chair, filled_ar, actor="chair").added == 1
    assert reviews_of(chair, "E01")["1001"] == (0, "hand-edited", [4] * 7)
    assert reviews_of(chair, "E01")["1002"][2] == [2] * 7
    assert reviews_of(chair, "E02")["1005"] == (0, "hand-edited", [5] * 7)


def test_a_corrected_list_gives_chinese_and_the_package_written_again_speaks_it(
    chair: OpenWorkspace, tmp_path: Path
) -> None:
    """E01's language corrected in the list to Chinese, E02 given none (the chair's choice,
    Arabic): the same packages (same id and key) in those languages; each expert scores in
    the app on a laptop, exports in the package's language, and the merge takes it signed."""
    import_experts(chair, expert_list(tmp_path, "a.xlsx", {"E01": "fr", "E02": ""}), actor="chair")
    first = {f.expert_code: f for f in write_packages(chair, tmp_path / "1", actor="chair").files}
    assert (first["E01"].language, first["E02"].language) == ("fr", "en")  # en: the default
    import_experts(
        chair, expert_list(tmp_path, "b.xlsx", {"E01": "中文", "E02": ""}), actor="chair"
    )
    with chair.sessions() as session:
        stored = dict(session.execute(select(Expert.expert_code, Expert.language)).tuples().all())
    assert stored == {"E01": "zh_CN", "E02": None}
    again = write_packages(chair, tmp_path / "2", language="ar", actor="chair")
    files = {f.expert_code: f for f in again.files}
    assert {c: (f.language, f.language_chosen) for c, f in files.items()} == {
        "E01": ("zh_CN", False),
        "E02": ("ar", True),
    }
    assert files["E01"].package_id == first["E01"].package_id and not files["E01"].newly_issued

    chinese = openpyxl.load_workbook(files["E01"].path)
    assert [c.value for c in chinese["Scores"][1]][:4] == ["提交编号", "类别", "项目标题", "机构"]
    assert [c.value for c in chinese["Scores"][1]][-3:] == ["把握程度", "利益冲突", "评语"]
    readme = _visible_text(chinese, "Read me")
    assert "填写说明" in readme and "评分标准" in readme and "How to fill it in" in readme

    for code, projects in (("E01", {"1001": 5, "1002": 3}), ("E02", {"1006": 2})):
        laptop = expert_workspace(tmp_path, code.lower())
        open_package(laptop, files[code].path, actor="expert")
        with open_workspace(laptop) as ws, ws.sessions() as session:
            assert session.scalars(select(Expert.language)).one() == files[code].language
        score_on_laptop(laptop, projects)
        exported = export(laptop, tmp_path / f"{code}-scores.xlsx")
        book = openpyxl.load_workbook(exported)
        assert meta(book)["language"] == files[code].language  # the package's language
        result = merge_workbook(chair, exported, actor="chair", strict=True)
        assert (result.origin, result.added) == ("signed", len(projects))
    assert openpyxl.load_workbook(tmp_path / "E01-scores.xlsx")["Scores"]["A1"].value == "提交编号"
    assert openpyxl.load_workbook(tmp_path / "E02-scores.xlsx")["Scores"].sheet_view.rightToLeft
    assert reviews_of(chair, "E01")["1001"] == (1, "signed", [5] * 7)
    assert reviews_of(chair, "E02")["1006"] == (1, "signed", [2] * 7)


def test_a_package_of_version_3_opens_on_the_desk_and_exports_in_the_current_version(
    tmp_path: Path,
) -> None:
    """Written by the last writer of version 3 (tests/fixtures/workbooks): opened on a
    laptop, scored, exported as version 4 in English, signed with the package's key."""
    import hashlib

    key = hashlib.sha256(b"review workbook version 3 fixture").digest()
    laptop = expert_workspace(tmp_path, "e01")
    opened = open_package(laptop, VERSION_3 / "version-3-package.xlsx", actor="expert")
    assert (opened.expert_code, opened.projects, opened.reviews) == ("E01", 3, 0)
    score_on_laptop(laptop, {"1003": 4})
    exported = export(laptop, tmp_path / "scores.xlsx")
    with open_workspace(laptop) as ws:
        read = read_review_workbook(exported, lambda info: criteria_of(ws.edition, info.round))
    assert (read.info.format_version, read.info.language) == (4, "en")
    assert signature_valid(key, read.info, [r.scores for r in read.rows], read.signature)
