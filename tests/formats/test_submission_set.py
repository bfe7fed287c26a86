"""Reading a submission set: every accepted variant, and every refusal with its message."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from panel_app.edition import Edition
from panel_app.formats.submission_set import (
    COLUMNS,
    SubmissionRecord,
    _new_record,
    iter_submission_set,
    read_submission_set,
)
from panel_app.problems import InputRefused, Problem
from tests.formats.conftest import HEADERS, row, write_csv, write_xlsx

ENGINES = ["calamine", "stream", "openpyxl"]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def read(path: Path, edition: Edition, engine: str = "auto") -> list[SubmissionRecord]:
    return read_submission_set(path, edition, engine=engine)  # type: ignore[arg-type]


def refused(path: Path, edition: Edition, engine: str = "auto") -> list[Problem]:
    with pytest.raises(InputRefused) as caught:
        read(path, edition, engine)
    assert caught.value.subject == path.name
    return caught.value.problems


def one_value(
    tmp_path: Path, edition: Edition, engine: str, header: str, value: Any
) -> SubmissionRecord:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001, **{header: value})])
    (record,) = read(path, edition, engine)
    return record


# --- a whole, plain file ----------------------------------------------------------------


def test_platform_file_reads_every_field(tmp_path: Path, edition: Edition, engine: str) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001), row(1002, Category="C4")])
    first, second = read(path, edition, engine)
    assert first == SubmissionRecord(
        submission_id="1001",
        title="Project 1001",
        organisation="Ministry of Health",
        stakeholder_type="Government",
        stakeholder_type_key="government",
        country="Kenya",
        category_key="C7-ehealth",
        sdgs=(3, 5),
        summary="Clinics\nin every county.",
        sdg_linkage="C7 links to SDG 3.",
        impact="20,000 patients.",
        partnerships="WHO.",
        challenges="Funding.",
        project_status="Completed",
        website="https://example.org",
        contact_name="A. Person",
        contact_email="a.person@example.org",
        submitted_at=datetime(2019, 11, 1, 11, 0, tzinfo=UTC),  # 12:00 in Geneva (CET)
        extra={},
        row=2,
    )
    assert (second.submission_id, second.category_key, second.row) == (
        "1002",
        "C4-capacity-building",
        3,
    )


def test_fields_are_plain_json(tmp_path: Path, edition: Edition) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001, Notes="kept")], headers=(*HEADERS, "Notes"))
    (record,) = read(path, edition)
    fields = record.fields()
    assert json.loads(json.dumps(fields)) == fields
    assert "row" not in fields
    assert fields["submitted_at"] == "2019-11-01T11:00:00+00:00"
    assert fields["sdgs"] == [3, 5]
    assert fields["extra"] == {"Notes": "kept"}


# --- headers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "written"),
    [
        ("Submission ID", "submission id"),
        ("Submission ID", "SUBMISSION_ID"),
        ("Submission ID", "  Submission   ID "),
        ("Submission ID", "Submission No."),
        ("Project title", "Title"),
        ("Organisation", "Organization"),
        ("Stakeholder type", "Stakeholder Type"),
        ("SDGs", "SDG(s)"),
        ("Action line and SDG linkage", "Action line & SDG linkage"),
        ("Challenges and future", "Challenges & future prospects"),
        ("Contact e-mail", "Contact Email"),
        ("Contact e-mail", "E-mail"),
        ("Contact e-mail", "email"),
        ("Submitted at", "Submission date"),
    ],
)
def test_header_spellings(
    tmp_path: Path, edition: Edition, engine: str, platform: str, written: str
) -> None:
    headers = [written if h == platform else h for h in HEADERS]
    values = row(1001)
    values[written] = values.pop(platform)
    path = write_xlsx(tmp_path / "set.xlsx", [values], headers=headers)
    (record,) = read(path, edition, engine)
    assert record == read(write_xlsx(tmp_path / "plain.xlsx", [row(1001)]), edition, engine)[0]


def test_column_order_does_not_matter(tmp_path: Path, edition: Edition, engine: str) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001)], headers=tuple(reversed(HEADERS)))
    (record,) = read(path, edition, engine)
    assert (record.submission_id, record.category_key, record.contact_email) == (
        "1001",
        "C7-ehealth",
        "a.person@example.org",
    )


def test_platform_header_wins_over_an_alias(tmp_path: Path, edition: Edition) -> None:
    path = write_xlsx(
        tmp_path / "set.xlsx", [row(1001, Title="Short name")], headers=(*HEADERS, "Title")
    )
    (record,) = read(path, edition)
    assert record.title == "Project 1001"
    assert record.extra == {"Title": "Short name"}


def test_extra_columns_are_kept_with_their_header(
    tmp_path: Path, edition: Edition, engine: str
) -> None:
    headers = ("Reviewer note", *HEADERS, "Phone", "Phone")
    path = write_xlsx(
        tmp_path / "set.xlsx",
        [row(1001, **{"Reviewer note": "check", "Phone": 41227305111}), row(1002)],
        headers=headers,
    )
    first, second = read(path, edition, engine)
    assert first.extra == {
        "Reviewer note": "check",
        "Phone": "41227305111",
        "Phone (T)": "41227305111",
    }
    assert second.extra == {"Reviewer note": "", "Phone": "", "Phone (T)": ""}


def test_a_column_without_header_is_kept_where_it_holds_something(
    tmp_path: Path, edition: Edition, engine: str
) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001, **{"": "stray"}), row(1002)],
                      headers=(*HEADERS, ""))  # fmt: skip
    first, second = read(path, edition, engine)
    assert first.extra == {"Column R": "stray"}
    assert second.extra == {}


def test_same_column_twice_is_refused(tmp_path: Path, edition: Edition, engine: str) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001)], headers=(*HEADERS, "Category"))
    (problem,) = refused(path, edition, engine)
    assert problem.code == "submission_set.column_twice"
    assert (problem.sheet, problem.row, problem.column) == ("Submissions", 1, "Category")
    assert problem.describe() == (
        "set.xlsx, sheet 'Submissions', row 1, column 'Category': The column 'Category' "
        "appears twice, in columns F and R; expected each column once"
    )


def test_missing_required_column_names_it_and_the_headers_found(
    tmp_path: Path, edition: Edition, engine: str
) -> None:
    headers = [h for h in HEADERS if h not in ("Country", "Impact")]
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001)], headers=headers)
    problems = refused(path, edition, engine)
    assert [p.code for p in problems] == ["submission_set.column_missing"] * 2
    country = problems[0]
    assert (country.sheet, country.row, country.column) == ("Submissions", 1, "Country")
    assert country.params["found"].startswith("'Submission ID', 'Project title', 'Organisation'")
    assert country.describe() == (
        "set.xlsx, sheet 'Submissions', row 1, column 'Country': The required column "
        f"'Country' is missing (headers found: {country.params['found']}); expected a column "
        "headed 'Country', 'Country name', 'Country/territory' (any case, spacing or "
        "punctuation)"
    )
    assert problems[1].column == "Impact"


def test_no_header_anywhere(tmp_path: Path, edition: Edition, engine: str) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [{"A": 1}], headers=("A", "B"), sheets_before=["Info"])
    (problem,) = refused(path, edition, engine)
    assert problem.code == "submission_set.header_not_found"
    assert problem.message == (
        "No header row with the submission columns was found in the first 10 rows of the "
        "sheets 'Info', 'Submissions'"
    )
    assert problem.expected == "a header row with the columns " + ", ".join(
        c.header for c in COLUMNS
    )


# --- layout -----------------------------------------------------------------------------


def test_header_below_title_rows_on_another_sheet(
    tmp_path: Path, edition: Edition, engine: str
) -> None:
    path = write_xlsx(
        tmp_path / "set.xlsx",
        [row(1001), {}, {}, row(1002)],
        above=[["WSIS Prizes 2020: submissions"], []],
        sheets_before=["Read me", "Summary"],
        sheet="Export",
        first_column=2,  # the data starts in column B
    )
    first, second = read(path, edition, engine)
    assert (first.submission_id, first.row) == ("1001", 4)
    assert (second.submission_id, second.row) == ("1002", 7)  # blank rows 5-6 skipped


def test_blank_rows_and_whitespace_only_rows_are_skipped(
    tmp_path: Path, edition: Edition, engine: str
) -> None:
    blank_ish = {h: "  " for h in HEADERS}
    path = write_xlsx(tmp_path / "set.xlsx", [{}, row(1001), blank_ish, {}, row(1002), {}])
    assert [r.row for r in read(path, edition, engine)] == [3, 6]


def test_header_only_is_refused(tmp_path: Path, edition: Edition, engine: str) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [])
    (problem,) = refused(path, edition, engine)
    assert problem.code == "submission_set.no_submissions"
    assert problem.describe() == (
        "set.xlsx, sheet 'Submissions', row 1: The header row is there but no submission "
        "follows it; expected one row per submission below the header"
    )


def test_workbook_without_rows_is_refused(tmp_path: Path, edition: Edition, engine: str) -> None:
    import openpyxl

    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    (problem,) = refused(path, edition, engine)
    assert (problem.code, problem.message) == ("file.no_rows", "The file has no rows")


# --- cell values ------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1001, "1001", 1001.0, "1001.0", " 1001 "])
def test_submission_id_forms(tmp_path: Path, edition: Edition, engine: str, value: Any) -> None:
    assert one_value(tmp_path, edition, engine, "Submission ID", value).submission_id == "1001"


def test_text_ids_keep_their_spelling(tmp_path: Path, edition: Edition, engine: str) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row("01001"), row("WSIS-2020/7")])
    assert [r.submission_id for r in read(path, edition, engine)] == ["01001", "WSIS-2020/7"]


@pytest.mark.parametrize(
    "value",
    [
        "C7 E-health",
        "C7. ICT applications: E-health",
        "e-health",
        "E-Health",
        "10",
        10,
        10.0,
        "10.0",
        "C7-ehealth",
        "  C7 e-health  ",
    ],
)
def test_category_forms(tmp_path: Path, edition: Edition, engine: str, value: Any) -> None:
    assert one_value(tmp_path, edition, engine, "Category", value).category_key == "C7-ehealth"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3; 5; 17", (3, 5, 17)),
        ("SDG 3, SDG 5", (3, 5)),
        ("3,5", (3, 5)),
        ("SDG3", (3,)),
        ("Goal 3", (3,)),
        (3, (3,)),
        (3.0, (3,)),
        ("17;\n3 ; 3", (3, 17)),
        ("SDG 5\nSDG 3", (3, 5)),
        ("", ()),
        (None, ()),
    ],
)
def test_sdg_forms(
    tmp_path: Path, edition: Edition, engine: str, value: Any, expected: tuple[int, ...]
) -> None:
    assert one_value(tmp_path, edition, engine, "SDGs", value).sdgs == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2019, 11, 22, 23, 0), datetime(2019, 11, 22, 22, 0, tzinfo=UTC)),
        (datetime(2019, 7, 22, 9, 30, 15), datetime(2019, 7, 22, 7, 30, 15, tzinfo=UTC)),
        (date(2019, 11, 22), datetime(2019, 11, 21, 23, 0, tzinfo=UTC)),  # midnight local
        # Skipped and repeated by the DST changes in Geneva: fold=0, the offset before.
        (datetime(2019, 3, 31, 2, 30), datetime(2019, 3, 31, 1, 30, tzinfo=UTC)),
        (datetime(2019, 10, 27, 2, 30), datetime(2019, 10, 27, 0, 30, tzinfo=UTC)),
        ("2019-11-22 23:00", datetime(2019, 11, 22, 22, 0, tzinfo=UTC)),
        ("2019-11-22T23:00:00", datetime(2019, 11, 22, 22, 0, tzinfo=UTC)),
        ("2019-11-22T23:00:00+01:00", datetime(2019, 11, 22, 22, 0, tzinfo=UTC)),
        ("2019-11-22T23:00:00-05:00", datetime(2019, 11, 23, 4, 0, tzinfo=UTC)),
        ("2019-11-22T22:00:00Z", datetime(2019, 11, 22, 22, 0, tzinfo=UTC)),
        (43791.958333333336, datetime(2019, 11, 22, 22, 0, tzinfo=UTC)),  # an Excel serial
        (None, None),
        ("", None),
    ],
)
def test_submitted_at_forms(
    tmp_path: Path, edition: Edition, engine: str, value: Any, expected: datetime | None
) -> None:
    record = one_value(tmp_path, edition, engine, "Submitted at", value)
    assert record.submitted_at == expected
    assert record.submitted_at is None or record.submitted_at.tzinfo is UTC


def test_texts_are_stripped_and_keep_inner_line_breaks(
    tmp_path: Path, edition: Edition, engine: str
) -> None:
    record = one_value(tmp_path, edition, engine, "Impact", "  First line\r\nsecond line \n")
    assert record.impact == "First line\nsecond line"


def test_numbers_in_text_columns_read_without_point_zero(
    tmp_path: Path, edition: Edition, engine: str
) -> None:
    record = one_value(tmp_path, edition, engine, "Country", 41.0)
    assert record.country == "41"


def test_unknown_stakeholder_type_is_kept_for_the_rule_checks(
    tmp_path: Path, edition: Edition, engine: str
) -> None:
    record = one_value(tmp_path, edition, engine, "Stakeholder type", "Foundation")
    assert (record.stakeholder_type, record.stakeholder_type_key) == ("Foundation", None)


def test_empty_optional_values_are_accepted(tmp_path: Path, edition: Edition, engine: str) -> None:
    values = {h: None for h in HEADERS} | {"Submission ID": 1001, "Category": "C4"}
    (record,) = read(write_xlsx(tmp_path / "set.xlsx", [values]), edition, engine)
    assert (record.summary, record.sdgs, record.submitted_at, record.stakeholder_type_key) == (
        "",
        (),
        None,
        None,
    )


def test_excel_error_outside_the_platform_columns_is_kept_as_text(
    tmp_path: Path, edition: Edition, engine: str
) -> None:
    path = write_xlsx(
        tmp_path / "set.xlsx", [row(1001, Lookup="#N/A")], headers=(*HEADERS, "Lookup")
    )
    (record,) = read(path, edition, engine)
    assert record.extra == {"Lookup": "#N/A"}


# --- row refusals -----------------------------------------------------------------------


def single_problem(path: Path, edition: Edition, engine: str) -> Problem:
    (problem,) = refused(path, edition, engine)
    return problem


@pytest.mark.parametrize(
    ("header", "value", "code", "column_letter_text"),
    [
        ("Submission ID", 1001.5, "submission_set.id_not_whole", "1001.5"),
        ("Submission ID", "1001.5", "submission_set.id_not_whole", "1001.5"),
        ("Submission ID", "ID 1001", "submission_set.id_invalid", "ID 1001"),
        ("SDGs", "3; 18", "submission_set.sdg_out_of_range", "3; 18"),
        ("SDGs", "0", "submission_set.sdg_out_of_range", "0"),
        ("SDGs", "health; 3", "submission_set.sdg_unreadable", "health; 3"),
        ("SDGs", 3.5, "submission_set.sdg_unreadable", "3.5"),
        ("Submitted at", "22/11/2019 23:00", "submission_set.date_unreadable", "22/11/2019 23:00"),
        ("Submitted at", "yesterday", "submission_set.date_unreadable", "yesterday"),
        ("Category", "C99 Space", "submission_set.category_unknown", "C99 Space"),
        ("Category", "C7", "submission_set.category_ambiguous", "C7"),
    ],
)
def test_row_refusals_carry_where_what_and_expected(
    tmp_path: Path,
    edition: Edition,
    engine: str,
    header: str,
    value: Any,
    code: str,
    column_letter_text: str,
) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1000), row(1001, **{header: value})])
    problem = single_problem(path, edition, engine)
    assert problem.code == code
    assert (problem.file, problem.sheet, problem.row, problem.column) == (
        "set.xlsx",
        "Submissions",
        3,
        header,
    )
    assert problem.value == column_letter_text
    assert problem.expected


@pytest.mark.parametrize(
    ("header", "value", "text"),
    [
        (
            "Submission ID",
            1001.5,
            "column 'Submission ID': The submission ID is not a whole number (found '1001.5'); "
            "expected a whole number such as 1001",
        ),
        (
            "SDGs",
            "3; 18",
            "column 'SDGs': SDG 18 does not exist: the goals are numbered 1 to 17 (found "
            "'3; 18'); expected SDG numbers 1-17 separated by ';' or ',', for example "
            "'3; 5; 17' or 'SDG 3, SDG 5'",
        ),
        (
            "SDGs",
            "3, three",
            "column 'SDGs': 'three' is not an SDG number (found '3, three'); expected SDG "
            "numbers 1-17 separated by ';' or ',', for example '3; 5; 17' or 'SDG 3, SDG 5'",
        ),
        (
            "Submitted at",
            "22/11/2019 23:00",
            "column 'Submitted at': The date and time is not in a form the app reads (found "
            "'22/11/2019 23:00'); expected an Excel date-time cell, or ISO 8601 text such as "
            "'2019-11-22 23:00' (Europe/Zurich time) or '2019-11-22T22:00:00Z'",
        ),
        (
            "Category",
            "C99 Space",
            "column 'Category': The category is not one of the wsis-2020 categories (found "
            "'C99 Space'); expected a category key such as C7-egovernment, its number 1-18, "
            "or its name such as 'E-government'",
        ),
        (
            "Category",
            "C7",
            "column 'Category': The category could be any of 8 categories: C7-egovernment, "
            "C7-ebusiness, C7-elearning, C7-ehealth, C7-eemployment, C7-eenvironment, "
            "C7-eagriculture, C7-escience (found 'C7'); expected one category: its key or "
            "full name, such as 'C7 ICT applications: E-government'",
        ),
        (
            "Submission ID",
            "#N/A",
            "column 'Submission ID': The cell holds the Excel error #N/A (found '#N/A'); "
            "expected a value: correct the formula or type the value in",
        ),
        (
            "Submission ID",
            None,
            "column 'Submission ID': The cell is empty; expected a submission ID, such as 1001",
        ),
        (
            "Category",
            "",
            "column 'Category': The cell is empty; expected a category key such as "
            "C7-egovernment, its number 1-18, or its name such as 'E-government'",
        ),
    ],
)
def test_row_refusal_messages(
    tmp_path: Path, edition: Edition, engine: str, header: str, value: Any, text: str
) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001, **{header: value})])
    problems = refused(path, edition, engine)
    assert problems[0].describe() == f"set.xlsx, sheet 'Submissions', row 2, {text}"


def test_excel_error_in_a_platform_column(tmp_path: Path, edition: Edition, engine: str) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001, Country="#REF!")])
    problem = single_problem(path, edition, engine)
    assert (problem.code, problem.column, problem.params) == (
        "submission_set.excel_error",
        "Country",
        {"error": "#REF!"},
    )


def test_duplicate_id_names_both_rows(tmp_path: Path, edition: Edition, engine: str) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001), row(1002), row("1001.0")])
    problem = single_problem(path, edition, engine)
    assert problem.code == "submission_set.id_twice"
    assert (problem.row, problem.params) == (4, {"id": "1001", "first_row": 2})
    assert problem.describe() == (
        "set.xlsx, sheet 'Submissions', row 4, column 'Submission ID': The submission ID 1001 "
        "is also in row 2 (found '1001.0'); expected each submission once, with its own ID"
    )


def test_every_row_problem_is_reported_and_bad_rows_are_not_yielded(
    tmp_path: Path, edition: Edition
) -> None:
    path = write_xlsx(
        tmp_path / "set.xlsx",
        [row(1001, Category="nope"), row(1002), row(1003, SDGs="99", **{"Submitted at": "x"})],
    )
    problems: list[Problem] = []
    records = list(iter_submission_set(path, edition, problems))
    assert [r.submission_id for r in records] == ["1002"]
    assert [(p.row, p.code) for p in problems] == [
        (2, "submission_set.category_unknown"),
        (4, "submission_set.sdg_out_of_range"),
        (4, "submission_set.date_unreadable"),
    ]


def test_progress_is_reported_every_500_rows(tmp_path: Path, edition: Edition, engine: str) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1000 + i) for i in range(1200)])
    calls: list[tuple[int, int | None]] = []
    problems: list[Problem] = []
    records = list(
        iter_submission_set(path, edition, problems, progress=lambda d, t: calls.append((d, t)),
                            engine=engine)  # type: ignore[arg-type]
    )  # fmt: skip
    assert len(records) == 1200 and not problems
    assert [d for d, _ in calls] == [0, 500, 1000, 1200]  # the total from the start
    assert all(t is not None and d <= t for d, t in calls)
    assert calls[-1] == (1200, 1200)


def test_a_csv_file_gets_a_total_reckoned_as_it_is_read(tmp_path: Path, edition: Edition) -> None:
    path = write_csv(tmp_path / "set.csv", [row(1000 + i) for i in range(1200)])
    calls: list[tuple[int, int | None]] = []
    problems: list[Problem] = []
    records = list(
        iter_submission_set(path, edition, problems, progress=lambda d, t: calls.append((d, t)))
    )
    assert len(records) == 1200 and not problems
    assert [d for d, _ in calls] == [0, 500, 1000, 1200]
    assert all(t is not None and d < t for d, t in calls[:-1])  # a total from the start
    for done, total in calls[1:-1]:  # (the first rough: the file is read some KiB ahead)
        assert total is not None and abs(total - 1200) < 150, (done, total)
    assert calls[-1] == (1200, 1200)


def test_a_sheet_without_dimension_gets_a_total_reckoned_as_it_streams(
    tmp_path: Path, edition: Edition
) -> None:
    """openpyxl's write-only mode (as the demo's files) writes no <dimension>: the
    streaming reader reckons the total from the part's size and the rows read so far."""
    from panel_app.formats.submission_set_writer import write_submission_set

    path = tmp_path / "set.xlsx"
    rows = [row(1000 + i) for i in range(3000)]
    write_submission_set(path, list(HEADERS), rows)
    calls: list[tuple[int, int | None]] = []
    problems: list[Problem] = []
    records = list(
        iter_submission_set(path, edition, problems, progress=lambda d, t: calls.append((d, t)),
                            engine="stream")
    )  # fmt: skip
    assert len(records) == 3000 and not problems
    assert all(t is not None and d < t for d, t in calls[:-1])  # the bar never ends early
    for done, total in calls[1:-1]:
        assert total is not None and abs(total - 3000) < 300, (done, total)
    assert calls[-1] == (3000, 3000)


