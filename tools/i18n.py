"""Build-time catalogue work (Babel), run by `./dev i18n`; nothing here ships to a laptop.

1. Extract every marked string of panel_app/ into resources/i18n/panel_app.pot: the
   window's tr() and QCoreApplication.translate()/QT_TRANSLATE_NOOP() (context first), the
   core's N_()/NC_() and the templates of Problem(code, template, ...); and the English of
   the edition files' names (context "Edition"; their Chinese stays in the file).
2. Update each language's .po from it (new msgids arrive untranslated, none guessed).
3. Compile each .po to the .mo the app reads (committed, so a fresh clone speaks every
   language; tests/test_i18n.py checks they are current).
4. Write the country names of the six languages from CLDR (Babel's data) to
   resources/i18n/countries.json, so the app needs no Babel at run time.
"""

from __future__ import annotations

import io
import json
import sys
import tomllib
from datetime import UTC, datetime
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

# Fixed header dates: a run that changes no message changes no file.
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from panel_app.edition.model import EDITION_CONTEXT  # noqa: E402
from panel_app.i18n import CODES, DOMAIN, ENGLISH  # noqa: E402

I18N = ROOT / "resources" / "i18n"
TEMPLATE = I18N / f"{DOMAIN}.pot"
COUNTRIES = I18N / "countries.json"
EDITIONS = ROOT / "resources" / "editions"

KEYWORDS = {
    "tr": None,
    "translate": ((1, "c"), 2),
    "QT_TRANSLATE_NOOP": ((1, "c"), 2),
    "N_": None,
    "NC_": ((1, "c"), 2),
    "Problem": (2,),
    # The core's helpers that take a problem's template as an argument (its position).
    "CellRefused": (2,),
    "TextNote": (2,),
    "_refuse_csv": (3,),
    "_refuse_file": (4,),
    "_row_problem": (6,),
    "_refuse": (3,),
}
METHOD_MAP = [("**.py", "python")]


def po_path(code: str) -> Path:
    return I18N / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(code: str) -> Path:
    return po_path(code).with_suffix(".mo")


def translated_codes() -> list[str]:
    return [code for code in CODES if code != ENGLISH]


def edition_texts() -> dict[str, dict[str, str]]:
    """English -> {language: text} of every text an edition file names in several languages
    ({en, zh, ...}: categories, SDGs, stakeholder types, scales, criteria, gates, phases,
    the title); the first file's wording wins."""
    found: dict[str, dict[str, str]] = {}

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("en"), str) and "zh" in value:
                found.setdefault(value["en"], {k: str(v) for k, v in value.items()})
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    for path in sorted(EDITIONS.glob("*.toml")):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return found


def extract() -> Catalog:
    catalog = Catalog(project="panel-app", domain=DOMAIN, fuzzy=False)
    for _file, _line, message, comments, context in extract_from_dir(
        str(ROOT / "panel_app"), METHOD_MAP, keywords=KEYWORDS, strip_comment_tags=True
    ):
        catalog.add(message, None, auto_comments=comments, context=context)
    for text in edition_texts():
        catalog.add(text, None, context=EDITION_CONTEXT)
    return catalog


def _write_po(catalog: Catalog, path: Path) -> None:
    catalog.creation_date = catalog.revision_date = STAMP
    catalog.msgid_bugs_address = ""
    catalog.project, catalog.version, catalog.fuzzy = "panel-app", "", False
    catalog.last_translator = "see docs/translations.md"
    catalog.language_team = "see docs/translations.md"
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=100,
        no_location=True,
        omit_header=False,
        sort_output=True,
        ignore_obsolete=True,
        include_previous=False,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    data = buffer.getvalue()
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def update(template: Catalog) -> None:
    for code in translated_codes():
        path = po_path(code)
        catalog = read_catalog(path, code) if path.exists() else Catalog(locale=code, domain=DOMAIN)
        # A msgid no longer in the code leaves; a new one arrives untranslated (no fuzzy
        # guesses: a near match in another context is often wrong).
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        # What an edition file words in this language itself is the translation.
        key = "zh" if code == "zh_CN" else code
        for english, wordings in edition_texts().items():
            message = catalog.get(english, context=EDITION_CONTEXT)
            if key in wordings and message is not None:
                message.string = wordings[key]
        catalog.header_comment = (
            f"# {Locale.parse(code).english_name} translations of the WSIS Prizes panel app.\n"
            "# Reviewed by native speakers: see docs/translations.md."
        )
        _write_po(catalog, path)


def compiled(code: str) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(po_path(code), code), use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for code in translated_codes():
        data = compiled(code)
        path = mo_path(code)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)


def country_names() -> dict[str, dict[str, str]]:
    """ISO 3166-1 alpha-2 code -> its name in each language (CLDR)."""
    locales = {code: Locale.parse(code) for code in CODES}
    codes = sorted(c for c in locales[ENGLISH].territories if len(c) == 2 and c.isalpha())
    # ZZ is CLDR's "unknown region"; EU/UN/EZ are groupings, not countries.
    codes = [c for c in codes if c not in {"ZZ", "EU", "EZ", "UN", "QO"}]
    return {c: {code: str(locales[code].territories[c]) for code in CODES} for c in codes}


# The UN's names (M49, the UN Terminology Database) where CLDR's English differs: the
# ITU's forms offer these, so a submission's country is one of them.
UN_NAMES = {
    "Bolivia (Plurinational State of)": "BO",
    "Brunei Darussalam": "BN",
    "Cabo Verde": "CV",
    "Congo": "CG",
    "Democratic People's Republic of Korea": "KP",
    "Democratic Republic of the Congo": "CD",
    "Holy See": "VA",
    "Iran (Islamic Republic of)": "IR",
    "Lao People's Democratic Republic": "LA",
    "Micronesia (Federated States of)": "FM",
    "Netherlands (Kingdom of the)": "NL",
    "Republic of Korea": "KR",
    "Republic of Moldova": "MD",
    "Russian Federation": "RU",
    "State of Palestine": "PS",
    "Syrian Arab Republic": "SY",
    "Türkiye": "TR",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    "United Republic of Tanzania": "TZ",
    "United States of America": "US",
    "Venezuela (Bolivarian Republic of)": "VE",
    "Viet Nam": "VN",
}


def write_countries() -> None:
    names: dict[str, object] = dict(country_names())
    names["_un_names"] = UN_NAMES
    data = json.dumps(names, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    if not COUNTRIES.exists() or COUNTRIES.read_text(encoding="utf-8") != data:
        COUNTRIES.write_text(data, encoding="utf-8")


def main() -> None:
    template = extract()
    _write_po(template, TEMPLATE)
    update(template)
    compile_all()
    write_countries()
    for code in translated_codes():
        catalog = read_catalog(po_path(code), code)
        left = sum(1 for message in catalog if message.id and not message.string)
        print(f"{code}: {left} of {len(template)} messages untranslated")


if __name__ == "__main__":
    main()
