"""The app's languages and its one message catalogue, for the core, the CLI and the window.

Every string a person reads is an English msgid in a gettext catalogue
(resources/i18n/<code>/LC_MESSAGES/panel_app.mo, compiled from the .po translators edit;
`./dev i18n` extracts, updates and compiles them with Babel at build time, so nothing but
the standard library's gettext runs on an expert's laptop). The window's tr() calls reach
the same catalogue through a QTranslator (panel_app.ui.language); the core, which cannot
call Qt, marks its templates with N_/NC_ and the reader renders them here or in the window.

A msgid carries its context where the code gives one (QCoreApplication.translate's first
argument, NC_'s); a window's self.tr() gives none in the catalogue, so a lookup tries the
context first and then the msgid alone.
"""

from __future__ import annotations

import gettext
import json
import locale
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from panel_app import paths

DOMAIN = "panel_app"
ENGLISH = "en"


@dataclass(frozen=True)
class Language:
    code: str  # the catalogue's folder and Qt's locale name
    name: str  # its name in itself, so anyone can find their own
    right_to_left: bool = False


# The six languages of the UN, in the UN's order (English names' alphabet).
LANGUAGES: tuple[Language, ...] = (
    Language("ar", "العربية", right_to_left=True),
    Language("zh_CN", "简体中文"),
    Language("en", "English"),
    Language("fr", "Français"),
    Language("ru", "Русский"),
    Language("es", "Español"),
)
CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)


def language(code: str) -> Language:
    for candidate in LANGUAGES:
        if candidate.code == code:
            return candidate
    raise KeyError(code)


# What a person may write for each language (an expert list's Language column): its name
# in English and in itself, and common variants; its code is accepted too (language_code).
_NAMES: dict[str, tuple[str, ...]] = {
    "ar": ("Arabic", "العربية", "عربي", "عربى"),
    "zh_CN": (
        "Chinese",
        "Simplified Chinese",
        "Chinese (Simplified)",
        "Chinese, Simplified",
        "Mandarin",
        "中文",
        "简体中文",
        "汉语",
        "普通话",
    ),
    "en": ("English",),
    "fr": ("French", "Français"),
    "ru": ("Russian", "Русский", "Русский язык"),
    "es": ("Spanish", "Español", "Castellano"),
}


def _name_key(text: str) -> str:
    """A language name as looked up: case, accents, spacing and punctuation aside."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    kept = (ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in kept if ch.isalnum())


@cache
def _names() -> dict[str, str]:
    found = {_name_key(code): code for code in CODES}
    found[_name_key("zh")] = "zh_CN"
    for code, names in _NAMES.items():
        found.update({_name_key(name): code for name in (*names, language(code).name)})
    return found


def language_code(text: str) -> str | None:
    """The app's language a person named (a code: "fr", "zh_CN", "zh", "es-419"; or a name
    in English or in itself: "French", "Français", "中文"), or None for any other text
    (Traditional Chinese included: the app has no catalogue for it)."""
    text = text.strip()
    if not text:
        return None
    found = _names().get(_name_key(text))
    if found is not None:
        return found
    if _TAG.fullmatch(text):  # a locale tag: "fr_CH", "zh-Hans", "ar-EG"
        return best_match(text)
    return None


_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def N_(message: str) -> str:
    """Marks an English template for the catalogue; translated where it is shown."""
    return message


def NC_(context: str, message: str) -> str:
    """Marks an English template with its context; translated where it is shown."""
    return message


def catalogue_dir() -> Path:
    return paths.resources_dir() / "i18n"


def best_match(tag: str | None) -> str | None:
    """Our language for a locale name such as 'fr_CH.UTF-8', 'zh-Hans', 'ar' (None: none)."""
    if not tag:
        return None
    tag = tag.split(".")[0].split("@")[0].replace("-", "_")
    base = tag.split("_")[0].casefold()
    if base == "zh":
        # Traditional Chinese readers get English rather than the simplified script.
        rest = tag.casefold()
        return None if any(part in rest for part in ("hant", "_tw", "_hk", "_mo")) else "zh_CN"
    return base if base in CODES else None


def system_language() -> str:
    """The language of the system's locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), if ours,
    else English."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for tag in os.environ.get(variable, "").split(":"):
            match = best_match(tag)
            if match is not None:
                return match
            if tag and variable != "LANGUAGE":
                return ENGLISH  # the first locale set decides, as POSIX reads them
    try:
        system: str | None = locale.getlocale()[0]
    except ValueError:
        system = None
    return best_match(system) or ENGLISH