# --- engines ----------------------------------------------------------------------------


def test_every_engine_gives_identical_records(tmp_path: Path, edition: Edition) -> None:
    rows = [
        row(1001),
        row(1002.0, Category=10, SDGs=3, **{"Submitted at": "2019-11-22T23:00:00+01:00"}),
        row("1003", Category="C7. ICT applications: E-health", SDGs="SDG 3, SDG 5"),
        {},
        row(" 1004 ", Impact="Line one\nline two", Country=41.0, Notes="#N/A", Other=7),
        row(1005, **{"Submitted at": date(2019, 11, 22)}),
        row(1006, **{"Submitted at": datetime(2019, 3, 31, 2, 30, 0, 250000)}),
    ]
    path = write_xlsx(
        tmp_path / "set.xlsx",
        rows,
        headers=("Notes", *HEADERS, "Other"),
        above=[["Title row"]],
        sheets_before=["Info"],
        first_column=3,
    )
    by_calamine = read(path, edition, "calamine")
    by_openpyxl = read(path, edition, "openpyxl")
    assert len(by_calamine) == 6
    assert by_calamine == by_openpyxl == read(path, edition, "stream")


def test_auto_engine_reads_like_the_others(tmp_path: Path, edition: Edition) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001)])
    assert read(path, edition) == read(path, edition, "openpyxl")


