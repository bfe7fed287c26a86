"""The results report PDF from plain records: written, read back with pdftotext (names in
every script, the final-round figures, W and the two orders, the chair's reasons, the
cover's provenance) and rendered with pdftoppm."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from panel_app.reports.results import (
    ConcordanceFigure,
    FinalCategory,
    FinalistResult,
    ResultsReport,
    write_results_report,
)
from panel_app.reports.sections import DecisionLine
from tests.reports.pdf import page_count, pages_drawn, pdf_text, provenance, readable

ORGANISATIONS = {
    "3001": "中国信息通信研究院",
    "3002": "Фонд «Цифровое развитие»",
    "3003": "جامعة القاهرة",
    "3004": "Université Numérique",
    "3005": "北京 Smart City Lab",
}
DIGEST = "7c" * 32
MADE = datetime(2026, 11, 23, 0, 30, tzinfo=UTC)


def _finalist(sid: str, place: int, mean: float | None, award: str | None) -> FinalistResult:
    return FinalistResult(
        submission_id=sid,
        title=f"Project {sid}",
        organisation=ORGANISATIONS[sid],
        country="Egypt",
        vote=f"{900 - 100 * place} valid votes, rank {place}",
        mean=mean,
        low=None if mean is None else mean - 7.5,
        high=None if mean is None else mean + 5.25,
        reviews=0 if mean is None else 6,
        criterion_means=(4.5, 3.75, None) if mean is not None else (None, None, None),
        score_place=None if mean is None else place,
        schulze_place=place,
        ranks=("1", "2.5", "COI") if place == 1 else ("2", "2.5", "none"),
        award=award,
    )


def _report() -> ResultsReport:
    decided = FinalCategory(
        key="C7-ehealth",
        name="E-health",
        criteria=("impact", "project_scale", "sustainable_development"),
        criterion_names=("Results and impact", "Scale of the project", "Sustainable development"),
        experts=("E001", "E002", "E003"),
        finalists=(
            _finalist("3001", 1, 86.25, "winner"),
            _finalist("3002", 2, 79.5, "champion"),
            _finalist("3003", 3, 79.5, "champion"),
            _finalist("3004", 4, 61.0, "champion"),
        ),
        concordance=ConcordanceFigure(0.712, 0.0042, 3, 4),
        score_order="3001 > 3002 = 3003 > 3004",
        schulze_order="3001 > 3003 > 3002 > 3004",
        reason="Strongest evidence of scale; panel meeting 3 June",
        decided="chair, 2026-11-22 18:00 UTC",
        settled=("tie in the mean scores across the last champion's place (3002, 3003)",),
    )
    waiting = FinalCategory(
        key="C1-governance",
        name="Governance",
        criteria=("impact", "project_scale", "sustainable_development"),
        experts=("E004",),
        finalists=(replace(_finalist("3005", 1, None, None), ranks=("none",)),),
        concordance=ConcordanceFigure(None, reason="fewer than two experts ranked every finalist"),
        score_order="3005",
        schulze_order="3005",
        reason=None,
        notes=("no final-round review counts yet: neither order says anything",),
    )
    made = provenance(
        "wsis-panel-results-report",
        "Winners and champions",
        DIGEST,
        MADE,
        (("Without a selection", "C1-governance"),),
    )
    decisions = (
        DecisionLine(MADE, "chair", "selection recorded", "winner 3001; champions 3002, 3003",
                     "C7-ehealth", "First draft"),
        DecisionLine(MADE, "chair", "selection replaced", "winner 3001; champions 3002, 3003, "
                     "3004", "C7-ehealth", "Strongest evidence of scale; panel meeting 3 June"),
    )  # fmt: skip
    return ResultsReport(
        made, (decided, waiting), decisions, ("C1-governance: no selection recorded yet",)
    )


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("results") / "results.pdf"
    write_results_report(path, _report())
    return path


def test_names_in_every_script_read_back(pdf: Path) -> None:
    text = readable(pdf_text(pdf))
    for name in ORGANISATIONS.values():
        assert name in text, name


def test_winner_champions_reasons_and_the_final_round_figures(pdf: Path) -> None:
    text = readable(pdf_text(pdf))
    assert "Winner: 3001 Project 3001; champions: 3002 Project 3002, 3003 Project 3003" in text
    assert "The chair's reason: Strongest evidence of scale; panel meeting 3 June (chair" in text
    assert "86.25 78.8–91.5 6 1 winner" in text  # mean, range across experts, n, Schulze
    assert "800 valid votes, rank 1" in text
    assert "Kendall's W: 0.712 over 3 experts and 4 finalists, p = 0.004." in text
    assert "Order of the mean scores: 3001 > 3002 = 3003 > 3004." in text
    assert "Schulze order of the experts' rankings: 3001 > 3003 > 3002 > 3004." in text
    assert "Settled by the selection: tie in the mean scores across the last champion's" in text
    assert "3001 4.50 3.75 –" in text  # per-criterion means; a blank one as a dash
    # The columns are numbered; the legend names each criterion as the edition does.
    assert "Criteria: 1 Results and impact; 2 Scale of the project; 3 Sustainable" in text
    assert "Criteria: 1 impact; 2 project scale; 3 sustainable development." in text
    assert "3001 1 2.5 COI" in text  # the experts' ranks, and why one is missing
    assert "undefined (fewer than two experts ranked every finalist)" in text
    assert "No selection recorded yet." in text
    assert "Open: no final-round review counts yet" in text
    assert "selection replaced" in text and "First draft" in text
    assert "C1-governance: no selection recorded yet" in text


def test_the_cover_states_what_the_report_was_made_from(pdf: Path) -> None:
    first_page = readable(pdf_text(pdf).split("\f")[0])
    for fact in (
        "WSIS Prizes 2020 (wsis-2020)",
        "2026-11-23 00:30 UTC",
        "/data/panel-2020.sqlite",
        DIGEST,
        "wsis-panel-results-report, version 1",
        "Winners and champions of 1 of 2 categories with finalists.",
    ):
        assert fact in first_page, fact
    pages = pdf_text(pdf).split("\f")[:-1]
    assert len(pages) == page_count(pdf)
    assert all(f"inputs {DIGEST[:12]}" in page for page in pages)


def test_every_page_renders_with_something_on_it(pdf: Path, tmp_path: Path) -> None:
    assert pages_drawn(pdf, tmp_path) >= 4  # cover, overview, a page per category, decisions
