"""An organisation's identity for conflicts of interest, whatever its spelling."""

from __future__ import annotations

import re
import unicodedata

_ABBREVIATIONS = {
    "ltd": "limited",
    "univ": "university",
    "inc": "incorporated",
    "co": "company",
    "intl": "international",
    "dept": "department",
    "pvt": "private",
}
_STOP = ("the", "and")


def organisation_key(name: str) -> str:
    """A lenient identity: case, spacing, punctuation, "&" and "the", and common
    abbreviations ("Ltd." = "Limited") ignored; "" for a name with no letters or digits."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("&", " ")
    tokens = re.sub(r"[^\w]+", " ", text).split()
    return " ".join(_ABBREVIATIONS.get(t, t) for t in tokens if t not in _STOP)
