"""Problems travel as data: a code, its parameters and an English message template.

The core cannot call Qt's tr(), so every problem a person may read carries its template
(the msgid a catalogue translates) and the parameters to fill it with, plus where it was
found: file, sheet, row, column, the value seen and what was expected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


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

    def where(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(self.file)
        if self.sheet is not None:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def describe(self) -> str:
        """One line a person can act on: where, what was there, what was expected."""
        text = self.message
        if self.value is not None and "{value" not in self.template:
            text += f" (found {self.value!r})"
        if self.expected is not None and "{expected" not in self.template:
            text += f"; expected {self.expected}"
        where = self.where()
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

    def report(self) -> str:
        return "\n".join([str(self)] + [f"  - {p.describe()}" for p in self.problems])
