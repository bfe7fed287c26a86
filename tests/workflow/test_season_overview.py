"""Where the season stands, phase by phase, on real workspaces at each phase of a demo
season: the states and counts a chair reads on the landing view, the same numbers the
phases' own reads give, and the one next step."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from panel_app.workflow.final.final_round import (
    final_round_report,
    proposed_selection,
    record_selection,
)
from panel_app.workflow.intake.checks import run_checks
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.nomination.nominees import nomination_report
from panel_app.workflow.overview import summarise
from panel_app.workflow.review.merge import coverage
from panel_app.workflow.review.packages import write_packages
from panel_app.workflow.season.phases import (
    ACT_EXPORT,
    ACT_FINAL_ROUND,
    ACT_NOMINEES,
    ACT_PANEL,
    ACT_PANEL_FINAL,
    ACT_VOTES,
    BLOCKED,
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    PHASES,
    WHY_LIST_UNSETTLED,
    SeasonOverview,
    season_overview,
)
from panel_app.workflow.secretariat.exports import export_for_secretariat
from panel_app.workflow.vote.public_vote import finalists_report
from panel_app.workflow.workspace import locate_workspace, open_workspace

from ..seasons import demo_season
from .conftest import add_review, assign_projects, submission_row, write_workbook


@pytest.fixture(scope="module")
def seasons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("seasons")


def states(overview: SeasonOverview) -> dict[str, str]:
    return {p.key: p.state for p in overview.phases}


def test_a_workspace_just_imported(tmp_path: Path) -> None:
    rows = [
        submission_row(1),
        submission_row(2, Category="C7 E-agriculture"),
        submission_row(3, **{"Project summary": "Too short."}),  # rule: summary length
    ]
    with open_workspace(locate_workspace(tmp_path / "ws.sqlite"), create=True,
                        edition_key="wsis-2020") as ws:  # fmt: skip
        import_submissions(ws, write_workbook(tmp_path / "set.xlsx", rows))
        run_checks(ws)
        overview = season_overview(ws)
    assert [p.key for p in overview.phases] == list(PHASES)
    imported = overview.phase("import")
    assert imported.state == DONE
    assert dict(imported.counts) == {"submissions": 3, "categories": 2, "categories_total": 18}
    checks = overview.phase("checks")
    assert checks.state == DONE
    assert checks.counts["findings"] >= 1 and checks.counts["eligible"] <= 2
    assert checks.counts["ineligible"] + checks.counts["flagged"] + checks.counts["eligible"] == 3
    later = [state for key, state in states(overview).items() if key not in ("import", "checks")]
    assert set(later) == {NOT_STARTED}
    assert overview.next is not None and overview.next.key == "panel"
    assert overview.next.actions[0] == ACT_PANEL
    assert overview.phase_day is not None and overview.edition_key == "wsis-2020"


def test_the_packages_out_and_the_reviews_coming_back(tmp_path: Path) -> None:
    rows = [submission_row(n) for n in (1, 2, 3)]
    with open_workspace(locate_workspace(tmp_path / "ws.sqlite"), create=True,
                        edition_key="wsis-2020") as ws:  # fmt: skip
        import_submissions(ws, write_workbook(tmp_path / "set.xlsx", rows))
        run_checks(ws)
        assign_projects(ws, "E1", ["1", "2"])
        assign_projects(ws, "E2", ["2", "3"])
        assigned = season_overview(ws)
        write_packages(ws, tmp_path / "out", actor="chair")
        sent = season_overview(ws)
        add_review(ws, "E1", "1", conflict=True)  # returned: a conflict declared
        back = season_overview(ws)
    panel = assigned.phase("panel")
    assert panel.state == IN_PROGRESS  # experts, but no past winners for rule 11 yet
    assert dict(panel.counts) == {"experts": 2, "past_winners": 0}
    assert assigned.phase("assignment").state == DONE
    assert dict(assigned.phase("assignment").counts) == {
        "assignments": 4, "eligible": 3, "assigned": 3
    }  # fmt: skip
    packages = assigned.phase("packages")
    assert packages.state == NOT_STARTED
    assert dict(packages.counts) == {"experts": 2, "issued": 0, "waiting": 2}
    assert sent.phase("packages").state == DONE
    assert dict(sent.phase("packages").counts) == {"experts": 2, "issued": 2, "waiting": 0}
    assert sent.phase("merge").state == NOT_STARTED
    merge = back.phase("merge")
    assert merge.state == IN_PROGRESS
    assert dict(merge.counts) == {"assigned": 4, "returned": 1, "experts": 2, "complete": 0}
    assert back.next is not None and back.next.key == "panel"  # past winners still missing


def test_the_first_read_loads_none_of_the_scorings_libraries(tmp_path: Path) -> None:
    """The landing view reads this when a workspace opens: a season that has not reached
    the ranking costs no numpy, openpyxl nor the rule checks' libraries."""
    path = tmp_path / "ws.sqlite"
    with open_workspace(locate_workspace(path), create=True, edition_key="wsis-2020") as ws:
        import_submissions(ws, write_workbook(tmp_path / "set.xlsx", [submission_row(1)]))
        run_checks(ws)
    heavy = ("openpyxl", "numpy", "scipy", "rapidfuzz", "reportlab", "python_calamine")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from panel_app.workflow.workspace import locate_workspace\n"
        "from panel_app.workflow.season.phases import season_overview_at\n"
        f"overview = season_overview_at(locate_workspace(Path({str(path)!r})))\n"
        "print(overview.next.key)\n"
        f"print(' '.join(m for m in {heavy!r} if m in sys.modules))\n"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == ["panel", ""]


