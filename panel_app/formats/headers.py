"""Matching a file's header row to known columns, whatever the case, spacing, punctuation.

Shared by every reader of a table with named columns (the submission set, small lists):
a `Column` has its main header and aliases; a header cell matches when its look-up form
(`header_form`) equals one of theirs. When two headers of a file name the same column, the
better-ranked spelling wins (the main header first); two of the same rank clash.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from panel_app.formats.tabular import column_letter
from panel_app.problems import Problem

# look-up form -> (field, rank: 0 for the main header, then the aliases in order)
HeaderForms = Mapping[str, tuple[str, int]]


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # as the platform (or the app) writes it
    aliases: tuple[str, ...] = ()  # other spellings, in order of preference


def header_form(text: str) -> str:
    """A header as a look-up form: case, spacing and punctuation removed, "&" as "and"."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("&", "and")
    return "".join(ch for ch in folded if ch.isalnum())


def header_forms(columns: Iterable[Column]) -> dict[str, tuple[str, int]]:
    found: dict[str, tuple[str, int]] = {}
    for column in columns:
        for rank, spelling in enumerate((column.header, *column.aliases)):
            found.setdefault(header_form(spelling), (column.field, rank))
    return found


def match_headers(
    headers: Sequence[str], forms: HeaderForms
) -> tuple[dict[str, int], list[tuple[str, int, int]]]:
    """(field -> cell index, clashes: (field, first index, second index))."""
    chosen: dict[str, tuple[int, int]] = {}  # field -> (rank, index)
    clashes: list[tuple[str, int, int]] = []
    for index, header in enumerate(headers):
        match = forms.get(header_form(header)) if header else None
        if match is None:
            continue
        name, rank = match
        previous = chosen.get(name)
        if previous is None or rank < previous[0]:
            chosen[name] = (rank, index)
        elif rank == previous[0]:
            clashes.append((name, previous[1], index))
    return {name: index for name, (_, index) in chosen.items()}, clashes


def spellings(column: Column) -> str:
    """What a column may be headed, for messages."""
    names = ", ".join(repr(s) for s in (column.header, *column.aliases))
    return f"a column headed {names} (any case, spacing or punctuation)"


def columns_twice(
    code: str,
    columns: Iterable[Column],
    clashes: Iterable[tuple[str, int, int]],
    headers: Sequence[str],
    *,
    file: str,
    sheet: str | None,
    row: int,
) -> list[Problem]:
    """A problem `{code}.column_twice` for each clash that `match_headers` found."""
    by_field = {c.field: c for c in columns}
    return [
        Problem(
            f"{code}.column_twice",
            "The column '{column}' appears twice, in columns {first} and {second}",
            {
                "column": by_field[name].header,
                "first": column_letter(first),
                "second": column_letter(second),
            },
            file=file,
            sheet=sheet,
            row=row,
            column=headers[second],
            expected="each column once",
        )
        for name, first, second in clashes
    ]
