"""The installer's promise (build_installer.spec): the modules it leaves out are never
imported by the app. The bundle's smoke test (.ci/bundle-smoke) proves it for the built
bundle, feature by feature; this says it earlier, in the test run, with the module's name.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build_installer.spec"


def excluded_modules() -> list[str]:
    """EXCLUDED_MODULES, as the spec writes it (a list of string literals)."""
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "EXCLUDED_MODULES"
            for target in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return [str(name) for name in value]
    raise AssertionError("build_installer.spec has no EXCLUDED_MODULES")


def _under(name: str, modules: list[str]) -> str | None:
    return next((m for m in modules if name == m or name.startswith(m + ".")), None)


def test_the_spec_leaves_out_the_parts_of_scipy_qt_and_pillow_measured() -> None:
    left_out = excluded_modules()
    assert {"scipy.stats", "scipy.optimize", "PySide6.QtNetwork", "PIL._avif"} <= set(left_out)
    # What the app needs stays: the scoring's scipy.sparse and scipy.special, Qt's three.
    for needed in ("scipy.sparse", "scipy.special", "scipy.linalg", "PySide6.QtWidgets", "PIL"):
        assert _under(needed, left_out) is None, needed


def test_no_module_of_the_app_imports_a_module_the_bundle_leaves_out() -> None:
    """Every import statement of panel_app, at the top or inside a function."""
    left_out = excluded_modules()
    found = []
    for path in sorted((ROOT / "panel_app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                if _under(name, left_out):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert not found, "\n".join(found)


def test_the_core_loaded_whole_loads_no_module_the_bundle_leaves_out() -> None:
    """What the app's own imports bring with them: every module of the core imported (the
    scoring with scipy.sparse and scipy.special, the reports with reportlab and Pillow)."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import panel_app\n"
        "for info in pkgutil.walk_packages(panel_app.__path__, 'panel_app.'):\n"
        "    if not info.name.startswith(('panel_app.ui', 'panel_app.store.migrations')):\n"
        "        importlib.import_module(info.name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert shown.returncode == 0, shown.stderr
    left_out = excluded_modules()
    loaded = [name for name in shown.stdout.split() if _under(name, left_out)]
    assert "scipy.sparse" in shown.stdout.split() and "scipy.special" in shown.stdout.split()
    assert not loaded, loaded
