"""Rule 3: each entity may submit one project per category.

Two submissions in one category whose organisations are the same name written differently
are reported as a pair. Names are compared as a person reads them (`entity_key`): Unicode
NFKC and case folded; accents on Latin, Greek and Cyrillic letters ignored; Arabic vowel
marks, tatweel and letter variants (أ/إ/آ/ا, ة/ه, ى/ي) made one; punctuation and spacing
ignored ("U.N.D.P." is "UNDP", "Health-Tech" is "Health Tech" is "HealthTech"); common
abbreviations spelled out (Ltd., Univ., Inc., Co., Intl, Dept., Fdn, Assoc., Natl,
Govt, Center/Centre, Organization/Organisation); "the" and "and"/"&" ignored; and a Latin
legal form at the end ("Limited", "Inc.", "GmbH", "Pvt. Ltd.", "S.A.") dropped, since
"Acme Ltd." and "Acme" are one organisation to a reader. Other scripts' legal forms
(ООО / АО, 有限公司 / 股份有限公司) name different legal persons and are kept.

Severity: a warning on the pair, not "ineligible". The rule makes one of the two projects
ineligible, but which one (the later, the weaker, or both after asking the entity) is the
chair's call, and two distinct organisations can share a name (a city's council and a
company named after the city rarely do, but a chair should look before excluding).

Grouping is one pass over the records: a dict keyed by (category, normalised name).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from panel_app.edition import Edition
from panel_app.rules.model import WARNING, Finding, RuleInput

RULE_ID = "same-entity-category"
REFERENCE = "2020 rule 3"

TEMPLATE = (
    "The same organisation has two projects in {category}: '{organisation}' "
    "({submission_id}) and '{related_organisation}' ({related_submission_id}); the rules "
    "allow one project per entity per category"
)

# Abbreviations and spellings -> one form (after case folding and dropping dots).
CANONICAL: dict[str, str] = {
    "ltd": "limited",
    "univ": "university",
    "inc": "incorporated",
    "co": "company",
    "corp": "corporation",
    "intl": "international",
    "dept": "department",
    "pvt": "private",
    "fdn": "foundation",
    "fndn": "foundation",
    "assoc": "association",
    "assn": "association",
    "inst": "institute",
    "natl": "national",
    "govt": "government",
    "ctr": "centre",
    "center": "centre",
    "organization": "organisation",
    "org": "organisation",
    "&": "and",
}
IGNORED = frozenset({"the", "and"})
# Latin legal forms, dropped at the end of a name (after CANONICAL).
LEGAL_FORMS = frozenset(
    {
        "limited",
        "incorporated",
        "corporation",
        "company",
        "private",  # "Pvt. Ltd." -> "private limited"
        "llc",
        "llp",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "sarl",
        "sas",
        "srl",
        "spa",
        "bv",
        "nv",
        "pty",
    }
)

# Arabic: harakat, superscript alef and tatweel go; letter variants become one letter.
_ARABIC_MARKS = dict.fromkeys([*range(0x064B, 0x0660), 0x0670, 0x0640])
_LETTERS = str.maketrans(
    {
        **_ARABIC_MARKS,
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # Persian kaf
    }
)
_ARABIC = re.compile("[\u0600-\u06ff]")
# Dots, apostrophes and hyphens join ("U.N." -> "un", "Children's", "Co-operative");
# other punctuation separates.
_JOINING = re.compile(r"[.'’`´\-‐‑]")
_TOKEN = re.compile(r"&|[^\W_]+")
_MARKED_SCRIPTS_END = 0x0530  # Latin, IPA, Greek, Cyrillic: accents are ignorable


def _strip_accents(text: str) -> str:
    """Combining marks dropped from Latin, Greek and Cyrillic letters only: elsewhere
    (Devanagari vowel signs, for one) a mark is part of the letter."""
    decomposed = unicodedata.normalize("NFD", text)
    if decomposed == text:  # no mark at all: most names
        return text
    out: list[str] = []
    base_marked = False
    for ch in decomposed:
        if unicodedata.combining(ch):
            if base_marked:
                continue
        else:
            base_marked = ord(ch) < _MARKED_SCRIPTS_END
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def entity_key(name: str) -> str:
    """The organisation's name as a person compares it; "" when it has no letters."""
    text = unicodedata.normalize("NFKC", name).casefold()
    if not text.isascii():
        # Turkish dotless ı: "KIVI" is "kıvı" in Turkish and "kivi" elsewhere
        text = _strip_accents(text).replace("ı", "i")
        if _ARABIC.search(text):
            text = text.translate(_LETTERS)
    text = _JOINING.sub("", text)
    if text.isascii():
        words = _TOKEN.findall(text)
    else:  # letters, digits and marks (a Devanagari vowel sign is no separator)
        words = "".join(
            ch if ch.isalnum() or ch == "&" or unicodedata.category(ch)[0] == "M" else " "
            for ch in text
        ).split()
    tokens = [CANONICAL.get(t, t) for t in words]
    tokens = [t for t in tokens if t not in IGNORED]
    while len(tokens) > 1 and tokens[-1] in LEGAL_FORMS:
        tokens.pop()
    return "".join(tokens)


def id_order(submission_id: str) -> tuple[int, int, str]:
    """Submission IDs in the order a person expects: numbers by value, then text."""
    if submission_id.isdigit():
        return (0, int(submission_id), submission_id)
    return (1, 0, submission_id)


def sort_pairs(findings: list[Finding]) -> list[Finding]:
    """Pair findings in the order a chair reads them: by the first ID, then the second."""
    return sorted(
        findings,
        key=lambda f: (id_order(f.submission_id), id_order(f.related_submission_id or "")),
    )


def _category_name(edition: Edition, key: str) -> str:
    for category in edition.categories:
        if category.key == key:
            return f"{category.action_line} {category.name.en}"
    return key


def check(edition: Edition, inputs: Iterable[RuleInput]) -> list[Finding]:
    groups: dict[tuple[str, str], list[RuleInput]] = {}
    keys: dict[str, str] = {}  # an organisation's many submissions are keyed once
    for record in inputs:
        key = keys.get(record.organisation)
        if key is None:
            key = keys[record.organisation] = entity_key(record.organisation)
        if key and record.category_key:
            groups.setdefault((record.category_key, key), []).append(record)
    findings: list[Finding] = []
    for (category_key, _), records in groups.items():
        if len(records) < 2:
            continue
        records.sort(key=lambda r: id_order(r.submission_id))
        category = _category_name(edition, category_key)
        for i, first in enumerate(records):
            for second in records[i + 1 :]:
                params = {
                    "category": category,
                    "organisation": first.organisation.strip(),
                    "submission_id": first.submission_id,
                    "related_organisation": second.organisation.strip(),
                    "related_submission_id": second.submission_id,
                }
                findings.append(
                    Finding(
                        RULE_ID,
                        WARNING,
                        first.submission_id,
                        TEMPLATE,
                        params,
                        REFERENCE,
                        related_submission_id=second.submission_id,
                    )
                )
    return sort_pairs(findings)
