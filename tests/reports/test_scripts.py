"""Names in the scripts the submissions may hold, through the real report writers into a
real PDF: read back with pdftotext as written (the complex scripts shaped by HarfBuzz and
read through their ActualText), drawn with the glyphs of a shipped face (never an empty
box), each name of a sentence in its place; a character no face has is printed as its
code point and the writer says so."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from panel_app.reports import fonts
from panel_app.reports.results import ResultsReport, write_results_report
from panel_app.reports.shaping import shape
from panel_app.reports.text import Name, plain, runs, visual
from tests.reports import test_results_report
from tests.reports.pdf import pdf_text, readable, render

# An organisation's name per script, and the face that must draw it.
NAMES = {
    "Devanagari": ("भारतीय प्रौद्योगिकी संस्थान दिल्ली", "NotoSansDevanagari"),
    "Bengali": ("বাংলাদেশ কম্পিউটার কাউন্সিল", "NotoSansBengali"),
    "Gurmukhi": ("ਪੰਜਾਬੀ ਯੂਨੀਵਰਸਿਟੀ", "NotoSansGurmukhi"),
    "Gujarati": ("ગુજરાત યુનિવર્સિટી", "NotoSansGujarati"),
    "Odia": ("ଓଡ଼ିଶା ସରକାର", "NotoSansOriya"),
    "Tamil": ("தமிழ்நாடு மின்னணு நிறுவனம்", "NotoSansTamil"),
    "Telugu": ("తెలంగాణ ప్రభుత్వం", "NotoSansTelugu"),
    "Kannada": ("ಕರ್ನಾಟಕ ಸರ್ಕಾರ", "NotoSansKannada"),
    "Malayalam": ("കേരള സർക്കാർ", "NotoSansMalayalam"),
    "Sinhala": ("ශ්\u200dරී ලංකා ටෙලිකොම්", "NotoSansSinhala"),  # "Sri" with its joiner
    "Thai": ("มหาวิทยาลัยเชียงใหม่", "NotoSansThai"),
    "Lao": ("ກະຊວງເຕັກໂນໂລຊີ ແລະ ການສື່ສານ", "NotoSansLao"),
    "Khmer": ("ក្រសួងប្រៃសណីយ៍", "NotoSansKhmer"),
    "Myanmar": ("မြန်မာ့ ဆက်သွယ်ရေး", "NotoSansMyanmar"),
    "Ethiopic": ("ኢትዮ ቴሌኮም", "NotoSansEthiopic"),
    "Urdu": ("ہائی ٹیک پاکستان کے لیے", "NotoSansArabic"),  # heh goal, yeh barree
    "Hebrew": ("אוניברסיטת תל אביב", "DejaVuSans"),
    "Georgian": ("საქართველოს უნივერსიტეტი", "DejaVuSans"),
    "Armenian": ("Հայաստանի համալսարան", "DejaVuSans"),
    "Korean": ("한국지능정보사회진흥원", "WenQuanYiMicroHei"),
}
ARABIC, CHINESE, ARABIC_2 = "جامعة القاهرة", "北京邮电大学", "مدينة ذكية"


def _report(titles: list[str]) -> ResultsReport:
    """The results report of tests/reports with one finalist per title (title and
    organisation alike): the first the winner, the next four champions."""
    report = test_results_report._report()
    first = report.categories[0]
    template = first.finalists[0]
    finalists = tuple(
        replace(
            template,
            submission_id=str(3001 + number),
            title=title,
            organisation=title,
            award="winner" if number == 0 else "champion" if number < 5 else None,
        )
        for number, title in enumerate(titles)
    )
    return replace(report, categories=(replace(first, finalists=finalists),))


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scripts") / "results.pdf"
    assert write_results_report(path, _report([name for name, _ in NAMES.values()])) == ()
    return path


def _as_read(name: str) -> str:
    # A joiner is a format control: it chooses a form and is drawn as none (text.visual).
    return readable(name.replace("\u200d", ""))


@pytest.mark.parametrize("script", NAMES)
def test_every_name_reads_back_as_written(pdf: Path, script: str) -> None:
    text = readable(pdf_text(pdf))
    name = _as_read(NAMES[script][0])
    assert text.count(name) >= 2, (script, name)  # its title and organisation cells


def test_each_script_is_drawn_by_its_shipped_face(pdf: Path) -> None:
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    embedded = set(re.findall(r"^[A-Z]{6}\+(\S+?)(?:-Regular|-0)?\s", listing.stdout, re.M))
    assert {face for _, face in NAMES.values()} <= embedded


@pytest.mark.parametrize("script", NAMES)
def test_no_glyph_of_a_name_is_an_empty_box(script: str) -> None:
    name = NAMES[script][0]
    for run in runs(visual(name)):
        assert run.font != fonts.MISSING, (script, run.text)
        if fonts.shaped(run.font):
            assert 0 not in shape(run.text, run.font).glyphs, (script, run.text)
        else:
            assert all(fonts.has_glyph(run.font, c) for c in run.text), (script, run.text)


def test_devanagari_is_shaped_vowel_sign_first_conjuncts_joined() -> None:
    face = fonts.font_for("क")
    # "ki": the vowel sign i is written after the consonant and drawn before it
    ka = shape("क", face).glyphs[0]
    shaped = shape("कि", face)
    assert len(shaped.glyphs) == 2 and shaped.glyphs[1] == ka and shaped.x[1] > shaped.x[0]
    # "ksha", ka + virama + ssa, is one glyph: a letter of its own
    assert len(shape("क्ष", face).glyphs) == 1


def test_the_pages_render_with_the_names_drawn(pdf: Path, tmp_path: Path) -> None:
    (page,) = render(pdf, tmp_path, first=3, last=3, dpi=100)  # the category's page
    with Image.open(page) as picture:
        darkest, _ = picture.convert("L").getextrema()
    assert darkest < 100


# ---- bidi per name ---------------------------------------------------------------------


def test_a_sentence_keeps_each_name_in_its_place() -> None:
    sentence = [
        "Winner: 3001 ", Name(ARABIC), "; champions: 3002 ", Name(CHINESE), ", 3003 ",
        Name(ARABIC_2), ", 3004 ", Name("Smart Village"), ".",
    ]  # fmt: skip
    drawn = visual(plain(sentence))
    assert drawn == (
        f"Winner: 3001 {visual(ARABIC)}; champions: 3002 {CHINESE}, "
        f"3003 {visual(ARABIC_2)}, 3004 Smart Village."
    )
    # Reordered as one sentence, the ID after an Arabic name is taken into it: drawn
    # "3003 3004 ,<name> Smart Village".
    whole = visual(plain("".join(p if isinstance(p, str) else p.text for p in sentence)))
    assert f"3003 3004 ,{visual(ARABIC_2)} Smart" in whole


def test_the_results_sentence_names_arabic_and_chinese_winners_in_order(tmp_path: Path) -> None:
    path = tmp_path / "results.pdf"
    write_results_report(path, _report([ARABIC, CHINESE, ARABIC_2, "Smart Village"]))
    text = readable(pdf_text(path))
    sentence = text[text.index("Winner: 3001") :].split(" The chair's reason")[0]
    # In reading order, each ID before its name. (pdftotext reads a ";" drawn right
    # after an Arabic run as the run's: "3001 ;<name>champions" for what is drawn
    # "3001 <name>; champions". A reader's guess; the drawing is the unit test's above.)
    order = ["3001", readable(ARABIC), "3002", CHINESE, "3003", readable(ARABIC_2), "3004"]
    places = [sentence.index(part) for part in order]
    assert places == sorted(places), sentence
    assert f"3003 {readable(ARABIC_2)}, 3004 Smart Village." in sentence


# ---- a character no face has ---------------------------------------------------------

TIBETAN = "འབྲུག"  # Bhutan, in Dzongkha: no shipped face has Tibetan


def test_a_character_no_face_has_is_printed_as_its_code_and_said(tmp_path: Path) -> None:
    path = tmp_path / "results.pdf"
    (warning,) = write_results_report(path, _report(["Digital Bhutan", f"{TIBETAN} Telecom"]))
    assert warning.startswith("5 character(s) no font of the app has are printed in the report")
    for char in TIBETAN:
        assert f"U+{ord(char):04X} {unicodedata.name(char)} (in 3002)" in warning
    # a reader who copies the name gets it, not the codes drawn in its place
    assert f"{TIBETAN} Telecom" in readable(pdf_text(path))
