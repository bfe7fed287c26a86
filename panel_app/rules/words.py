"""Counting words as a person counts them.

A word is a whitespace-separated token that holds at least one letter or digit, so:
- a hyphenated word ("community-led"), a number ("20,000", "3.5", "2019/20") and a
  contraction ("don't") are one word each;
- punctuation standing alone ("-", "•", "—", "...") adds nothing, and punctuation stuck to
  a word ("health," "(SDG") does not split it;
- a URL or an e-mail address is one word, like any other token: it is not split at its dots
  and slashes, and it is not dropped either (a person counting words counts it once).

Chinese and Japanese are written without spaces between words; there, as in word
processors and as a person counts "字", every ideograph or kana counts as one word, and the
spaced parts around them count as above ("2019年" is two words).
"""

from __future__ import annotations

import re

# Han ideographs (with extensions and compatibility forms), hiragana and katakana.
_CJK = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff\U00030000-\U0003134f"
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_TOKEN = re.compile(r"\S+")
_WORDLIKE = re.compile(r"[^\W_]")  # a letter or a digit, in any script
# The fast path works on UTF-8 bytes (bytes.translate and bytes.split are C loops, five
# times the regular expressions): ASCII punctuation deleted, so that a token left empty
# had no letter or digit; the ASCII characters str.split() splits at and bytes.split()
# does not (the information separators) made spaces first.
_SEPARATORS = bytes.maketrans(b"\x1c\x1d\x1e\x1f", b"    ")
_ASCII_WORDLESS = bytes(b for b in range(0x80) if not chr(b).isalnum() and not chr(b).isspace())


def count_words(text: str) -> int:
    """The number of words in `text` (see the module's documentation)."""
    if text.isascii():
        return len(text.encode("ascii").translate(_SEPARATORS, _ASCII_WORDLESS).split())
    if _CJK_CHAR.search(text) is None:
        # A token with a non-ASCII byte may hold Unicode spaces or only Unicode
        # punctuation ("—", "•"): those few are counted as str tokens.
        data = text.encode("utf-8", "surrogatepass").translate(_SEPARATORS, _ASCII_WORDLESS)
        tokens = data.split()
        other = [token for token in tokens if not token.isascii()]
        spaced = _spaced_words(b" ".join(other).decode("utf-8", "surrogatepass"))
        return len(tokens) - len(other) + spaced
    total = 0
    for token in _TOKEN.findall(text):
        if _CJK_CHAR.search(token) is None:
            total += 1 if _WORDLIKE.search(token) else 0
            continue
        pieces = _CJK_CHAR.split(token)
        total += len(_CJK_CHAR.findall(token))
        total += sum(1 for piece in pieces if _WORDLIKE.search(piece))
    return total


def _spaced_words(text: str) -> int:
    return sum(1 for token in text.split() if _WORDLIKE.search(token))


def cjk_characters(text: str) -> int:
    """How many characters of `text` are written without spaces between words (CJK)."""
    return len(_CJK_CHAR.findall(text))


def is_unspaced_script(text: str) -> bool:
    """True when most of the words of `text` are CJK characters (counted one by one)."""
    if text.isascii():
        return False
    cjk = cjk_characters(text)
    return cjk > 0 and cjk * 2 > count_words(text)
