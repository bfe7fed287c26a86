"""The house rules a machine can check: Qt stays in panel_app/ui/, layers import downwards.

import-linter checks the same contracts in `./dev test`; this test walks the imports
itself so that the core environment (no PySide6, no import-linter) enforces them too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "panel_app"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")

# What each layer may import from the project (architecture.md, "Layers").
ALLOWED = {
    "edition": {"edition", "paths", "problems", "i18n"},
    "problems": {"problems", "i18n"},
    # The one catalogue (gettext): the core's, the CLI's and the window's strings.
    "i18n": {"i18n", "paths"},
    "paths": {"paths"},
    # What no file of ours holds, and the one function that cleans it: for every writer.
    "characters": set(),
    # The one organisation key: for the rules, the assignment and the vote audit.
    "organisations": set(),
    "store": {"store", "edition", "paths", "problems", "i18n"},
    "formats": {"formats", "edition", "problems", "i18n", "characters"},
    "scoring": {"scoring", "edition", "problems", "i18n"},
    "rules": {"rules", "edition", "problems", "i18n", "organisations"},
    "assignment": {"assignment", "edition", "problems", "i18n", "organisations"},
    "votes": {
        "votes",
        "formats",
        "assignment",
        "edition",
        "problems",
        "i18n",
        "characters",
        "organisations",
    },
    # Above the workflow (beside the CLI): demo seasons go through the real use cases.
    "demo": {
        "demo",
        "workflow",
        "votes",
        "formats",
        "store",
        "scoring",
        "assignment",
        "edition",
        "problems",
        "i18n",
        "paths",
        "characters",
        "organisations",
    },
    "workflow": {
        "workflow",
        "votes",
        "formats",
        "store",
        "scoring",
        "rules",
        "assignment",
        "reports",
        "edition",
        "problems",
        "i18n",
        "paths",
        "characters",
        "organisations",
    },
    # renders plain dataclasses: no store, no engine
    "reports": {"reports", "paths", "characters", "i18n"},
}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _core_files() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts[:1]]


def test_only_the_ui_imports_qt() -> None:
    leaks = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
        for path in _core_files()
        for line, module in _imports(path)
        if module.split(".")[0] in QT_MODULES
    ]
    assert leaks == [], "Qt imported outside panel_app/ui/:\n" + "\n".join(leaks)


def test_the_ui_touches_no_sql_and_no_file_format() -> None:
    forbidden = ("sqlalchemy", "openpyxl", "python_calamine", "reportlab", "csv")
    leaks = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
        for path in (PACKAGE / "ui").rglob("*.py")
        for line, module in _imports(path)
        if module.split(".")[0] in forbidden
        or module.startswith(("panel_app.store", "panel_app.formats"))
    ]
    assert leaks == [], "the UI goes through workflow/:\n" + "\n".join(leaks)


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layers_import_only_downwards(layer: str) -> None:
    target = PACKAGE / layer
    files = list(target.rglob("*.py")) if target.is_dir() else [target.with_suffix(".py")]
    assert files and all(f.exists() for f in files), f"layer {layer} not found"
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
        for path in files
        for line, module in _imports(path)
        if module.startswith("panel_app.") and module.split(".")[1] not in ALLOWED[layer]
    ]
    assert wrong == [], f"{layer} may import only {sorted(ALLOWED[layer])}:\n" + "\n".join(wrong)


# The season's phases under workflow/ (architecture.md, "The layout we are moving to"): each
# uses the shared rooms and never another phase; the secretariat's exports read them all.
PHASES = ("intake", "panel", "review", "nomination", "vote", "final")
SHARED_ROOMS = (
    "workspace",
    "rounds",
    "files",
    "handover",
    "provenance",
    "overview",
    "changes",
    "record",
    "chairs",
)


def _workflow_part(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if parts[:2] == ["panel_app", "workflow"] and len(parts) > 2 else None


def test_the_workflow_holds_the_phases_and_the_shared_rooms_only() -> None:
    top = {p.stem for p in (PACKAGE / "workflow").glob("*.py")} - {"__init__"}
    rooms = {p.name for p in (PACKAGE / "workflow").iterdir() if (p / "__init__.py").exists()}
    assert top == set(SHARED_ROOMS)
    assert rooms == {*PHASES, "secretariat", "season"}


@pytest.mark.parametrize("phase", PHASES)
def test_a_phase_uses_the_shared_rooms_not_another_phase(phase: str) -> None:
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
        for path in (PACKAGE / "workflow" / phase).rglob("*.py")
        for line, module in _imports(path)
        if (part := _workflow_part(module)) is not None and part not in (phase, *SHARED_ROOMS)
    ]
    assert wrong == [], f"workflow/{phase} reaches into another phase:\n" + "\n".join(wrong)


def test_the_shared_rooms_use_no_phase() -> None:
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
        for room in SHARED_ROOMS
        for path in [PACKAGE / "workflow" / f"{room}.py"]
        for line, module in _imports(path)
        if (part := _workflow_part(module)) is not None and part not in SHARED_ROOMS
    ]
    assert wrong == [], "a shared room imports a phase:\n" + "\n".join(wrong)
