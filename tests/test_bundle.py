"""The installer's promise (build_installer.spec): the modules it leaves out are never
imported by the app. The bundle's smoke test (.ci/bundle-smoke) proves it for the built
bundle, feature by feature; this says it earlier, in the test run, with the module's name.
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

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


def _bundle_elf():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bundle_elf", ROOT / ".ci" / "bundle_elf.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux libraries")
def test_the_spec_reads_what_a_library_needs_and_whether_it_carries_debugging_sections(
    tmp_path: Path,
) -> None:
    """What the spec keeps (a library some kept file needs) and strips rests on these."""
    import numpy.linalg._umath_linalg as linalg

    elf = _bundle_elf()
    needed = elf.needed_libraries(linalg.__file__)
    assert "libc.so.6" in needed
    assert any(name.startswith("libscipy_openblas") for name in needed)  # numpy.libs' BLAS
    assert not elf.has_debug_info(linalg.__file__)  # a wheel's, stripped
    source = tmp_path / "x.c"
    source.write_text("int answer(void) { return 42; }\n")
    built = tmp_path / "libx.so"
    compiler = subprocess.run(
        [
            "cc",
            "-g",
            "-shared",
            "-fPIC",
            "-o",
            str(built),
            str(source),
            "-Wl,--no-as-needed",
            "-lm",
        ],
        check=False,
    )
    if compiler.returncode == 0:  # a C compiler is there (Debian's build-essential)
        assert elf.has_debug_info(built) and "libm.so.6" in elf.needed_libraries(built)
    text = tmp_path / "notes.txt"
    text.write_text("not a library")
    assert elf.needed_libraries(text) == set() and not elf.has_debug_info(text)
