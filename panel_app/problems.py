"""Problems travel as data: a code, its parameters and an English message template.

The core cannot call Qt's tr(), so every problem a person may read carries its template
(the msgid a catalogue translates) and the parameters to fill it with, plus where it was
found: file, sheet, row, column, the value seen and what was expected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from panel_app.i18n import ENGLISH, N_, render, translate

PROBLEM = "Problem"  # the catalogue context of the problems' templates and their frame


@dataclass(frozen=True)
class Problem:
    code: str
    template: str
    params: Mapping[str, Any] = field(default_factory=dict)
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    expected: str | None = None

    @property
    def message(self) -> str:
        """The English message, parameters filled in."""
        return self.template.format(**self.params)

    def message_in(self, language: str) -> str:
        """The message in `language` (the catalogue's translation of the template)."""
        return render(self.template, self.params, language, PROBLEM)

    def where(self, language: str = ENGLISH) -> str:
        def say(template: str, **params: object) -> str:
            return render(template, params, language, PROBLEM)

        parts = []
        if self.file is not None:
            parts.append(self.file)
        if self.sheet is not None:
            parts.append(say(N_("sheet '{sheet}'"), sheet=self.sheet))
        if self.row is not None:
            parts.append(say(N_("row {row}"), row=self.row))
        if self.column is not None:
            parts.append(say(N_("column '{column}'"), column=self.column))
        return translate(", ", language, PROBLEM).join(parts)

    def describe(self, language: str = ENGLISH) -> str:
        """One line a person can act on: where, what was there, what was expected."""
        text = self.message_in(language)
        if self.value is not None and "{value" not in self.template:
            text += render(N_(" (found {value!r})"), {"value": self.value}, language, PROBLEM)
        if self.expected is not None and "{expected" not in self.template:
            text += render(
                N_("; expected {expected}"), {"expected": self.expected}, language, PROBLEM
            )
        where = self.where(language)
        return f"{where}: {text}" if where else text

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "params": {k: _plain(v) for k, v in self.params.items()},
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "expected": self.expected,
        }


@dataclass(frozen=True)
class Note:
    """What the chair must look at or decide, as data (as a Problem is): a code and its
    parameters, which a window says in its own words and language, beside the English text
    the CLI prints. Code "": a note the core says in English only."""

    code: str
    text: str
    params: Mapping[str, Any] = field(default_factory=dict)
    category_key: str = ""  # the category it is about; "" for a whole list or round


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


class InputRefused(Exception):
    """An input was refused whole; nothing was written. Carries every problem found."""

    def __init__(self, problems: Iterable[Problem], *, subject: str = "input") -> None:
        self.problems: list[Problem] = list(problems)
        self.subject = subject
        count = len(self.problems)
        super().__init__(f"{subject} refused: {count} problem{'s' if count != 1 else ''}")

    def report(self, language: str = ENGLISH) -> str:
        count = len(self.problems)
        # Two msgids, not gettext's plural forms: a translation words both so that any
        # count reads right (e.g. with the count after a colon).
        one, many = (
            N_("{subject} refused: {count} problem"),
            N_("{subject} refused: {count} problems"),
        )
        template = one if count == 1 else many
        head = render(template, {"subject": self.subject, "count": count}, language, PROBLEM)
        return "\n".join([head] + [f"  - {p.describe(language)}" for p in self.problems])
