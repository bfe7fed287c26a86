"""A string marked for translation inside an f-string is never extracted (Babel skips an
f-string's expressions), so it would show in English in every language: none may be."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "panel_app"
MARKERS = {"tr", "translate", "N_", "NC_", "QT_TRANSLATE_NOOP"}


def _marked_inside_fstrings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.JoinedStr):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Call):
                name = getattr(inner.func, "attr", None) or getattr(inner.func, "id", None)
                if name in MARKERS:
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{inner.lineno}")
    return found


def test_no_string_is_marked_inside_an_f_string() -> None:
    found = [hit for path in sorted(PACKAGE.rglob("*.py")) for hit in _marked_inside_fstrings(path)]
    assert found == [], "move the marked string out of the f-string:\n" + "\n".join(found)
