"""Both editions end to end, and what a workspace refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from panel_app.demo.workspace import create_demo_workspace
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.overview import summarise
from panel_app.workflow.workspace import (
    WorkspaceError,
    locate_workspace,
    open_workspace,
)

from .conftest import submission_row, write_workbook


@pytest.mark.parametrize("edition_key", ["wsis-2017", "wsis-2020"])
def test_a_demo_set_of_each_edition_lands_whole(edition_key: str, tmp_path: Path) -> None:
    location = locate_workspace(tmp_path / f"{edition_key}.sqlite")
    result = create_demo_workspace(location, count=150, seed=7, edition_key=edition_key)
    assert result.intake.added == 150
    with open_workspace(location) as ws:
        assert ws.edition.key == edition_key
        summary = summarise(ws)
    assert summary.submissions == 150
    assert len(summary.categories) == 18
    assert sum(c.submissions for c in summary.categories) == 150


def test_a_workspace_keeps_its_edition(database_url: str, tmp_path: Path) -> None:
    location = locate_workspace(database_url=database_url)
    with open_workspace(location, create=True, edition_key="wsis-2017") as ws:
        assert ws.edition.year == 2017
        import_submissions(ws, write_workbook(tmp_path / "set.xlsx", [submission_row(1)]))
    with pytest.raises(WorkspaceError, match="reviews the edition wsis-2017, not wsis-2020"):
        open_workspace(location, edition_key="wsis-2020")
    with open_workspace(location) as ws:
        assert ws.edition.key == "wsis-2017"
        assert summarise(ws).submissions == 1


def test_an_unknown_edition_is_refused_by_name(tmp_path: Path) -> None:
    location = locate_workspace(tmp_path / "ws.sqlite")
    with pytest.raises(Exception, match="wsis-1999") as refused:
        open_workspace(location, create=True, edition_key="wsis-1999")
    assert "wsis-2020" in str(refused.value)  # lists the editions that exist


def test_both_a_file_and_a_url_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="not both"):
        locate_workspace(tmp_path / "a.sqlite", "sqlite:///b.sqlite")


def test_the_environment_names_the_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "from-env.sqlite"
    monkeypatch.setenv("PANEL_APP_DATABASE_URL", f"sqlite:///{target}")
    location = locate_workspace()
    assert location.path == target
    assert location.display == str(target)


def test_a_mistyped_edition_leaves_no_file_behind(tmp_path: Path) -> None:
    target = tmp_path / "ws.sqlite"
    with pytest.raises(Exception, match="wsis-1999"):
        open_workspace(locate_workspace(target), create=True, edition_key="wsis-1999")
    assert not target.exists()


def test_a_new_workspace_is_empty_of_its_edition_and_never_takes_over_a_file(
    tmp_path: Path,
) -> None:
    from panel_app.workflow.workspace import create_workspace, edition_choices

    assert [e.key for e in edition_choices()][:2] == ["wsis-2020", "wsis-2017"]  # newest first
    location = locate_workspace(tmp_path / "panel-2017.sqlite")
    with create_workspace(location, "wsis-2017", actor="chair") as ws:
        assert ws.edition.key == "wsis-2017"
        assert summarise(ws).submissions == 0
    with pytest.raises(WorkspaceError, match=r"panel-2017\.sqlite exists already: open it"):
        create_workspace(location, "wsis-2020")
    other = tmp_path / "notes.txt"
    other.write_text("a chair's notes", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="exists already"):
        create_workspace(locate_workspace(other), "wsis-2020")
    assert other.read_text(encoding="utf-8") == "a chair's notes"  # untouched