# --- CSV --------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("line_end", ["\r\n", "\n"])
def test_csv_encodings_and_delimiters(
    tmp_path: Path, edition: Edition, delimiter: str, bom: bool, line_end: str
) -> None:
    rows = [
        row(1001, Impact='First; second, third\nand a "quoted" line'),
        {},
        row(1002, Organisation="Café Numérique 数字", **{"Submitted at": "2019-11-22 23:00"}),
    ]
    path = write_csv(tmp_path / "set.csv", rows, delimiter=delimiter, bom=bom, line_end=line_end)
    first, second = read(path, edition)
    assert first.impact == 'First; second, third\nand a "quoted" line'
    assert first.submitted_at == datetime(2019, 11, 1, 11, 0, tzinfo=UTC)
    assert (second.organisation, second.row) == ("Café Numérique 数字", 4)
    assert second.submitted_at == datetime(2019, 11, 22, 22, 0, tzinfo=UTC)


def test_csv_and_workbook_of_the_same_data_agree(tmp_path: Path, edition: Edition) -> None:
    rows = [row(1001, Impact="a\r\nb"), row(1002, Category="10", SDGs="SDG 3, SDG 5")]
    from_csv = read(write_csv(tmp_path / "set.csv", rows), edition)
    from_xlsx = read(write_xlsx(tmp_path / "set.xlsx", rows), edition)
    assert from_csv == from_xlsx


