"""A demo season taken to any phase: each phase's state as a chair would leave it, every
decision the rules call for taken with a reason in the audit log, never silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from panel_app.cli import main
from panel_app.workflow.final.final_round import final_round_report
from panel_app.workflow.nomination.nominees import nomination_report
from panel_app.workflow.record import AuditFilter, audit_lines
from panel_app.workflow.vote.public_vote import finalists_report
from panel_app.workflow.workspace import locate_workspace, open_workspace


def test_the_demo_goes_on_to_the_winners_selected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "season.sqlite"
    argv = ["demo", "--no-gui", "--count", "150", "--workspace", str(path)]
    assert main([*argv, "--phase", "selection", "--json"]) == 0
    printed = capsys.readouterr().out
    steps = json.loads(printed[printed.rindex('{\n  "ok": true,\n  "phase"') :])["steps"]
    assert steps[0].startswith("nominees with an open finding removed") or steps[0].startswith(
        "nominee list frozen"
    )
    assert steps[-1].startswith("winners and champions recorded in ")
    with open_workspace(locate_workspace(path)) as ws:
        report = nomination_report(ws)
        assert report.frozen is not None
        assert not any(e.findings for e in report.entries)  # settled before the freeze
        finalists = finalists_report(ws)
        assert finalists.unsettled == {}
        categories = final_round_report(ws).categories
        assert categories and all(c.selection_reason for c in categories)
        reasons = [
            line.after.get("reason") if line.after else line.note
            for line in audit_lines(ws, AuditFilter(action="selection."))
        ]
        assert reasons and all(str(r).startswith("Demo season: ") for r in reasons)


def test_the_phases_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["demo", "--no-gui", "--count", "150", "--workspace", str(tmp_path / "w.sqlite")]
    assert main([*argv, "--phase", "nominees"]) == 0
    out = capsys.readouterr().out
    assert "Demo season: nominee list frozen: " in out
    assert "public vote" not in out
    with pytest.raises(SystemExit) as usage:
        main([*argv, "--phase", "winners"])
    assert usage.value.code == 2


def test_the_2017_demo_season_runs_under_its_own_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No fixed count: the list made by the chair's rule in one step; three finalists by
    votes analysed, the winner one of them, the other four finalists champions."""
    path = tmp_path / "season2017.sqlite"
    argv = ["demo", "--no-gui", "--count", "150", "--edition", "wsis-2017", "--workspace"]
    assert main([*argv, str(path), "--phase", "selection"]) == 0
    out = capsys.readouterr().out
    assert "Demo season: nominees added by the chair's rule (the top 8 of each category" in out
    with open_workspace(locate_workspace(path)) as ws:
        assert ws.edition.key == "wsis-2017"
        report = nomination_report(ws)
        assert report.frozen is not None and report.frozen.rows > 0
        assert {e.status for e in report.entries} == {"added"}
        categories = final_round_report(ws).categories
        assert sum(len(c.not_analysed) for c in categories) >= len(categories)
        for category in categories:
            # The top three by votes analysed (a tie on votes at the third place: more).
            total = len(category.finalists) + len(category.not_analysed)
            assert len(category.finalists) >= min(3, total)
            winner = [r for r in category.finalists if r.selection == "winner"]
            assert len(winner) == 1, category.category_key
            others = [o for o in category.not_analysed if o.selection == "champion"]
            champions = [r for r in category.finalists if r.selection == "champion"]
            assert len(champions) + len(others) == min(4, total - 1)
