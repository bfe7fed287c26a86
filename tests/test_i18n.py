"""The one catalogue: current with the code, complete in every language, compiled, and the
translations safe to fill in (the same placeholders as the English)."""

from __future__ import annotations

import importlib.util
import json
import string
import sys
from pathlib import Path
from types import ModuleType

import pytest

from panel_app import i18n
from panel_app.problems import Problem

from .languages import COMPLETE

ROOT = Path(__file__).resolve().parents[1]


def _tools() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_tools", ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tools = _tools()


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_template_holds_every_marked_string_of_the_code() -> None:
    """`./dev i18n` would leave the .pot unchanged: no string of panel_app missing or gone."""
    extracted = {(m.context, m.id) for m in tools.extract() if m.id}
    committed = {(m.context, m.id) for m in tools.read_catalog(tools.TEMPLATE) if m.id}
    assert extracted == committed, "run ./dev i18n and translate the new strings"
    assert len(committed) > 600


@pytest.mark.parametrize("code", tools.translated_codes())
def test_each_catalogue_follows_the_template_and_is_compiled(code: str) -> None:
    template = {(m.context, m.id) for m in tools.read_catalog(tools.TEMPLATE) if m.id}
    catalogue = tools.read_catalog(tools.po_path(code), code)
    assert {(m.context, m.id) for m in catalogue if m.id} == template, "run ./dev i18n"
    assert tools.mo_path(code).read_bytes() == tools.compiled(code), "run ./dev i18n"


@pytest.mark.parametrize("code", COMPLETE)
def test_a_complete_catalogue_has_every_message_translated(code: str) -> None:
    catalogue = tools.read_catalog(tools.po_path(code), code)
    missing = [m.id for m in catalogue if m.id and (not m.string or m.fuzzy)]
    assert missing == []


@pytest.mark.parametrize("code", tools.translated_codes())
def test_a_translation_fills_in_the_same_placeholders_and_keeps_one_shortcut(code: str) -> None:
    """A translation that named another placeholder would raise where it is shown; one with
    two '&' would give a menu two shortcuts."""
    wrong = []
    for message in tools.read_catalog(tools.po_path(code), code):
        if not message.id or not message.string:
            continue
        english, translated = str(message.id), str(message.string)
        if _fields(english) != _fields(translated):
            wrong.append((english, translated))
        if translated.replace("&&", "").count("&") > max(1, english.count("&")):
            wrong.append((english, translated))
    assert wrong == []


def test_country_names_come_from_cldr_for_every_language() -> None:
    names = json.loads((ROOT / "resources" / "i18n" / "countries.json").read_text("utf-8"))
    assert names.pop("_un_names") == tools.UN_NAMES
    assert names == tools.country_names(), "run ./dev i18n"
    assert names["KE"]["fr"] == "Kenya" and names["CN"]["zh_CN"] == "中国"
    assert names["DE"]["ru"] == "Германия" and names["MA"]["es"] == "Marruecos"
    assert names["EG"]["ar"] == "مصر"
    assert len(names) > 240


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "fr_CH.UTF-8"}, "fr"),
        ({"LANG": "es_MX.UTF-8"}, "es"),
        ({"LC_ALL": "ru_RU.UTF-8", "LANG": "en_GB.UTF-8"}, "ru"),
        ({"LANGUAGE": "ar:en", "LANG": "en_US.UTF-8"}, "ar"),
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_TW.UTF-8"}, "en"),  # Traditional readers: English, not Simplified
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
    ],
)
def test_the_system_locale_chooses_the_language(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert i18n.system_language() == expected


def test_a_problem_reads_in_the_chosen_language() -> None:
    problem = Problem(
        "workbook.damaged",
        "The workbook could not be read: {reason}",
        {"reason": "bad zip"},
        file="scores.xlsx",
        sheet="Scores",
        row=7,
    )
    assert problem.describe() == (
        "scores.xlsx, sheet 'Scores', row 7: The workbook could not be read: bad zip"
    )
    chinese = problem.describe("zh_CN")
    assert "工作表“Scores”" in chinese and "第 7 行" in chinese
    assert "无法读取工作簿：bad zip" in chinese


def test_a_translation_with_a_broken_placeholder_falls_back_to_english() -> None:
    assert i18n.render("Hello {name}", {"name": "Ana"}, "zh_CN") == "Hello Ana"


@pytest.mark.parametrize(
    ("given", "language", "shown"),
    [
        ("Kenya", "fr", "Kenya"),
        ("kenya", "zh_CN", "肯尼亚"),
        ("Russian Federation", "fr", "Russie"),  # the UN's name, as the ITU's form gives it
        ("Viet Nam", "es", "Vietnam"),
        ("Côte d'Ivoire", "ru", "Кот-д’Ивуар"),
        ("Allemagne", "en", "Allemagne"),  # English shows what the submission gave
        ("Atlantis", "ar", "Atlantis"),  # unknown: as given
        ("DE", "en", "Germany"),
    ],
)
def test_a_country_is_named_in_the_readers_language(given: str, language: str, shown: str) -> None:
    assert i18n.country_name(given, language) == shown


def test_a_refusal_of_several_reasons_reads_in_each_language() -> None:
    parts = [
        i18n.Words(i18n.N_("submission {sid} is already a nominee"), {"sid": "7"}),
        i18n.Words(i18n.N_("submission {sid} is not on the nominee list"), {"sid": "9"}),
    ]
    refusal = i18n.Refusal.joined(parts)
    assert (
        str(refusal) == "submission 7 is already a nominee; submission 9 is not on the nominee list"
    )
    assert refusal.message_in("zh_CN") == "提交 7 已是被提名项目; 提交 9 不在提名名单中"
    assert "7" in refusal.message_in("ar") and "already" not in refusal.message_in("ar")
