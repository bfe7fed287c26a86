"""The expert list: real workbooks and CSV files read back, every refusal with its message."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from panel_app.edition import Edition
from panel_app.formats.experts import COLUMNS, ExpertRecord, read_experts
from panel_app.formats.headers import header_form
from panel_app.i18n import CODES, language, language_code
from panel_app.problems import InputRefused, Problem

HEADERS = tuple(c.header for c in COLUMNS)


def expert(expert_id: Any = "E001", **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "Expert ID": expert_id,
        "Name": f"Expert {expert_id}",
        "E-mail": f"{str(expert_id).lower()}@example.org",
        "Organisation": "University of Nairobi",
        "Country": "Kenya",
        "Categories": "C7-ehealth",
        "Conflicts: organisations": "",
        "Conflicts: submission IDs": "",
        "Language": "",
    }
    values.update(overrides)
    return values


def write_xlsx(
    path: Path,
    rows: Sequence[dict[str, Any]],
    headers: Sequence[str] = HEADERS,
    above: Sequence[Sequence[Any]] = (),
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Experts"
    for line in above:
        sheet.append(list(line))
    sheet.append(list(headers))
    for values in rows:
        sheet.append([values.get(h, values.get(_main(h))) for h in headers])
    book.save(path)
    return path


def _main(header: str) -> str:
    """The main header of whatever column `header` spells (for rows keyed by it)."""
    from panel_app.formats.headers import header_form

    for column in COLUMNS:
        if header_form(header) in {header_form(s) for s in (column.header, *column.aliases)}:
            return column.header
    return header


def write_csv(path: Path, rows: Sequence[dict[str, Any]], headers: Sequence[str] = HEADERS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for values in rows:
            writer.writerow(["" if values.get(h) is None else values.get(h) for h in headers])
    return path


def problems(path: Path, edition: Edition) -> list[Problem]:
    with pytest.raises(InputRefused) as refused:
        read_experts(path, edition)
    return refused.value.problems


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_list_reads_every_field(tmp_path: Path, edition: Edition, suffix: str) -> None:
    rows = [
        expert(
            "E001",
            Categories="C7 E-health; 4\nC7-elearning",
            **{
                "Conflicts: organisations": "Acme, Inc.; Beta Foundation",
                "Conflicts: submission IDs": "1001, 1002;1001",
            },
            Language=" Français ",
        ),
        expert(17, Name="  张伟  ", Organisation="", Country=""),
    ]
    write = write_xlsx if suffix == ".xlsx" else write_csv
    listed = read_experts(write(tmp_path / f"experts{suffix}", rows), edition)
    first, second = listed.records
    assert first == ExpertRecord(
        expert_id="E001",
        name="Expert E001",
        email="e001@example.org",
        organisation="University of Nairobi",
        country="Kenya",
        category_keys=("C7-ehealth", "C4-capacity-building", "C7-elearning"),
        conflict_organisations=("Acme, Inc.", "Beta Foundation"),
        conflict_submissions=("1001", "1002"),
        row=2,
        language="fr",
        language_listed=True,
    )
    assert (second.expert_id, second.name, second.organisation, second.row) == ("17", "张伟", "", 3)
    assert second.conflict_submissions == ()
    assert (second.language, second.language_listed) == (None, True)  # the chair's choice


def test_conflict_columns_may_be_left_out_and_title_rows_sit_above(
    tmp_path: Path, edition: Edition
) -> None:
    path = write_xlsx(
        tmp_path / "e.xlsx",
        [expert("E1")],
        headers=HEADERS[:6],
        above=[["WSIS Prizes 2020: the panel"], []],
    )
    (record,) = read_experts(path, edition).records
    assert record.row == 4 and record.conflict_organisations == ()
    # A list without the Language column leaves the language stored as it is.
    assert (record.language, record.language_listed) == (None, False)
    assert "language" not in record.fields()


def test_a_number_cell_of_conflicts_is_one_submission(tmp_path: Path, edition: Edition) -> None:
    path = write_xlsx(tmp_path / "e.xlsx", [expert(**{"Conflicts: submission IDs": 1001.0})])
    assert read_experts(path, edition).records[0].conflict_submissions == ("1001",)


# -- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "code", "column", "message", "value"),
    [
        ({"Categories": "C99 Space"}, "experts.category_unknown", "Categories",
         "'C99 Space' is not one of the wsis-2020 categories", "C99 Space"),
        ({"Categories": "C7"}, "experts.category_ambiguous", "Categories",
         "'C7' could be any of 8 categories: C7-egovernment, C7-ebusiness, C7-elearning, "
         "C7-ehealth, C7-eemployment, C7-eenvironment, C7-eagriculture, C7-escience", "C7"),
        ({"Categories": ""}, "experts.no_category", "Categories",
         "The expert reviews no category", None),
        ({"E-mail": "ann.example.org"}, "experts.email_invalid", "E-mail",
         "The e-mail address is not valid", "ann.example.org"),
        ({"E-mail": "a b@example.org"}, "experts.email_invalid", "E-mail",
         "The e-mail address is not valid", "a b@example.org"),
        ({"E-mail": None}, "experts.value_missing", "E-mail", "The cell is empty", None),
        ({"Name": " "}, "experts.value_missing", "Name", "The cell is empty", None),
        ({"Expert ID": "E 1"}, "experts.id_invalid", "Expert ID",
         "The expert ID is not an identifier", "E 1"),
        ({"Expert ID": "#N/A"}, "experts.excel_error", "Expert ID",
         "The cell holds the Excel error #N/A", "#N/A"),
        ({"Conflicts: submission IDs": "1001; n/a!"}, "experts.conflict_id_invalid",
         "Conflicts: submission IDs", "'n/a!' is not a submission ID", "n/a!"),
        ({"Language": "Klingon"}, "experts.language_unknown", "Language",
         "'Klingon' is not one of the app's languages", "Klingon"),
        ({"Language": "zh_TW"}, "experts.language_unknown", "Language",
         "'zh_TW' is not one of the app's languages", "zh_TW"),
    ],
)  # fmt: skip
def test_each_row_refusal_is_located_with_its_message(
    tmp_path: Path,
    edition: Edition,
    overrides: dict[str, Any],
    code: str,
    column: str,
    message: str,
    value: str | None,
) -> None:
    path = write_xlsx(tmp_path / "e.xlsx", [expert("E1"), expert("E2", **overrides)])
    (problem,) = problems(path, edition)
    assert (problem.code, problem.message, problem.column, problem.value) == (
        code,
        message,
        column,
        value,
    )
    assert (problem.file, problem.sheet, problem.row) == ("e.xlsx", "Experts", 3)
    assert problem.expected


def test_a_duplicate_expert_id_or_email_names_the_first_row(
    tmp_path: Path, edition: Edition
) -> None:
    path = write_xlsx(
        tmp_path / "e.xlsx",
        [
            expert("E1"),
            expert("e1", **{"E-mail": "other@example.org"}),
            expert("E3", **{"E-mail": "E1@Example.org"}),
        ],
    )
    found = problems(path, edition)
    assert [(p.code, p.row, p.message) for p in found] == [
        ("experts.id_twice", 3, "The expert ID e1 is also in row 2"),
        ("experts.email_twice", 4, "The e-mail address is also in row 2"),
    ]


def test_every_problem_of_the_file_is_listed_at_once(tmp_path: Path, edition: Edition) -> None:
    path = write_csv(
        tmp_path / "e.csv",
        [expert("E1", Categories="Nowhere"), expert("E2", **{"E-mail": "x"}), expert("E3")],
    )
    found = problems(path, edition)
    assert [(p.code, p.row) for p in found] == [
        ("experts.category_unknown", 2),
        ("experts.email_invalid", 3),
    ]
    assert "e.csv, row 2, column 'Categories': 'Nowhere' is not one of" in found[0].describe()


def test_a_missing_column_is_named(tmp_path: Path, edition: Edition) -> None:
    headers = [h for h in HEADERS if h != "Categories"]
    (problem,) = problems(write_xlsx(tmp_path / "e.xlsx", [expert()], headers), edition)
    assert problem.code == "experts.column_missing"
    assert problem.message.startswith("The required column 'Categories' is missing")
    assert "'Categories reviewed'" in (problem.expected or "")


def test_a_column_twice_is_refused(tmp_path: Path, edition: Edition) -> None:
    headers = [*HEADERS, "e-mail"]
    (problem,) = problems(write_xlsx(tmp_path / "e.xlsx", [expert()], headers), edition)
    assert (problem.code, problem.message) == (
        "experts.column_twice",
        "The column 'E-mail' appears twice, in columns C and J",
    )


def test_no_header_and_no_rows_and_other_types(tmp_path: Path, edition: Edition) -> None:
    path = write_xlsx(tmp_path / "e.xlsx", [], headers=["a", "b"], above=[["x"]])
    assert problems(path, edition)[0].code == "experts.header_not_found"
    path = write_xlsx(tmp_path / "h.xlsx", [])
    assert problems(path, edition)[0].message == "The header row is there but no expert follows it"
    (tmp_path / "e.ods").write_bytes(b"x")
    (problem,) = problems(tmp_path / "e.ods", edition)
    assert problem.message == "Files of type '.ods' cannot be read as an expert list"


# -- header and cell variants ----------------------------------------------------------------


def _respell(text: str, draw: st.DrawFn) -> str:
    """The same header as a person might type it: case, spacing, punctuation."""
    out = []
    for ch in text:
        if ch.isalnum():
            out.append(ch.upper() if draw(st.booleans()) else ch.lower())
        else:
            out.append(draw(st.sampled_from([" ", "_", "-", "", ": ", ch])))
    return draw(st.sampled_from(["", " "])) + "".join(out)


@st.composite
def header_rows(draw: st.DrawFn) -> list[str]:
    headers = []
    for column in COLUMNS:
        spelling = draw(st.sampled_from((column.header, *column.aliases)))
        headers.append(_respell(spelling, draw))
    return draw(st.permutations(headers))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(headers=header_rows())
def test_any_spelling_and_order_of_the_headers(
    tmp_path_factory: pytest.TempPathFactory, edition: Edition, headers: list[str]
) -> None:
    path = write_xlsx(tmp_path_factory.mktemp("h") / "e.xlsx", [expert("E9")], headers)
    (record,) = read_experts(path, edition).records
    assert (record.expert_id, record.email, record.category_keys) == (
        "E9",
        "e9@example.org",
        ("C7-ehealth",),
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    picks=st.lists(st.integers(0, 17), min_size=1, max_size=4, unique=True),
    form=st.sampled_from(["key", "number", "name", "line"]),
    separator=st.sampled_from(["; ", ";", "\n", " ;\n", ", "]),
    suffix=st.sampled_from([".xlsx", ".csv"]),
)
def test_any_spelling_of_the_categories(
    tmp_path_factory: pytest.TempPathFactory,
    edition: Edition,
    picks: list[int],
    form: str,
    separator: str,
    suffix: str,
) -> None:
    chosen = [edition.categories[i] for i in picks]
    spelled = {
        "key": lambda c: c.key,
        "number": lambda c: str(c.number),
        "name": lambda c: c.name.en.upper(),
        "line": lambda c: f"{c.action_line} {c.name.en}",
    }[form]
    cell = separator.join(spelled(c) for c in chosen)
    write = write_xlsx if suffix == ".xlsx" else write_csv
    path = write(tmp_path_factory.mktemp("c") / f"e{suffix}", [expert(Categories=cell)])
    (record,) = read_experts(path, edition).records
    assert record.category_keys == tuple(c.key for c in chosen)


# -- the Language column ------------------------------------------------------------------------

# How people name each language (the oracle, written out here, not taken from the code).
SPELLINGS: dict[str, tuple[str, ...]] = {
    "ar": ("ar", "ar-EG", "Arabic", "العربية"),
    "zh_CN": (
        "zh_CN",
        "zh",
        "zh-CN",
        "zh-Hans",
        "Chinese",
        "Simplified Chinese",
        "中文",
        "简体中文",
    ),
    "en": ("en", "en-GB", "English"),
    "fr": ("fr", "fr_CA", "French", "Français", "Francais"),
    "ru": ("ru", "Russian", "Русский"),
    "es": ("es", "es-419", "Spanish", "Español", "Espanol"),
}
_KNOWN = {header_form(s) for spellings in SPELLINGS.values() for s in spellings}


@given(
    pick=st.sampled_from([(code, s) for code, spellings in SPELLINGS.items() for s in spellings]),
    data=st.data(),
)
def test_any_spelling_of_a_language_gives_its_code(
    pick: tuple[str, str], data: st.DataObject
) -> None:
    code, spelling = pick
    cased = "".join(c.upper() if data.draw(st.booleans()) else c.lower() for c in spelling)
    padded = (
        data.draw(st.sampled_from(["", " ", "\t"])) + cased + data.draw(st.sampled_from(["", "  "]))
    )
    assert language_code(padded) == code


@given(text=st.text(max_size=20))
def test_any_other_text_is_no_language_and_never_an_error(text: str) -> None:
    found = language_code(text)
    assert found is None or found in CODES
    if found is not None:  # what it read, it reads again the same (its code, or its name)
        assert language_code(found) == found == language_code(language(found).name)


@given(word=st.from_regex(r"[A-Za-z]{4,12}", fullmatch=True))
def test_a_word_that_names_no_language_is_refused(word: str) -> None:
    assume(header_form(word) not in _KNOWN | {"arabic", "mandarin", "castellano"})
    assert language_code(word) is None


def test_traditional_chinese_is_refused_rather_than_read_as_simplified() -> None:
    assert [language_code(t) for t in ("zh_TW", "zh-Hant", "zh-HK", "繁體中文")] == [None] * 4
