"""The finalists report PDF from plain records: the vote audit in the rules' words, every
nominee's votes and rank, the tie at the last place, names in every script, the cover."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from panel_app.reports.finalists import (
    FinalistsReport,
    RejectedExample,
    RejectedVotes,
    Standing,
    VoteCategory,
    write_finalists_report,
)
from panel_app.votes.audit import REASON_TEXT
from tests.reports.pdf import pages_drawn, pdf_text, provenance, readable

ORGANISATIONS = {
    "4001": "中国信息通信研究院",
    "4002": "Фонд «Цифровое развитие»",
    "4003": "جامعة القاهرة",
    "4004": "Université Numérique",
}
DIGEST = "a5" * 32
VOTE_FILE = "0b" * 32
COUNTS = {"incomplete_registration": 1_204, "duplicate": 35_118, "after_close": 0}


def _report() -> FinalistsReport:
    standings = (
        Standing(1, "4001", "Project 4001", ORGANISATIONS["4001"], 812_345, "finalist"),
        Standing(2, "4002", "Project 4002", ORGANISATIONS["4002"], 9_001, "tied"),
        Standing(2, "4003", "Project 4003", ORGANISATIONS["4003"], 9_001, "tied"),
        Standing(4, "4004", "Project 4004", ORGANISATIONS["4004"], 12, "not-finalist"),
    )
    made = provenance(
        "wsis-panel-finalists-report",
        "Finalists of the public vote",
        DIGEST,
        datetime(2026, 11, 23, 0, 40, tzinfo=UTC),
        (("Vote file", "votes-2020.csv"), ("Vote file SHA-256", VOTE_FILE)),
    )
    return FinalistsReport(
        provenance=made,
        kind="raw",
        votes_read=830_358 + sum(COUNTS.values()),
        valid=830_358,
        rejected=tuple(RejectedVotes(k, REASON_TEXT[k], v) for k, v in COUNTS.items()),
        examples=(RejectedExample(17, "duplicate", "voter9 in C7-ehealth: 4002, after 4001"),),
        finalists_per_category=2,
        categories=(
            VoteCategory("C7-ehealth", "C7 E-health", standings, ("4001",), ("4002", "4003"), 1),
        ),
        warnings=("C7-ehealth: 2 projects tie for the last 1 finalist place(s): 4002, 4003",),
    )


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("finalists") / "finalists.pdf"
    write_finalists_report(path, _report())
    return path


def test_the_vote_audit_counts_every_vote_in_the_rules_words(pdf: Path) -> None:
    rows = readable(pdf_text(pdf, layout=True))
    assert f"Votes read {830_358 + sum(COUNTS.values()):,}" in rows
    assert "Valid counted for the project 830,358" in rows
    assert f"Rejected in all {sum(COUNTS.values()):,}" in rows
    for reason, count in COUNTS.items():
        assert f"{reason} {REASON_TEXT[reason]} {count:,}" in rows, reason
    assert "17 duplicate voter9 in C7-ehealth: 4002, after 4001" in rows


def test_standings_ties_and_names_in_every_script(pdf: Path) -> None:
    text = readable(pdf_text(pdf))
    for name in ORGANISATIONS.values():
        assert name in text, name
    assert "1 4001 Project 4001" in text and "812,345 finalist" in text
    assert "2 projects tie for the last 1 finalist place(s): 4002, 4003." in text
    assert "9,001 tied (last place)" in text


def test_the_cover_names_the_digests(pdf: Path, tmp_path: Path) -> None:
    first_page = readable(pdf_text(pdf).split("\f")[0])
    for fact in (DIGEST, VOTE_FILE, "wsis-panel-finalists-report, version 1", "votes-2020.csv"):
        assert fact in first_page, fact
    assert "Ties at the last place, for the chair: C7-ehealth." in first_page
    assert pages_drawn(pdf, tmp_path) >= 3  # cover, audit, the category
