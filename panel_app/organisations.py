"""An organisation's identity, whatever its spelling: the one key of the whole app.

Every comparison of organisations goes through here: rule 3 (one project per entity per
category), rule 11 (past winners), conflicts of interest in the assignment, and the vote
audit (no vote for one's own organisation's project). Before, each had a key of its own,
with different leniency: "Acme Ltd." and "Acme" were one entity to rule 3 and two to the
conflicts of interest.

`organisation_key(name)` is the name as a person compares it:
- Unicode NFKC and case folded ("ＡＢＣ" is "abc");
- accents on Latin, Greek and Cyrillic letters ignored ("Société" is "Societe"); elsewhere
  a mark is part of the letter (a Devanagari vowel sign) and kept; Turkish dotless ı is i;
- Arabic vowel marks and tatweel ignored, letter variants made one (أ/إ/آ/ا, ة/ه, ى/ي);
- dots, apostrophes and hyphens join ("U.N.D.P." is "UNDP", "Health-Tech" is "HealthTech"),
  other punctuation and spacing separate, and the words are then joined: "Health Tech",
  "Health-Tech" and "HealthTech" are one name;
- common abbreviations and spellings made one (Ltd., Univ., Inc., Co., Corp., Intl, Dept.,
  Pvt., Fdn, Assoc., Inst., Natl, Govt, Ctr; Center/Centre, Organization/Organisation),
  "&" is "and", and "the" and "and" are ignored;
- a Latin legal form at the end dropped ("Limited", "Inc.", "GmbH", "Pvt. Ltd.", "S.A."):
  "Acme Ltd." and "Acme" are one organisation to a reader. Other scripts' legal forms
  (ООО / АО, 有限公司 / 股份有限公司) name different legal persons and are kept, as are
  the words that name a different body: "Foundation", "Association", "Institute", "Trust"
  ("Vodafone" and the "Vodafone Foundation" are two entities, each may submit);
- "" for a name with no letter or digit.
Rule 3 and the conflicts of interest compare keys for equality (they group thousands of
names at once).

`same_organisation(a, b)` is looser, for names typed by hand years apart (the past-winners
list against this year's submissions): equal keys; or one name the other's initials ("ITU"
and "International Telecommunication Union"; "of", "for", "de"... skipped); or keys at
least 90% alike (rapidfuzz's ratio: a typo, a letter dropped: "Comunications"). Names that
differ in a word that tells them apart stay apart ("Ministry of Health, Kenya" and
"..., Ghana": 86%).

Pure Python but for rapidfuzz, loaded only by same_organisation: the bottom of the house,
below the rules, the assignment and the votes, which all use it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "CANONICAL",
    "IGNORED",
    "LEGAL_FORMS",
    "MIN_SIMILARITY",
    "organisation_key",
    "organisation_words",
    "same_organisation",
]

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
# Latin legal forms, dropped at the end of a name (after CANONICAL), one after another
# ("Pvt. Ltd." -> "private limited" -> nothing), as long as a word is left.
LEGAL_FORMS = frozenset(
    {
        "limited",
        "incorporated",
        "corporation",
        "company",
        "private",
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
MIN_SIMILARITY = 90  # percent, on keys (same_organisation)
# Words an acronym skips ("International Union of ..." is "IU...").
_ACRONYM_SKIP = frozenset({"of", "for", "the", "and", "de", "la", "du", "des", "et", "y", "del"})

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
_ASCII_JOINERS = b".'`-"
_ASCII_WORD_BYTES = bytes(
    ord(chr(c).lower()) if chr(c).isascii() and chr(c).isalnum() else ord(" ") for c in range(256)
)
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


@lru_cache(maxsize=65536)  # the vote audit keys every voter's organisation: names recur
def organisation_words(name: str) -> tuple[str, ...]:
    """The words of the name as the key joins them (see the module's documentation)."""
    if name.isascii():  # the usual case: NFKC, accents and Arabic change nothing
        # One bytes.translate in C: letters lowered, joiners deleted, the rest (and "&",
        # which is "and", ignored) a space. 3x the regular expression's speed.
        data = name.encode("ascii").translate(_ASCII_WORD_BYTES, _ASCII_JOINERS)
        tokens = [CANONICAL.get(t, t) for t in data.decode("ascii").split() if t not in IGNORED]
        while len(tokens) > 1 and tokens[-1] in LEGAL_FORMS:
            tokens.pop()
        return tuple(tokens)
    else:
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
                ch
                if ch.isalnum() or unicodedata.category(ch)[0] == "M"
                else f" {ch} "
                if ch == "&"  # a word of its own, as in the ASCII path ("A&B" is "A and B")
                else " "
                for ch in text
            ).split()
    tokens = [CANONICAL.get(t, t) for t in words]
    tokens = [t for t in tokens if t not in IGNORED]
    while len(tokens) > 1 and tokens[-1] in LEGAL_FORMS:
        tokens.pop()
    return tuple(tokens)


def organisation_key(name: str) -> str:
    """The organisation's identity: its name as a person compares it; "" when it has no
    letter or digit."""
    return "".join(organisation_words(name))


@lru_cache(maxsize=4096)
def same_organisation(a: str, b: str) -> bool:
    """Whether two names plausibly name one organisation: equal keys, one the other's
    initials, or keys at least MIN_SIMILARITY percent alike (see the module's
    documentation)."""
    words_a, words_b = organisation_words(a), organisation_words(b)
    key_a, key_b = "".join(words_a), "".join(words_b)
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    for words, key in ((words_a, key_b), (words_b, key_a)):
        initials = "".join(w[0] for w in words if w not in _ACRONYM_SKIP)
        if len(words) >= 2 and len(initials) >= 2 and initials == key:
            return True
    from rapidfuzz import fuzz  # (loaded only where names are compared loosely)

    return fuzz.ratio(key_a, key_b) >= MIN_SIMILARITY
