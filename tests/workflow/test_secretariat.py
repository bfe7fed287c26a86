"""The secretariat's three lists through one entry point, as the window writes them: the
format follows the file's suffix; what cannot be written yet says why and writes nothing."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import openpyxl
import pytest

from panel_app.demo.workspace import create_demo_workspace
from panel_app.workflow.secretariat.exports import ExportRefused, export_for_secretariat
from panel_app.workflow.workspace import WorkspaceLocation, locate_workspace


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> WorkspaceLocation:
    location = locate_workspace(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    create_demo_workspace(location, count=150)
    return location


def test_the_nominee_list_in_each_format_has_the_same_rows(
    demo: WorkspaceLocation, tmp_path: Path
) -> None:
    book = export_for_secretariat(demo, "nominees", tmp_path / "nominees.xlsx", actor="chair")
    workbook = openpyxl.load_workbook(book.path, read_only=True)
    rows = workbook["Nominees"].max_row - 1
    workbook.close()  # read-only: the file stays open until closed (a ResourceWarning later)
    assert book.frozen is False and book.rows == rows > 0

    text = export_for_secretariat(demo, "nominees", tmp_path / "nominees.CSV", actor="chair")
    with text.path.open(encoding="utf-8-sig", newline="") as stream:
        assert len(list(csv.reader(stream))) - 1 == text.rows == book.rows

    report = export_for_secretariat(demo, "nominees", tmp_path / "nominees.pdf", actor="chair")
    assert report.rows == book.rows
    pages = subprocess.run(
        ["pdftotext", str(report.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Nominee" in pages


def test_what_cannot_be_written_says_why_and_writes_nothing(
    demo: WorkspaceLocation, tmp_path: Path
) -> None:
    with pytest.raises(ExportRefused, match="no vote data imported yet"):
        export_for_secretariat(demo, "finalists", tmp_path / "finalists.xlsx", actor="chair")
    with pytest.raises(ExportRefused, match=r"nominees\.txt: the file must end in \.xlsx"):
        export_for_secretariat(demo, "nominees", tmp_path / "nominees.txt", actor="chair")
    assert list(tmp_path.iterdir()) == []

    results = export_for_secretariat(demo, "results", tmp_path / "results.xlsx", actor="chair")
    assert (results.rows, results.without_selection) == (0, ())  # no final round yet
