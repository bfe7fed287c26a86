"""A real client: LibreOffice (headless) fills in a package and saves it as .xlsx, as an
expert without the app would, and the merge reads it.

LibreOffice is a test requirement (Debian's libreoffice-calc-nogui, installed by ./dev
test); the scores are typed by a Basic macro run through LibreOffice itself.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from panel_app.formats.review_workbook import KEY_PART, read_review_workbook
from panel_app.problems import InputRefused
from panel_app.workflow.panel.experts import import_experts
from panel_app.workflow.review.expert_workbook import open_package
from panel_app.workflow.review.merge import merge_workbook
from panel_app.workflow.review.packages import write_packages
from panel_app.workflow.rounds import criteria_of
from panel_app.workflow.workspace import OpenWorkspace
from tests.libreoffice import office_command
from tests.workflow.test_workbook_languages import expert_list
from tests.workflow.test_workbook_signatures import package_key
from tests.workflow.test_workbooks import chair, expert_workspace, packages, reviews_of

__all__ = ["chair", "packages"]  # the fixtures, shared with the other workbook tests

MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub Fill(source As String, target As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, args())
  sheet = doc.Sheets.getByName(&quot;Scores&quot;)
  For row = 1 To 2
    sheet.getCellByPosition(4, row).setString(&quot;yes&quot;)
    sheet.getCellByPosition(5, row).setString(&quot;no&quot;)
    For col = 6 To 12
      sheet.getCellByPosition(col, row).setValue(row + 2)
    Next col
    sheet.getCellByPosition(13, row).setString(&quot;medium&quot;)
  Next row
  sheet.getCellByPosition(15, 1).setString(&quot;=typed in LibreOffice, 评语&quot;)
  Dim save(0) As New com.sun.star.beans.PropertyValue
  save(0).Name = &quot;FilterName&quot;
  save(0).Value = &quot;Calc MS Excel 2007 XML&quot;
  doc.storeToURL(ConvertToURL(target), save())
  doc.close(True)
End Sub
</script:module>
"""


def fill_in_libreoffice(source: Path, target: Path, profile: Path) -> None:
    office = office_command(profile)
    # A fresh profile first, whose Standard library then gets the macro as Module1.
    subprocess.run([*office, "--terminate_after_init"], check=True, timeout=180)
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    assert module.exists(), "LibreOffice made no user profile"
    module.write_text(MACRO, encoding="utf-8")
    subprocess.run(
        [*office, f'macro:///Standard.Module1.Fill("{source}","{target}")'],
        check=True,
        timeout=180,
        capture_output=True,
    )
    assert target.exists(), "LibreOffice did not save the workbook"


def test_a_package_filled_in_libreoffice_is_merged(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    filled = tmp_path / "filled-in-libreoffice.xlsx"
    fill_in_libreoffice(packages["E01"], filled, tmp_path / "profile")
    book = openpyxl.load_workbook(filled)
    assert book["Metadata"].sheet_state in ("hidden", "veryHidden")  # LibreOffice: hidden

    # Issue 14: the copy LibreOffice saved holds no key, in any part, in any form (the
    # hidden sheet is readable to anyone who unhides it): nothing in it signs a sheet.
    key = package_key(packages["E01"])
    with zipfile.ZipFile(filled) as archive:
        assert KEY_PART not in archive.namelist()
        parts = [archive.read(name) for name in archive.namelist()]
    for text in (key.hex().encode(), key.hex().upper().encode(), key):
        assert not any(text in part for part in parts)
    read = read_review_workbook(filled, lambda info: criteria_of(chair.edition, info.round))
    assert read.signing_key is None and read.signature is None
    laptop = expert_workspace(tmp_path, "e01")
    with pytest.raises(InputRefused) as caught:
        open_package(laptop, filled, actor="expert")
    assert "carries no signing key: a spreadsheet program leaves" in caught.value.report()

    result = merge_workbook(chair, filled, actor="chair")
    assert (result.added, result.origin) == (2, "hand-edited")
    stored = reviews_of(chair, "E01")
    assert stored["1001"][2] == [3] * 7 and stored["1002"][2] == [4] * 7
    with chair.sessions() as session:
        from sqlalchemy import select

        from panel_app.store.models import Review

        comments = set(session.scalars(select(Review.comment)))
        gates = list(session.scalars(select(Review.gates)))
    assert "=typed in LibreOffice, 评语" in comments
    assert gates == [[True, False], [True, False]]  # the gates answered in LibreOffice


def test_packages_in_chinese_and_arabic_filled_in_libreoffice_keep_their_language_and_merge(
    chair: OpenWorkspace, tmp_path: Path
) -> None:
    """LibreOffice saves a non-English package as it shows it: the headers in the expert's
    language (the merge checks them against the metadata's), the Arabic sheets right to
    left; the scores typed there land."""

    languages = {"E01": "中文", "E02": "ar"}
    import_experts(chair, expert_list(tmp_path, "panel.xlsx", languages), actor="chair")
    files = {f.expert_code: f.path for f in write_packages(chair, tmp_path / "out").files}
    profile = tmp_path / "profile"
    filled = {code: tmp_path / f"{code}-filled.xlsx" for code in files}
    for code, path in files.items():
        fill_in_libreoffice(path, filled[code], profile)

    chinese = openpyxl.load_workbook(filled["E01"])
    assert [c.value for c in chinese["Scores"][1]][:4] == ["提交编号", "类别", "项目标题", "机构"]
    assert chinese["Read me"]["A1"].value == "简体中文"
    arabic = openpyxl.load_workbook(filled["E02"])
    assert all(arabic[s].sheet_view.rightToLeft for s in ("Read me", "Scores", "Projects"))
    for code in files:
        read = read_review_workbook(
            filled[code], lambda info: criteria_of(chair.edition, info.round)
        )
        assert read.info.language == {"E01": "zh_CN", "E02": "ar"}[code]
        result = merge_workbook(chair, filled[code], actor="chair")
        assert (result.added, result.origin) == (2, "hand-edited")
    assert reviews_of(chair, "E01")["1001"][2] == [3] * 7
    assert reviews_of(chair, "E02")["1004"][2] == [4] * 7