@cache
def catalogue(code: str) -> gettext.NullTranslations:
    """The compiled catalogue of `code` (English, or one missing: the msgids themselves)."""
    if code == ENGLISH:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, str(catalogue_dir()), [code], fallback=True)


def is_installed(code: str) -> bool:
    return code == ENGLISH or (catalogue_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()


def translate(message: str, language: str, context: str | None = None) -> str:
    """`message` in `language`: with its context if the catalogue has it, else alone, else
    the English."""
    if language == ENGLISH or not message:
        return message
    found = catalogue(language)
    if context is not None:
        text = found.pgettext(context, message)
        if text != message:
            return text
    return found.gettext(message)


def render(
    template: str, params: Mapping[str, Any], language: str, context: str | None = None
) -> str:
    """A template translated, then filled in (an unknown placeholder keeps the English).
    A parameter that is itself Words (or a list of them) is said in `language` too."""
    text = translate(template, language, context)
    filled = {name: _said(value, language) for name, value in params.items()}
    try:
        return text.format(**filled)
    except (KeyError, IndexError, ValueError):
        return template.format(**filled)


@dataclass(frozen=True)
class Words:
    """A sentence as data, as a Problem's message is: its English template (marked with N_)
    and its parameters, said in any language where it is shown."""

    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def in_language(self, language: str) -> str:
        if not self.params:
            return translate(self.template, language)
        return render(self.template, self.params, language)

    def __str__(self) -> str:
        return self.in_language(ENGLISH)


def _said(value: Any, language: str) -> Any:
    if isinstance(value, Words):
        return value.in_language(language)
    if isinstance(value, list | tuple) and value and all(isinstance(v, Words) for v in value):
        return "; ".join(v.in_language(language) for v in value)
    return value


@cache
def _countries() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """CLDR's names (code -> language -> name) and every name's code (casefolded)."""
    path = catalogue_dir() / "countries.json"
    names: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    un_names = names.pop("_un_names")  # the UN's English names where CLDR's differ
    codes = {_key(name): code for code, by in names.items() for name in by.values()}
    codes.update({_key(name): code for name, code in un_names.items()})
    codes.update({code.casefold(): code for code in names})
    return names, codes


def _key(name: str) -> str:
    return name.strip().replace("\u2019", "'").casefold()


def country_name(text: str, language: str) -> str:
    """A country as the submission gave it (a name in any of our languages, or its ISO
    code), named in `language` as CLDR does; unknown text is shown as it was given."""
    names, codes = _countries()
    code = codes.get(_key(text))
    if code is None or (language == ENGLISH and text.strip() != code):
        return text
    return names[code].get(language, text)


class Refusal(Exception):
    """A request refused, said in any language: an English template (marked with N_ where
    it is raised) and its parameters; str() is the English, message_in() the reader's.

    A refusal raised with a finished English sentence (no parameters) still reads in
    English everywhere; one raised with a template reads in each language the catalogue has.
    """

    CONTEXT = "Refusal"

    def __init__(self, template: str, /, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(render(template, params, ENGLISH) if params else template)

    @classmethod
    def joined(cls, parts: Sequence[Words]) -> Refusal:
        """One refusal of several reasons (each Words), said one after another."""
        return cls("{parts}", parts=list(parts))

    def message_in(self, language: str) -> str:
        if not self.params:
            return translate(self.template, language, self.CONTEXT)
        return render(self.template, self.params, language, self.CONTEXT)
