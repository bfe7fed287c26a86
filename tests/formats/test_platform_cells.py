"""What the platform (and a secretariat's scripts) write is read: a category written as its
action-line code and words of its own, and a text cell left as a formula with no saved
result (openpyxl writes every formula so) - each row listed for the chair, located."""

from __future__ import annotations

import html
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panel_app.edition import Edition
from panel_app.formats.submission_set import iter_submission_set
from panel_app.problems import Problem
from tests.formats.conftest import HEADERS, row, write_csv, write_xlsx

ENGINES = ["calamine", "openpyxl"]
TITLE = "B"  # the title's column in write_xlsx's workbooks


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def read(path: Path, edition: Edition, engine: str = "auto") -> tuple[list, list, list]:
    """(records, problems, notes)"""
    problems: list[Problem] = []
    notes: list[Problem] = []
    records = list(iter_submission_set(path, edition, problems, engine=engine, notes=notes))  # type: ignore[arg-type]
    return records, problems, notes


def rewrite_sheet(path: Path, old: str, new: str) -> Path:
    """The workbook with its worksheet's XML changed, as another program would write it."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    text = parts[sheet].decode("utf-8")
    assert old in text, text[-800:]
    parts[sheet] = text.replace(old, new).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


# --- formulas with no saved result --------------------------------------------------------


def test_a_title_left_as_a_formula_is_read_as_its_text_with_a_located_note(
    tmp_path: Path, edition: Edition, engine: str
) -> None:
    formula = '=CONCATENATE("Kilimo", " Salama & ", "Mobile")'
    path = write_xlsx(
        tmp_path / "set.xlsx",
        [row(1001), row(1002, **{"Project title": formula, "Notes": "=1+1"})],
        headers=(*HEADERS, "Notes"),
    )
    records, problems, notes = read(path, edition, engine)
    assert problems == []
    assert [r.title for r in records] == ["Project 1001", formula]  # never computed
    assert records[1].extra == {"Notes": "=1+1"}
    assert [(n.file, n.sheet, n.row, n.column, n.value) for n in notes] == [
        ("set.xlsx", "Submissions", 3, "Project title", formula),
        ("set.xlsx", "Submissions", 3, "Notes", "=1+1"),
    ]
    assert notes[0].describe() == (
        "set.xlsx, sheet 'Submissions', row 3, column 'Project title': The cell holds a "
        "formula with no saved result; it was read as the formula's text, not computed "
        f"(found '{formula}')"
    )


def test_a_row_of_formulas_only_below_the_last_value_is_still_read(
    tmp_path: Path, edition: Edition, engine: str
) -> None:
    """To calamine such a row does not exist (every cell empty); it is read all the same."""
    cells = {h: f'="{h}"' for h in HEADERS}
    cells.update({"Submission ID": 1002, "Category": "C4", "SDGs": 4})
    cells["Submitted at"] = row()["Submitted at"]
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001), cells])
    records, problems, notes = read(path, edition, engine)
    assert problems == []
    assert records[1].organisation == '="Organisation"'
    assert len(notes) == len(HEADERS) - 4


def test_a_formula_where_a_value_is_needed_is_refused_once(
    tmp_path: Path, edition: Edition, engine: str
) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001, Category="=A2")])
    records, problems, notes = read(path, edition, engine)
    assert (records, notes) == ([], [])
    [problem] = problems
    assert problem.describe() == (
        "set.xlsx, sheet 'Submissions', row 2, column 'Category': The cell holds a formula "
        "with no saved result (found '=A2'); expected a value: open the file in Excel or "
        "LibreOffice and save it again (the results are saved with the formulas), or type "
        "the value in"
    )


def test_a_formula_with_a_saved_result_is_read_as_the_result(
    tmp_path: Path, edition: Edition, engine: str
) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001, **{"Project title": '="Kilimo"'})])
    cell = f'<c r="{TITLE}2"><f>"Kilimo"</f><v'
    rewrite_sheet(
        path, cell + " /></c>", f'<c r="{TITLE}2" t="str"><f>"Kilimo"</f><v>Kilimo</v></c>'
    )
    records, problems, notes = read(path, edition, engine)
    assert ([r.title for r in records], problems, notes) == (["Kilimo"], [], [])


def test_a_saved_empty_text_result_is_empty(tmp_path: Path, edition: Edition, engine: str) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001, **{"Project title": '=""'})])
    rewrite_sheet(
        path, f'<c r="{TITLE}2"><f>""</f><v /></c>', f'<c r="{TITLE}2" t="str"><f>""</f><v></v></c>'
    )
    records, problems, notes = read(path, edition, engine)
    assert ([r.title for r in records], problems, notes) == ([""], [], [])


def test_a_shared_formula_reads_in_each_cell_as_excel_moves_it(
    tmp_path: Path, edition: Edition, engine: str
) -> None:
    path = write_xlsx(
        tmp_path / "set.xlsx",
        [row(1001, **{"Project title": "=A2&0"}), row(1002, **{"Project title": "=A3&0"})],
    )
    rewrite_sheet(
        path,
        f'<c r="{TITLE}2"><f>A2&amp;0</f><v /></c>',
        f'<c r="{TITLE}2"><f t="shared" ref="{TITLE}2:{TITLE}3" si="0">A2&amp;0</f></c>',
    )
    rewrite_sheet(
        path,
        f'<c r="{TITLE}3"><f>A3&amp;0</f><v /></c>',
        f'<c r="{TITLE}3"><f t="shared" si="0"/></c>',
    )
    records, problems, notes = read(path, edition, engine)
    assert problems == []
    assert [r.title for r in records] == ["=A2&0", "=A3&0"]
    assert [n.row for n in notes] == [2, 3]


_LITERAL = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"),
        exclude_characters='"',
    ),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() == t)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(literal=_LITERAL)
def test_any_formula_text_is_read_back_as_written(
    tmp_path: Path, edition: Edition, literal: str
) -> None:
    """Whatever a formula holds (XML's own characters, any script), both engines read its
    text back as openpyxl wrote it."""
    formula = f'="{literal}"&" "'
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001, **{"Project title": formula})])
    for engine in ENGINES:
        records, problems, _ = read(path, edition, engine)
        assert problems == [] and records[0].title == formula, (engine, html.escape(formula))


# --- a category written as its code and words of its own ---------------------------------


def test_a_category_written_as_its_code_and_other_words_is_read_by_the_code_and_listed(
    tmp_path: Path, edition: Edition, engine: str
) -> None:
    path = write_xlsx(
        tmp_path / "set.xlsx",
        [
            row(1001, Category="C5. Trust and safety online"),
            row(1002, Category="C7 E-health - telemedicine"),
            row(1003, Category="C5 Building confidence and security"),  # the edition's alias
        ],
    )
    records, problems, notes = read(path, edition, engine)
    assert problems == []
    assert [r.category_key for r in records] == [
        "C5-confidence-security",
        "C7-ehealth",
        "C5-confidence-security",
    ]
    assert [(n.row, n.column, n.value, n.params["category"]) for n in notes] == [
        (2, "Category", "C5. Trust and safety online", "C5-confidence-security"),
        (3, "Category", "C7 E-health - telemedicine", "C7-ehealth"),
    ]
    assert notes[0].describe() == (
        "set.xlsx, sheet 'Submissions', row 2, column 'Category': The category was read by "
        "its code C5 as C5-confidence-security (C5 Building confidence and security in the "
        "use of ICTs): check that the project belongs there (found 'C5. Trust and safety "
        "online')"
    )


def test_a_code_whose_words_name_another_category_is_refused(
    tmp_path: Path, edition: Edition
) -> None:
    path = write_csv(
        tmp_path / "set.csv",
        [row(1001, Category="C5 Capacity building for teachers"), row(1002, Category="C7 Apps")],
    )
    records, problems, notes = read(path, edition)
    assert (records, notes) == ([], [])
    assert [p.describe() for p in problems] == [
        "set.csv, row 2, column 'Category': The code C5 and the words after it name different "
        "categories: the words name C4-capacity-building, which is not a C5 category (found "
        "'C5 Capacity building for teachers'); expected one category: its key or full name, "
        "such as 'C5 Building confidence and security in the use of ICTs' or 'C4 Capacity "
        "building'",
        "set.csv, row 3, column 'Category': The category could be any of 8 categories: "
        "C7-egovernment, C7-ebusiness, C7-elearning, C7-ehealth, C7-eemployment, "
        "C7-eenvironment, C7-eagriculture, C7-escience (found 'C7 Apps'); expected one "
        "category: its key or full name, such as 'C7 ICT applications: E-government'",
    ]
