"""2017's form part 2: the project information within 1,500-2,000 words and one photo,
checked where the set carries the columns (RuleInput None: it does not, nothing found)."""

from __future__ import annotations

import pytest

from panel_app.edition import Edition, load_edition_by_key
from panel_app.rules import INELIGIBLE, WARNING, RuleInput, project_information, project_photo
from panel_app.rules.project_photo import count_photos


@pytest.fixture(scope="module")
def e2017() -> Edition:
    return load_edition_by_key("wsis-2017")


def words(n: int) -> str:
    return " ".join(["community"] * n)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (words(1499), "The project information has 1499 words; at least 1500 are required"),
        (words(1500), None),
        (words(2000), None),
        (words(2001), "The project information has 2001 words; at most 2000 are allowed"),
        ("  ", "No project information is given; the form asks for 1500 to 2000 words"),
        (None, None),  # the set has no such column
        ("项目" * 900, None),  # Chinese: not judged, as the summary is not
    ],
)
def test_the_project_information_is_within_the_editions_bounds(
    e2017: Edition, text: str | None, expected: str | None
) -> None:
    found = project_information.check(e2017, [RuleInput("1", project_information=text)])
    assert [f.evidence for f in found] == ([expected] if expected else [])
    assert all(f.severity == INELIGIBLE and f.rule_id == "project-information" for f in found)


@pytest.mark.parametrize(
    ("cell", "expected", "severity"),
    [
        ("https://example.org/a.jpg", None, None),
        ("", "No photo is given; the form asks for 1", INELIGIBLE),
        ("N/A", "No photo is given; the form asks for 1", INELIGIBLE),
        ("a.jpg; b.jpg\nc.png", "The submission gives 3 photos; the form asks for 1", WARNING),
        (None, None, None),  # the set has no photo column
    ],
)
def test_one_photo(e2017: Edition, cell: str | None, expected: str | None, severity: str) -> None:
    found = project_photo.check(e2017, [RuleInput("1", photos=cell)])
    assert [(f.evidence, f.severity) for f in found] == ([(expected, severity)] if expected else [])


def test_the_2020_edition_asks_for_neither() -> None:
    e2020 = load_edition_by_key("wsis-2020")
    record = RuleInput("1", project_information="", photos="")
    assert project_information.check(e2020, [record]) == []
    assert project_photo.check(e2020, [record]) == []


def test_photos_are_counted_as_links_or_file_names() -> None:
    assert count_photos("https://x.org/a.jpg, https://x.org/b.jpg") == 2
    assert count_photos(" - ; n/a ") == 0
