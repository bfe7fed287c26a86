"""The version the app reports is the one the package is built and installed with."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

import panel_app

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_the_app_reports_the_version_in_pyproject_and_the_installed_one() -> None:
    declared = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
    assert panel_app.__version__ == declared == version("panel-app")
