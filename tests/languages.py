"""The languages whose catalogue is complete, and what each may show in Latin letters.

A language joins COMPLETE when every message of its catalogue is translated
(tests/test_i18n.py) and the walks of tests/ui/test_languages.py find nothing left in
English in its windows.
"""

from __future__ import annotations

import re
from functools import cache

from panel_app import i18n

COMPLETE: tuple[str, ...] = ("zh_CN", "ru", "fr", "es", "ar")

# A word in Latin letters, accented ones included ("Défiler" is one word, not "filer").
LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9_'’-]*")


@cache
def own_latin_words(code: str) -> frozenset[str]:
    """The Latin words the language's own texts use: its catalogue's translations (where
    French keeps "Date" or Russian keeps "Excel"), its country names (CLDR) and the
    edition's names in it. A Latin word on screen outside these (and the data) is English
    left untranslated."""
    import importlib.util
    import json
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("i18n_tools", root / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    tools = sys.modules.get(spec.name)
    if tools is None:
        tools = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = tools
        spec.loader.exec_module(tools)
    texts = [str(m.string) for m in tools.read_catalog(tools.po_path(code), code) if m.id]
    countries = json.loads((i18n.catalogue_dir() / "countries.json").read_text("utf-8"))
    countries.pop("_un_names")
    texts += [names[code] for names in countries.values()]
    return frozenset(word for text in texts for word in LATIN_WORD.findall(text.replace("&", "")))