def test_the_reviews_in_and_the_list_not_yet_settled(seasons: Path) -> None:
    with open_workspace(locate_workspace(demo_season(seasons, "review"))) as ws:
        overview = season_overview(ws)
        summary = summarise(ws)
        returned = coverage(ws)
        report = nomination_report(ws)
    assert states(overview) == {
        "import": DONE, "checks": DONE, "panel": DONE, "assignment": DONE,
        "packages": DONE,  # no package written, but every review is back (the demo's desk)
        "merge": DONE, "nominees": IN_PROGRESS, "freeze": BLOCKED, "vote": NOT_STARTED,
        "finalists": NOT_STARTED, "final-round": NOT_STARTED, "selection": NOT_STARTED,
        "exports": NOT_STARTED,
    }  # fmt: skip
    merge = overview.phase("merge")
    assert merge.counts["returned"] == summary.reviews == returned.returned
    assert merge.counts["assigned"] == summary.assignments == returned.assigned
    assert merge.counts["experts"] == len(returned.experts) == merge.counts["complete"]
    panel = overview.phase("panel")
    assert panel.counts["experts"] == summary.experts and panel.counts["past_winners"] > 0
    nominees = overview.phase("nominees")
    flagged = [e for e in report.entries if e.findings]
    assert nominees.counts["flagged"] == len(flagged) > 0  # the demo's planted pairs
    assert nominees.counts["categories"] == 18
    unsettled = {e.category_key for e in flagged}
    assert nominees.counts["settled"] == 18 - len(unsettled)
    assert nominees.counts["nominees"] == len(report.entries)
    assert overview.phase("freeze").why == WHY_LIST_UNSETTLED
    assert overview.next is not None and overview.next.key == "nominees"
    assert overview.next.actions == (ACT_NOMINEES,)


def test_the_list_frozen_the_secretariat_needs_it_before_the_vote(seasons: Path) -> None:
    with open_workspace(locate_workspace(demo_season(seasons, "nominees"))) as ws:
        overview = season_overview(ws)
        report = nomination_report(ws)
        assert report.frozen is not None
        freeze = overview.phase("freeze")
        assert freeze.state == DONE and freeze.by == "chair"
        assert freeze.counts["nominees"] == report.frozen.rows
        assert overview.phase("nominees").counts["settled"] == 18
        vote = overview.phase("vote")
        assert vote.state == NOT_STARTED
        # First the nominee list to the secretariat, who runs the vote; then its import.
        assert vote.actions == (ACT_EXPORT["nominees"], ACT_VOTES)
        assert overview.next is vote
        export_for_secretariat(ws.location, "nominees", ws.location.path.parent / "n.xlsx")
        after = season_overview(ws)
    assert after.phase("vote").actions == (ACT_VOTES,)
    [nominees, finalists, results] = after.phase("exports").lists
    assert nominees.available and nominees.current and nominees.exported_on is not None
    assert not finalists.available and not results.available
    assert after.phase("exports").state == IN_PROGRESS


