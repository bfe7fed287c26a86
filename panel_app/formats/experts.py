"""The expert panel's list (.xlsx or .csv): who reviews which categories, and their conflicts.

Format version 2, documented in docs/formats/experts.md. The reading is small_list.py's;
this module knows the columns and what their cells mean. A list is refused whole on any
problem, each located at its file, sheet, row and column. Whether a submission named in a
conflict exists is for the workflow to check (panel_app.workflow.panel.experts): it needs the
workspace.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from panel_app import i18n
from panel_app.edition import Edition
from panel_app.formats.cells import CellRefused, cell_text, normalise_id
from panel_app.formats.headers import Column
from panel_app.formats.small_list import ListLayout, SmallList, read_small_list
from panel_app.formats.tabular import Engine
from panel_app.problems import Problem

FORMAT_VERSION = 2  # 2: the optional Language column

COLUMNS: tuple[Column, ...] = (
    Column("expert_id", "Expert ID", ("Expert code", "Expert no", "Expert number", "ID", "Code")),
    Column("name", "Name", ("Expert name", "Full name", "Expert")),
    Column("email", "E-mail", ("Email", "E-mail address", "Email address", "Mail")),
    Column(
        "organisation",
        "Organisation",
        ("Organization", "Affiliation", "Organisation name", "Organization name", "Employer"),
    ),
    Column("country", "Country", ("Country name", "Country/territory")),
    Column(
        "categories",
        "Categories",
        ("Category", "Categories reviewed", "Reviews categories", "Prize categories"),
    ),
    Column(
        "conflict_organisations",
        "Conflicts: organisations",
        (
            "Conflict organisations",
            "Conflict organizations",
            "Conflicts: organizations",
            "Conflicts of interest: organisations",
            "Conflicts of interest: organizations",
        ),
    ),
    Column(
        "conflict_submissions",
        "Conflicts: submission IDs",
        (
            "Conflict submissions",
            "Conflicts: submissions",
            "Conflict submission IDs",
            "Conflicts of interest: submission IDs",
            "Conflicts of interest: submissions",
        ),
    ),
    # The language of the expert's review workbook; the column may be left out (version 2).
    Column(
        "language",
        "Language",
        (
            "Preferred language",
            "Working language",
            "Language code",
            "Langue",
            "Idioma",
            "Язык",
            "اللغة",
            "语言",
        ),
    ),
)
LAYOUT = ListLayout(
    code="experts",
    noun="an expert list",
    what="the expert columns",
    entry="expert",
    entries_expected="one row per expert below the header",
    columns=COLUMNS,
    # The conflict columns may be left out of a list in which nobody declared one, and the
    # language column of a list that gives none.
    required=frozenset(("expert_id", "name", "email", "organisation", "country", "categories")),
    needed={
        "expert_id": "the expert's ID, such as E017",
        "name": "the expert's name",
        "email": "the expert's e-mail address, such as name@example.org",
    },
)

# Lists in one cell: ";" or a line break (organisation names hold commas); categories and
# submission IDs may also be separated by "," (and IDs by spaces).
_LIST = re.compile(r"\s*(?:;|\n)\s*")
_IDS = re.compile(r"[\s;,|]+")
_COMMA = re.compile(r"\s*,\s*")
_EMAIL = re.compile(r"[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\].]+")
EMAIL_EXPECTED = "one e-mail address, such as name@example.org"
LANGUAGE_EXPECTED = (
    "one of the app's languages, by its code or its name in English or in itself: ar "
    "(Arabic, العربية), zh_CN or zh (Chinese, 中文), en (English), fr (French, Français), "
    "ru (Russian, Русский), es (Spanish, Español); or empty (the chair's choice)"
)


@dataclass(frozen=True)
class ExpertRecord:
    expert_id: str  # "E017"; a number as written, without ".0"
    name: str
    email: str
    organisation: str
    country: str
    category_keys: tuple[str, ...]  # the edition's keys, in the file's order, each once
    conflict_organisations: tuple[str, ...]  # as written, each once
    conflict_submissions: tuple[str, ...]  # submission IDs, each once
    row: int  # as Excel shows it; for a CSV the record number
    language: str | None = None  # the app's code ("fr", "zh_CN"); None: an empty cell
    # The list has a Language column: without one, the language stored is left as it is.
    language_listed: bool = False

    def fields(self) -> dict[str, object]:
        """What is stored of the expert (the conflicts apart), as plain values."""
        fields: dict[str, object] = {
            "name": self.name,
            "email": self.email,
            "organisation": self.organisation,
            "country": self.country,
            "category_keys": list(self.category_keys),
        }
        if self.language_listed:
            fields["language"] = self.language
        return fields


@dataclass(frozen=True)
class ExpertList:
    records: tuple[ExpertRecord, ...]
    source: SmallList  # to locate problems found later (unknown submission IDs)

    @property
    def notes(self) -> list[Problem]:
        """What was cleaned from the list's texts, located (small_list.py)."""
        return self.source.notes


