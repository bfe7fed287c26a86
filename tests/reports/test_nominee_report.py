"""The nominee report PDF from plain records: written, read back with pdftotext (names in
every script, figures, decisions, the cover's provenance) and rendered with pdftoppm."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from panel_app.reports.model import Provenance
from panel_app.reports.nominees import (
    AgreementFigure,
    CategoryPart,
    DecisionLine,
    ExpertLine,
    NomineeLine,
    NomineeReport,
    write_nominee_report,
)
from tests.reports.pdf import page_count, pdf_text, readable, render

ORGANISATIONS = {
    "2001": "中国信息通信研究院",
    "2002": "Фонд «Цифровое развитие»",
    "2003": "جامعة القاهرة",
    "2004": "Université Numérique",
    "2005": "北京 Smart City Lab",
}
DIGEST = "3f" * 32


def _line(rank: int | None, sid: str, calibrated: float, **extra: object) -> NomineeLine:
    fields: dict[str, object] = {
        "rank": rank,
        "submission_id": sid,
        "title": f"Project {sid}",
        "organisation": ORGANISATIONS[sid],
        "country": "Egypt",
        "status": "nominee",
        "calibrated": calibrated,
        "raw": calibrated - 1.5,
        "reviews": 3,
        "p_top": 0.97,
    } | extra
    return NomineeLine(**fields)  # type: ignore[arg-type]


def _report() -> NomineeReport:
    made = datetime(2026, 11, 22, 21, 5, tzinfo=UTC)
    first = CategoryPart(
        key="C7-ehealth",
        name="C7 E-health",
        method="calibrated",
        quota=3,
        nominees=(
            _line(1, "2001", 88.25),
            _line(2, "2002", 81.5, flags=("wide_spread",)),
            _line(3, "2003", 77.75),
            _line(None, "2004", 60.0, status="added by the chair", reasons=("Unique in Africa",)),
        ),
        scores=(88.25, 81.5, 77.75, 60.0, 55.0, 41.25, 38.0),
        agreement=AgreementFigure(0.62, 0.41, 0.77, 7),
        experts=(ExpertLine("E001", 5, 2.5, 1.1), ExpertLine("E002", 5, -6.0, 1.4, ("severe",))),
        cut="2003 is the last in and 2005 the first out, separated by score by 3.25 points",
        noise_sd=6.2,
    )
    second = CategoryPart(
        key="C1-governance",
        name="C1 Governance",
        method="raw",
        quota=3,
        nominees=(_line(1, "2005", 70.0),),
        scores=(70.0,),
        agreement=AgreementFigure(None, reason="fewer than two reviews per project"),
        notes=("too few reviews to calibrate: ranked by the raw mean",),
    )
    decisions = (
        DecisionLine(made, "chair", "nominee added", "2004 Project 2004", "C7-ehealth",
                     "Unique in Africa"),
        DecisionLine(made, "chair", "list frozen", "nominee list", "", "Panel meeting 12 May"),
    )  # fmt: skip
    provenance = Provenance(
        report="wsis-panel-nominee-report",
        version=1,
        title="Nominee list",
        edition_key="wsis-2020",
        edition_title="WSIS Prizes 2020",
        made_at=made,
        made_by="chair",
        workspace="/data/panel-2020.sqlite",
        digest=DIGEST,
        facts=(("Ranking method", "calibrated"),),
    )
    return NomineeReport(
        provenance, "calibrated", "frozen by chair (Panel meeting 12 May)", (first, second),
        decisions, ("C1-governance: 1 nominees for a quota of 3",),
    )  # fmt: skip


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "nominees.pdf"
    write_nominee_report(path, _report())
    return path


def test_names_in_every_script_read_back(pdf: Path) -> None:
    text = readable(pdf_text(pdf))
    for name in ORGANISATIONS.values():
        assert name in text, name
    # pdftotext gives Arabic in logical order: the joined letters, read right to left
    raw = pdf_text(pdf)
    assert "جامعة القاهرة" not in raw  # ... as presentation forms, which NFKC undoes
    assert "Project 2003" in text and "Egypt" in text


def test_the_figures_and_the_decisions_are_printed(pdf: Path) -> None:
    text = readable(pdf_text(pdf))
    assert "1 2001 Project 2001" in text
    assert "88.25 86.75 3 0.97" in text  # calibrated, raw mean, n, P(top)
    assert "0.62 (95% interval 0.41 to 0.77), 7 projects" in text
    assert "undefined (fewer than two reviews per project)" in text
    assert "2004: added by the chair – Unique in Africa" in text
    assert "Flag wide_spread: 2002." in text
    assert "nominee added" in text and "Panel meeting 12 May" in text
    assert "The frozen list: frozen by chair (Panel meeting 12 May)." in text
    assert "C1-governance: 1 nominees for a quota of 3" in text


def test_the_cover_states_what_the_report_was_made_from(pdf: Path) -> None:
    first_page = readable(pdf_text(pdf).split("\f")[0])
    for fact in (
        "WSIS Prizes 2020 (wsis-2020)",
        "2026-11-22 21:05 UTC",
        "/data/panel-2020.sqlite",
        DIGEST,
        "wsis-panel-nominee-report, version 1",
    ):
        assert fact in first_page, fact
    # every page's footer names the inputs, so a loose page can be placed
    pages = pdf_text(pdf).split("\f")[:-1]
    assert len(pages) == page_count(pdf)
    assert all(f"inputs {DIGEST[:12]}" in page for page in pages)


def test_every_page_renders_with_something_on_it(pdf: Path, tmp_path: Path) -> None:
    count = page_count(pdf)
    images = render(pdf, tmp_path, first=1, last=count)
    assert len(images) == count >= 4  # cover, overview, distributions, categories, ...
    for image in images:
        with Image.open(image) as picture:
            darkest, _ = picture.convert("L").getextrema()
            assert darkest < 100, image.name  # text drawn, not a blank page


def test_the_file_appears_only_complete(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    write_nominee_report(target, _report())
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]