def test_the_vote_in_the_finalists_settled(seasons: Path) -> None:
    with open_workspace(locate_workspace(demo_season(seasons, "vote"))) as ws:
        overview = season_overview(ws)
        audit = finalists_report(ws).audit
        categories = final_round_report(ws).categories
    vote = overview.phase("vote")
    assert vote.state == DONE
    assert dict(vote.counts) == {"valid": audit.valid, "read": audit.votes_read}
    finalists = overview.phase("finalists")
    assert finalists.state == DONE  # the demo settles its ties by ID
    assert finalists.counts["settled"] == finalists.counts["categories"] == len(categories)
    assert finalists.counts["finalists"] == sum(
        len(c.finalists) + len(c.not_analysed) for c in categories
    )
    assert overview.phase("final-round").state == NOT_STARTED
    assert overview.next is not None and overview.next.key == "final-round"
    assert overview.next.actions == (ACT_PANEL_FINAL,)


def test_the_final_round_reviewed_the_winners_to_choose(seasons: Path) -> None:
    with open_workspace(locate_workspace(demo_season(seasons, "final"))) as ws:
        overview = season_overview(ws)
        final = coverage(ws, round_key="final")
    final_round = overview.phase("final-round")
    assert final_round.state == DONE
    assert final_round.counts["returned"] == final.returned == final.assigned > 0
    selection = overview.phase("selection")
    assert selection.state == NOT_STARTED and selection.counts["selected"] == 0
    assert overview.next is selection and selection.actions == (ACT_FINAL_ROUND,)


def test_the_winners_chosen_the_lists_for_the_secretariat(seasons: Path) -> None:
    with open_workspace(locate_workspace(demo_season(seasons, "selection"))) as ws:
        overview = season_overview(ws)
        assert states(overview)["selection"] == DONE
        assert overview.phase("selection").counts["selected"] == 18
        exports = overview.phase("exports")
        assert exports.state == NOT_STARTED and exports.counts["available"] == 3
        assert overview.next is exports and exports.actions[0] == ACT_EXPORT["nominees"]
        folder = ws.location.path.parent
        for kind in ("nominees", "finalists", "results"):
            export_for_secretariat(ws.location, kind, folder / f"{kind}.csv")
        done = season_overview(ws)
        assert done.phase("exports").state == DONE and done.next is None
        # A selection recorded again after the export: the results file is no longer the
        # record, and the overview says so.
        category = final_round_report(ws).categories[0]
        winners, champions = proposed_selection(category)
        record_selection(ws, category.category_key, winners=winners, champions=champions,
                         reason="Recorded again after the panel's call", actor="chair")  # fmt: skip
        again = season_overview(ws)
    results = again.phase("exports").lists[2]
    assert results.kind == "results" and results.exported_on is not None
    assert not results.current
    assert again.phase("exports").state == IN_PROGRESS
    assert again.next is not None and again.next.actions[0] == ACT_EXPORT["results"]


def test_an_edition_with_no_nominee_count_waits_on_the_chairs_rule(tmp_path: Path) -> None:
    path = demo_season(tmp_path, "review", edition_key="wsis-2017")
    with open_workspace(locate_workspace(path)) as ws:
        overview = season_overview(ws)
    nominees = overview.phase("nominees")
    assert nominees.state == IN_PROGRESS and nominees.counts["nominees"] == 0
    assert overview.phase("freeze").state == NOT_STARTED  # nothing to freeze, nothing refused
    assert overview.next is nominees