def read_experts(path: Path, edition: Edition, *, engine: Engine = "auto") -> ExpertList:
    """Every expert of the file, in file order; InputRefused with every problem if any."""
    table = read_small_list(path, LAYOUT, engine=engine)
    reader = _Reader(table, edition)
    records = [r for row in table.rows if (r := reader.read(row.number, row.cells)) is not None]
    table.refuse_if_problems()
    return ExpertList(tuple(records), table)


def split_list(text: str, separator: re.Pattern[str] = _LIST) -> list[str]:
    """The items of a list cell, stripped, each once, in order."""
    return list(dict.fromkeys(part for part in separator.split(text.strip()) if part.strip()))


class _Reader:
    def __init__(self, table: SmallList, edition: Edition) -> None:
        self.table = table
        self.edition = edition
        self.ids: dict[str, int] = {}  # expert ID (case-folded) -> first row
        self.emails: dict[str, int] = {}

    def read(self, number: int, cells: Mapping[str, object]) -> ExpertRecord | None:
        before = len(self.table.problems)
        expert_id = self._expert_id(number, cells.get("expert_id"))
        email = self._email(number, cells.get("email"))
        categories = self._categories(number, cells.get("categories"))
        submissions = self._submissions(number, cells.get("conflict_submissions"))
        language = self._language(number, cells.get("language"))
        if len(self.table.problems) > before or expert_id is None or email is None:
            return None
        return ExpertRecord(
            expert_id=expert_id,
            name=cell_text(cells.get("name")),
            email=email,
            organisation=cell_text(cells.get("organisation")),
            country=cell_text(cells.get("country")),
            category_keys=categories,
            conflict_organisations=tuple(
                split_list(cell_text(cells.get("conflict_organisations")))
            ),
            conflict_submissions=submissions,
            row=number,
            language=language,
            language_listed="language" in self.table.headings,
        )

    def _refuse(self, number: int, name: str, value: object, refused: CellRefused) -> None:
        self.table.problem(number, name, value, refused)

    def _expert_id(self, number: int, value: object) -> str | None:
        if value is None:
            return None  # (refused as empty already)
        try:
            expert_id = normalise_id(value)
        except CellRefused:
            self._refuse(
                number,
                "expert_id",
                value,
                CellRefused(
                    "experts.id_invalid",
                    "The expert ID is not an identifier",
                    {},
                    "letters and digits, with - _ . / inside, such as E017",
                ),
            )
            return None
        first = self.ids.setdefault(expert_id.casefold(), number)
        if first != number:
            self._refuse(
                number,
                "expert_id",
                value,
                CellRefused(
                    "experts.id_twice",
                    "The expert ID {id} is also in row {first_row}",
                    {"id": expert_id, "first_row": first},
                    "each expert once, with their own ID",
                ),
            )
            return None
        return expert_id

    def _email(self, number: int, value: object) -> str | None:
        if value is None:
            return None
        text = cell_text(value)
        if text.casefold().startswith("mailto:"):
            text = text[len("mailto:") :]
        if _EMAIL.fullmatch(text) is None:
            self._refuse(
                number,
                "email",
                value,
                CellRefused(
                    "experts.email_invalid", "The e-mail address is not valid", {}, EMAIL_EXPECTED
                ),
            )
            return None
        first = self.emails.setdefault(text.casefold(), number)
        if first != number:
            self._refuse(
                number,
                "email",
                value,
                CellRefused(
                    "experts.email_twice",
                    "The e-mail address is also in row {first_row}",
                    {"first_row": first},
                    "each expert with their own e-mail address",
                ),
            )
            return None
        return text

    def _categories(self, number: int, value: object) -> tuple[str, ...]:
        text = cell_text(value)
        if not text:
            self._refuse(
                number,
                "categories",
                None,
                CellRefused(
                    "experts.no_category",
                    "The expert reviews no category",
                    {},
                    "one or more categories separated by ';': "
                    + self.edition.category_spellings_hint(),
                ),
            )
            return ()
        keys: list[str] = []
        for item in split_list(text):
            found = self._category(item)
            if isinstance(found, list):
                keys.extend(found)
            else:
                self._refuse(number, "categories", item, found)
        return tuple(dict.fromkeys(keys))

    def _category(self, item: str) -> list[str] | CellRefused:
        """The keys `item` names: one category, or several separated by commas."""
        category = self.edition.resolve_category(item)
        if category is not None:
            return [category.key]
        if "," in item:
            found = self._comma_separated(split_list(item, _COMMA))
            if found is not None:
                return found
        several = self.edition.ambiguous_category(item)
        if several:
            return CellRefused(
                "experts.category_ambiguous",
                "'{item}' could be any of {count} categories: {keys}",
                {"item": item, "count": len(several), "keys": ", ".join(c.key for c in several)},
                f"one category: its key or full name, such as '{several[0].action_line} "
                f"{several[0].name.en}'",
            )
        return CellRefused(
            "experts.category_unknown",
            "'{item}' is not one of the {edition} categories",
            {"item": item, "edition": self.edition.key},
            self.edition.category_spellings_hint(),
        )

    def _comma_separated(self, parts: list[str]) -> list[str] | None:
        """Categories separated by commas, where a name may hold a comma itself ("Cultural
        diversity and identity, linguistic diversity and local content"): the longest run
        of parts that names a category wins."""
        keys: list[str] = []
        start = 0
        while start < len(parts):
            for end in range(len(parts), start, -1):
                category = self.edition.resolve_category(", ".join(parts[start:end]))
                if category is not None:
                    keys.append(category.key)
                    start = end
                    break
            else:
                return None
        return keys

    def _language(self, number: int, value: object) -> str | None:
        text = cell_text(value).strip()
        if not text:
            return None
        code = i18n.language_code(text)
        if code is None:
            self._refuse(
                number,
                "language",
                value,
                CellRefused(
                    "experts.language_unknown",
                    "'{value}' is not one of the app's languages",
                    {"value": text},
                    LANGUAGE_EXPECTED,
                ),
            )
        return code

    def _submissions(self, number: int, value: object) -> tuple[str, ...]:
        found: list[str] = []
        if isinstance(value, int | float) and not isinstance(value, bool):
            items: list[object] = [value]
        else:
            items = list(split_list(cell_text(value), _IDS))
        for item in items:
            try:
                found.append(normalise_id(item))
            except CellRefused:
                self._refuse(
                    number,
                    "conflict_submissions",
                    item,
                    CellRefused(
                        "experts.conflict_id_invalid",
                        "'{item}' is not a submission ID",
                        {"item": cell_text(item)},
                        "submission IDs such as 1001, separated by ';'",
                    ),
                )
        return tuple(dict.fromkeys(found))


def unknown_submission(
    expert_list: ExpertList, record: ExpertRecord, submission_id: str
) -> Problem:
    """The problem of a conflict naming a submission the workspace does not hold."""
    return Problem(
        "experts.conflict_unknown_submission",
        "The submission {id} is not in the workspace",
        {"id": submission_id},
        file=expert_list.source.file,
        sheet=expert_list.source.sheet,
        row=record.row,
        column=expert_list.source.headings.get("conflict_submissions"),
        value=submission_id,
        expected="the ID of an imported submission",
    )