def test_csv_row_numbers_count_records_not_lines(tmp_path: Path, edition: Edition) -> None:
    rows = [row(1001, Impact="three\nline\ncell"), row(1002, Category="nope")]
    problem = single_problem(write_csv(tmp_path / "set.csv", rows), edition, "auto")
    assert (problem.sheet, problem.row, problem.column) == (None, 3, "Category")


def test_csv_not_utf8(tmp_path: Path, edition: Edition) -> None:
    path = tmp_path / "set.csv"
    path.write_bytes(",".join(HEADERS).encode() + "\r\n1001,Caf\xe9".encode("cp1252"))
    problem = single_problem(path, edition, "auto")
    assert problem.code == "csv.not_utf8"
    assert problem.describe() == (
        "set.csv, row 2: The file is not UTF-8 text (byte 0xE9 cannot be read); expected "
        "UTF-8 text (in Excel: Save As 'CSV UTF-8 (Comma delimited)')"
    )


def test_csv_unclosed_quote(tmp_path: Path, edition: Edition) -> None:
    path = write_csv(tmp_path / "set.csv", [row(1001)])
    path.write_bytes(path.read_bytes() + b'1002,"Open quote\r\n')
    problem = single_problem(path, edition, "auto")
    assert problem.code == "csv.malformed"
    assert problem.row == 3


def test_workbook_named_csv(tmp_path: Path, edition: Edition) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001)]).rename(tmp_path / "set.csv")
    problem = single_problem(path, edition, "auto")
    assert problem.describe() == (
        "set.csv: The file is a workbook, not CSV text; expected a CSV text file; an Excel "
        "workbook must be named .xlsx"
    )


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n  \r\n"])
def test_empty_csv(tmp_path: Path, edition: Edition, content: bytes) -> None:
    path = tmp_path / "set.csv"
    path.write_bytes(content)
    problem = single_problem(path, edition, "auto")
    assert problem.code == ("file.empty" if not content else "file.no_rows")


def test_the_fast_record_constructor_builds_what_the_dataclass_builds() -> None:
    values: list[object] = [f"value {field.name}" for field in dataclasses.fields(SubmissionRecord)]
    values[-2] = MappingProxyType({"Notes": "kept"})  # extra
    fast, slow = _new_record(*values), SubmissionRecord(*values)  # type: ignore[arg-type]
    assert fast == slow
    assert repr(fast) == repr(slow)
    assert list(vars(fast).items()) == list(vars(slow).items())
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.title = "changed"  # type: ignore[misc]
    with pytest.raises(ValueError):
        _new_record(*values[:-1])  # every field, or nothing
