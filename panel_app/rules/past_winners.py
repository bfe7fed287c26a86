"""Rule 11: winners of earlier WSIS Prizes are not eligible.

A winner's project comes back renamed ("… Phase II: Scaling Up", "… 2.0", "… Platform"),
reworded, or submitted by a partner. A submission is matched to the imported list of past
winners on what a rename keeps, four kinds of evidence, each scored:

- **the title**, compared as a person would: case, spacing, punctuation, diacritics and
  Unicode forms (NFKC) do not count, and small variations (a typo, a swapped letter, a
  word run together) still match: at least MIN_SIMILARITY percent alike by rapidfuzz's
  ratio (100 * (1 - insertions and deletions / length of both); a swapped letter in a
  13-letter title gives 92%). Numbers must agree: "Route 66" is not "Route 67".
- **the title core**: the title without its edition, version and phase words ("Phase II",
  "2.0", "v3", "2021 edition", "Scaling Up", "Pilot", "Next Generation"), the words that
  only say what kind of thing it is ("Platform", "Programme", "Portal", "Initiative") and
  "for", "of", "the"... (`title_core`). Two cores match when their words, in any order,
  are MIN_SIMILARITY percent alike, or when every word of one is in the other ("Kilimo
  Salama" in "Kilimo Salama Mobile"; at least two words and eight letters). The numbers
  left in the cores must agree.
- **the text**, where the list has one: the winner's text against the submission's summary
  (its other texts when it has none), by the cosine of their TF-IDF word vectors (words of
  three letters or more, common English words left out, English endings dropped; IDF
  from the winners' texts): TEXT_STRONG percent or more is the same project told again,
  reworded; TEXT_SOME percent or more backs a partial title match.

and **the organisation**, compared loosely (panel_app.organisations.same_organisation:
the app's one key, initials, a typo).

A title or core match counts only when the winner's core is distinctive: it has a word
of four letters or more that few winners' cores share (at most three), and two words or
one of eight letters or more. "Digital Health Network" and "Trade" are many projects'
names, not evidence; from the winner's own organisation such a match is still a warning.

The severity, for the best-matching winner:
| evidence | the winner's organisation | another organisation |
|---|---|---|
| the title or its core (distinctive), or the text (strong) | ineligible | warning |
| the core's words contained (distinctive), with the text (some) | ineligible | warning |
| the core's words contained (distinctive), or a title match not distinctive | warning | - |
The 2020 rules let anyone submit a project, so the same project from another
organisation is a *warning* that names both, for a chair to judge.

The finding says what matched and how much: the organisation, the titles' similarity,
the cores' similarity and the cores themselves, and the texts' similarity where compared.
The figures on a planted set of renamed, reworded and look-alike projects are in
docs/rules.md (`python -m tests.rules.planted_winners`).

Speed: the winners are indexed by their folded title and their core, exact and by cheap
keys (the first and last five letters, each word of three letters or more that few
winners share); a submission is only compared with the winners that share one of its
keys. The texts of a batch are compared with every winner's text at once (a sparse
matrix product). 100k submissions against 400 winners: 1.5 s of CPU, 8 s with the texts
(docs/benchmarks.md).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from panel_app.edition import Edition
from panel_app.organisations import same_organisation
from panel_app.rules.model import (
    INELIGIBLE,
    WARNING,
    Finding,
    PastWinner,
    RuleContext,
    RuleInput,
    Severity,
)

RULE_ID = "past-winner"
REFERENCE = "2020 rule 11"
MIN_SIMILARITY = 90  # percent, on folded titles and on cores
TEXT_STRONG = 65  # percent (cosine): the same text, reworded
TEXT_SOME = 40  # percent: enough to back a partial title match
_TEXT_SLICE = 2000  # submissions whose texts are compared at once (2000 x 400 scores)

_lead = 'Matches the {winner_edition} winner "{winner_title}" by {winner_organisation}'
_SCORES = (
    "titles {title_similarity}% alike, {core_similarity}% without edition, version and "
    'phase words ("{core}" / "{winner_core}")'
)
# By whose the submission is, and whether the texts were compared.
TEMPLATE_SAME = _lead + ", the same organisation as this submission's ({organisation}): " + _SCORES
TEMPLATE_SAME_TEXT = TEMPLATE_SAME + "; texts {text_similarity}% alike"
TEMPLATE_OTHER = (
    _lead
    + ", but this submission is by {organisation}: "
    + _SCORES
    + "; check whether it is the same project"
)
TEMPLATE_OTHER_TEXT = (
    _lead
    + ", but this submission is by {organisation}: "
    + _SCORES
    + "; texts {text_similarity}% alike; check whether it is the same project"
)
TEMPLATES = (TEMPLATE_SAME, TEMPLATE_SAME_TEXT, TEMPLATE_OTHER, TEMPLATE_OTHER_TEXT)

_NOT_WORD = re.compile(r"[\W_]+")
_END = 5  # letters in the first/last-letters keys
_NUMBER = re.compile(r"[0-9]+")
# A word shared by more winners than this ("digital", "health") is no key: it would make
# most titles compare with dozens of winners. The ends of the title still are keys.
_MAX_WINNERS_PER_WORD = 3
# Up to this length, one edit may change both ends: such titles are compared with every
# winner as short (a 90% match needs lengths within 20% of each other).
_SHORT = 2 * _END + 2


def fold(text: str) -> str:
    """Text as a person compares it: NFKC, case folded, accents removed, "&" as "and",
    punctuation and runs of white space as one space."""
    if text.isascii():  # the usual case: NFKC and accents change nothing
        text = text.casefold()
    else:
        text = unicodedata.normalize("NFKC", text).casefold()
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        text = unicodedata.normalize("NFC", text)
    return _NOT_WORD.sub(" ", text.replace("&", " and ")).strip()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def title_key(title: str) -> str:
    """A title's folded form without spaces: "Village Cloud" and "VillageCloud" agree."""
    return fold(title).replace(" ", "")


# --- the title core ---------------------------------------------------------------------

# Versions and editions, found before folding splits "2.0" in two: 2.0, v2, v2.1, 3.1.4;
# years and school years (2019, 2019-2020, 2019/20).
_VERSION = re.compile(r"(?<![\w.])v?\d+(?:\.\d+)+(?![\w.])|(?<![\w.])v\d+(?![\w.])", re.I)
_YEAR = re.compile(r"(?<![\w.])(?:19|20)\d\d(?:\s*[-/–]\s*(?:19|20)?\d\d)?(?![\w.])")
# Words that number an edition, a version or a phase, with a number after them or an
# ordinal before them ("phase 2", "round three", "2nd edition", "second wave"); the first
# five go alone too ("… Pilot Phase", "… New Edition").
_MARKERS = _words(
    "phase stage edition version generation step wave round release season cycle gen "
    "chapter part ver"
)
_NUMBERS = _words(
    "one two three four five six seven eight nine ten ii iii iv v vi vii viii ix x xi xii"
)
_ORDINALS = _words("first second third fourth fifth sixth seventh eighth ninth tenth")
_NUMBER_WORD = re.compile(r"\d+")
_ORDINAL_WORD = re.compile(r"\d+(?:st|nd|rd|th)")
# Words that say a project goes on, grows or starts again, and the kinds of thing a
# project is: a rename adds them ("… Platform", "… Pilot Expansion") and they tell two
# projects apart no better than "the". ("up" goes after "scale", "next" before a marker.)
_RENAME_WORDS = _words(
    "phase stage edition version generation pilot scaling scale scaled expansion "
    "expanded extension extended continued continuation relaunch relaunched reloaded "
    "renewed plus upgrade upgraded "
    "platform platforms project projects programme programmes program programs "
    "initiative initiatives app apps application applications portal system systems "
    "service services solution solutions tool tools toolkit hub website "
    "a an the for of and in on to with by at from"
)
_ROMAN = _words("ii iii iv vi vii viii ix xi xii")  # not i, v, x: words too
_SCALE = _words("scale scaling scaled")
_DROPPED = _MARKERS | _RENAME_WORDS | _ROMAN | {"up", "next"}  # a word that may go
_DIGIT = re.compile(r"\d")


def _numbering(word: str) -> bool:
    """A word that numbers what comes before it: 2, ii, three."""
    return word in _NUMBERS or _NUMBER_WORD.fullmatch(word) is not None


def _ordinal(word: str) -> bool:
    return word in _ORDINALS or _ORDINAL_WORD.fullmatch(word) is not None


def title_core(title: str, folded: str | None = None) -> tuple[str, ...]:
    """The words of a title that a rename keeps: folded, without edition, version and
    phase words, the words for a kind of thing ("platform") and small words. A title
    made of those words only is its own core. `folded`: fold(title), when known."""
    if _DIGIT.search(title) is None:  # (most titles hold no number)
        words = (fold(title) if folded is None else folded).split()
        if _DROPPED.isdisjoint(words):
            return tuple(words)
    else:
        text = unicodedata.normalize("NFKC", title) if not title.isascii() else title
        words = fold(_YEAR.sub(" ", _VERSION.sub(" ", text))).split()
    keep = [True] * len(words)
    last = len(words) - 1
    for i, word in enumerate(words):
        after = words[i + 1] if i < last else ""
        before = words[i - 1] if i else ""
        if word in _MARKERS:
            numbered = _numbering(after)
            if numbered or _ordinal(before) or word in _RENAME_WORDS:
                keep[i] = False
                if numbered:
                    keep[i + 1] = False
                if _ordinal(before):
                    keep[i - 1] = False
        elif (
            word in _RENAME_WORDS
            or word in _ROMAN
            or (word == "up" and before in _SCALE)
            or (word == "next" and after in _MARKERS)
        ):
            keep[i] = False
    core = tuple(w for w, kept in zip(words, keep, strict=True) if kept)
    return core or tuple(fold(title).split())


def _core_words(title: str) -> str:
    """The core as WinnerIndex compares it: its words sorted, so that order is no change."""
    return " ".join(sorted(title_core(title)))


def _core_similarity(a: Sequence[str], b: Sequence[str]) -> int:
    """Percent, rounded down, 100 only for the same words: the cores' sorted words."""
    key_a, key_b = "".join(sorted(a)), "".join(sorted(b))
    if key_a == key_b:
        return 100
    return min(99, int(fuzz.ratio(key_a, key_b)))


def _contained(a: Iterable[str], b: Iterable[str]) -> bool:
    """Every word of the shorter core in the longer, enough of them to say something:
    two words or more, eight letters or more."""
    first, second = set(a), set(b)
    short, long = (first, second) if len(first) <= len(second) else (second, first)
    return 2 <= len(short) < len(long) and sum(len(w) for w in short) >= 8 and short <= long


@dataclass(frozen=True)
class TitleMatch:
    winner: PastWinner
    similarity: int  # percent, rounded down: 100 only when the folded titles are equal
    position: int = 0  # the winner's, among those the index was given


class WinnerIndex:
    """The past winners, indexed for matching many titles quickly.

    Keys one of which any small variation of a title keeps: its first and its last letters
    (one edit changes at most one end of a title of 11 letters or more) and its words (an
    edit changes at most one word of several). Titles of 12 letters or fewer are also
    compared with every winner of 12 letters or fewer (a handful).

    `words` gives the words of a title that are compared (the folded title; the title core
    for the core index), in the order compared.
    """

    def __init__(self, winners: Iterable[PastWinner], words: Callable[[str], str] = fold) -> None:
        self._words_of = words
        self.winners: list[PastWinner] = []
        self._positions: list[int] = []
        self._keys: list[str] = []
        self._numbers: list[list[str]] = []  # the numbers in each title, in order
        self._exact: dict[str, list[int]] = {}
        self._first: dict[str, list[int]] = {}
        self._last: dict[str, list[int]] = {}
        self._words: dict[str, list[int]] = {}
        self._short: list[int] = []
        for position, winner in enumerate(winners):
            folded = words(winner.title)
            key = folded.replace(" ", "")
            if not key:
                continue
            number = len(self.winners)
            self.winners.append(winner)
            self._positions.append(position)
            self._keys.append(key)
            self._numbers.append(_NUMBER.findall(key))
            self._exact.setdefault(key, []).append(number)
            if len(key) <= _SHORT:
                self._short.append(number)
            self._first.setdefault(key[:_END], []).append(number)
            self._last.setdefault(key[-_END:], []).append(number)
            for word in set(folded.split()):
                if len(word) >= 3:
                    self._words.setdefault(word, []).append(number)
        for word, numbers in list(self._words.items()):
            if len(numbers) > _MAX_WINNERS_PER_WORD:
                del self._words[word]

    def __len__(self) -> int:
        return len(self.winners)

    def matches(self, title: str) -> list[TitleMatch]:
        """The winners whose title matches this one, most similar first."""
        return self.match_all([title]).get(0, [])

    def match_all(self, titles: Sequence[str]) -> dict[int, list[TitleMatch]]:
        """For each title that matches (by its position), the winners, most similar first."""
        return self.match_words([self._words_of(title) for title in titles])

    def match_words(self, texts: Sequence[str]) -> dict[int, list[TitleMatch]]:
        """match_all for titles given as the words the index compares (`words` applied).

        Titles are first grouped by key; then each winner is compared with all the titles
        that share one of its keys in one call to rapidfuzz (a loop in C++, not one Python
        call per pair: 5x faster at 100k titles).
        """
        keys: list[str] = []
        found: dict[int, dict[int, int]] = {}  # title -> winner -> similarity
        groups: list[dict[str, list[int]]] = [{}, {}, {}]  # first, last, word -> titles
        first_index, last_index, word_index = self._first, self._last, self._words
        first_groups, last_groups, word_groups = groups
        short: list[int] = []
        for position, folded in enumerate(texts):
            key = folded.replace(" ", "")
            keys.append(key)
            if not key:
                continue
            exact = self._exact.get(key)
            if exact is not None:
                found[position] = dict.fromkeys(exact, 100)
            if len(key) <= _SHORT:
                short.append(position)
            first, last = key[:_END], key[-_END:]
            if first in first_index:
                first_groups.setdefault(first, []).append(position)
            if last in last_index:
                last_groups.setdefault(last, []).append(position)
            for word in word_index.keys() & folded.split():
                word_groups.setdefault(word, []).append(position)
        pairs = [(self._short, short)] if short and self._short else []
        for index, grouped in zip((first_index, last_index, word_index), groups, strict=True):
            pairs.extend((index[block], positions) for block, positions in grouped.items())
        for winners, positions in pairs:
            choices = [keys[p] for p in positions]
            for number in winners:
                hits = process.extract(
                    self._keys[number],
                    choices,
                    scorer=fuzz.ratio,
                    processor=None,
                    score_cutoff=MIN_SIMILARITY,
                    limit=None,
                )
                for _, score, at in hits:
                    position = positions[at]
                    scores = found.setdefault(position, {})
                    # "Skills Code 2018" is not "Skills Code 2019": numbers must agree.
                    if number in scores or _NUMBER.findall(keys[position]) != self._numbers[number]:
                        continue
                    # Rounded down, never 100 unless equal: "96%" must not hide a difference.
                    scores[number] = min(99, int(score))
        out: dict[int, list[TitleMatch]] = {}
        for position, scores in sorted(found.items()):
            if scores:
                ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
                out[position] = [
                    TitleMatch(self.winners[n], score, self._positions[n]) for n, score in ordered
                ]
        return out


# --- the texts ----------------------------------------------------------------------------

# Common English words: they say nothing of which project a text tells.
_STOP = _words(
    "the and for with that this from have has had are was were been being its their "
    "they them than then there these those which who whom whose what when where while "
    "will would can could should may might must shall into onto over under about after "
    "before between through during each every all any some more most other such only "
    "own same very also just not nor but yet our ours your yours his her hers him she "
    "one two three four five six seven eight nine ten per via out off upon within "
    "without across since until both either neither many much few several"
)
_TERM = re.compile(r"[^\W\d_]{3,}")
_ASCII_TERM = re.compile(r"[a-z]{3,}")  # the same for ASCII text, twice as fast
# The combining diacritics of Latin, Greek and Cyrillic letters (after NFKD): one
# regular expression in C, where fold's loop over every character took a second per 50k
# summaries.
_DIACRITICS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _words_of_text(text: str) -> list[str]:
    """A long text's words of three letters or more, lower case, without accents."""
    if text.isascii():
        return _ASCII_TERM.findall(text.lower())
    plain = _DIACRITICS.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return (_ASCII_TERM if plain.isascii() else _TERM).findall(plain)


# English endings dropped from a word (the longest that leaves four letters or more), so
# that a reworded text's "insured growers" meets "insures grower": a crude stemmer, enough
# for a similarity (a wrong merge costs little: common stems weigh little).
_ENDINGS: tuple[str, ...] = (
    *("ingly", "ically", "ations", "ation", "ings", "ing", "ers", "ies", "ied", "ed"),
    *("er", "es", "ly", "al", "s", "e", "y"),
)


def _term(word: str) -> str | None:
    """A word of a text as the comparison counts it: None for a common English word, its
    stem otherwise ("insured", "insures" and "insure" are "insur")."""
    if word in _STOP:
        return None
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def text_terms(text: str) -> list[str]:
    """The words of a text that the comparison counts: folded, letters only, three or
    more of them, common English words left out, English endings dropped."""
    terms = (_term(word) for word in _words_of_text(text))
    return [term for term in terms if term is not None]


class TextIndex:
    """The winners' texts as TF-IDF vectors (sublinear term frequency, IDF from the
    winners' texts, unit length), compared with a batch of texts in one sparse product.

    Each text is read by one regular expression; its words become numbers through a
    dictionary that remembers every word seen (texts repeat their words), and the
    counting, weighting and norms are numpy's: a few seconds for 100k summaries, where
    a Counter and a dictionary of weights per text took 20."""

    def __init__(self, winners: Sequence[PastWinner]) -> None:
        import numpy as np

        self.positions = [i for i, w in enumerate(winners) if w.text.strip()]
        self._lock = threading.Lock()
        self._numbers: dict[str, int] = {}  # a term -> its number (the winners' first)
        self._word_numbers: dict[str, int] = {}  # a word as read -> its term's, -1: none
        count = len(self.positions)
        rows, terms, width = self._read([winners[i].text for i in self.positions])
        self.vocabulary = len(self._numbers)  # the terms of the winners' texts: columns
        pairs = np.unique(rows * width + terms)
        frequency = np.bincount(pairs % width, minlength=self.vocabulary)
        # log((N + 1) / df): a word every winner's text holds ("project", "launch") weighs
        # next to nothing (1/N), and a list of one text still has weights (log 2).
        self._idf = np.log((1 + count) / np.maximum(frequency, 1))
        self._unseen_idf = float(np.log(1 + count))  # a word no winner's text holds: df 1
        # Dense and transposed (terms x winners: a few MB for a few hundred texts), so that
        # a batch's sparse vectors multiply it in one pass, twice as fast as sparse x sparse.
        self._matrix: Any = None
        if count:
            self._matrix = self._vectors(count, rows, terms, width).T.toarray()

    def __len__(self) -> int:
        return len(self.positions)

    def _read(self, texts: Sequence[str]) -> tuple[Any, Any, int]:
        """(text number, term number) of every counted word of the texts, as arrays, and
        how many terms there are (the width of a (text, term) pair's number)."""
        import numpy as np

        known, numbers = self._word_numbers, self._numbers
        lengths: list[int] = []
        found: list[int] = []
        number_of = known.__getitem__
        with self._lock:  # (the index is shared by the runs of a process: one at a time)
            for text in texts:
                words = _words_of_text(text)
                for word in set(words).difference(known):
                    term = _term(word)  # (a word seen for the first time)
                    known[word] = -1 if term is None else numbers.setdefault(term, len(numbers))
                found.extend(map(number_of, words))
                lengths.append(len(words))
            width = max(len(numbers), 1)
        rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        terms = np.asarray(found, dtype=np.int64)
        counted = terms >= 0
        return rows[counted], terms[counted], width

    def _vectors(self, count: int, rows: Any, terms: Any, width: int) -> Any:
        """The texts' unit TF-IDF vectors over the winners' terms, as a sparse matrix."""
        import numpy as np
        from scipy import sparse  # (loaded only for a list with texts)

        pairs, counts = np.unique(rows * width + terms, return_counts=True)
        rows, terms = pairs // width, pairs % width
        seen = terms < self.vocabulary
        idf = np.full(len(terms), self._unseen_idf)
        idf[seen] = self._idf[terms[seen]]
        weights = (1 + np.log(counts)) * idf
        norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=count))
        norms[norms == 0] = 1.0
        values = weights / norms[rows]
        # (a word no winner's text holds adds to its text's norm only)
        return sparse.csr_matrix(
            (values[seen], (rows[seen], terms[seen])), shape=(count, self.vocabulary)
        )

    def similarities(self, texts: Sequence[str]) -> Any:
        """Percent (0-100, rounded down) for each text (rows) and each winner with a text
        (columns, in `positions` order): a numpy array of integers."""
        import numpy as np

        if self._matrix is None:
            return np.zeros((len(texts), 0), dtype=np.int64)
        vectors = self._vectors(len(texts), *self._read(texts))
        cosine = np.asarray(vectors @ self._matrix)
        return np.floor(np.clip(cosine, 0.0, 1.0) * 100 + 1e-9).astype(np.int64)


def _submission_text(record: RuleInput) -> str:
    """What is compared with a winner's text: the summary, or the other texts without one."""
    if record.summary.strip():
        return record.summary
    return " ".join((record.sdg_linkage, record.impact, record.partnerships, record.challenges))


# --- the verdict ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """What one submission and one winner have in common, each part scored."""

    winner: int  # position in the list
    same_organisation: bool
    title: int  # percent, the folded titles
    title_numbers_agree: bool
    core: int  # percent, the cores' words in any order
    core_numbers_agree: bool
    contained: bool  # every word of one core in the other
    distinctive: bool  # the winner's core has a word few winners' cores share
    text: int | None  # percent; None when not compared (no text on either side)

    @property
    def title_match(self) -> bool:
        return (self.title >= MIN_SIMILARITY and self.title_numbers_agree) or (
            self.core >= MIN_SIMILARITY and self.core_numbers_agree
        )

    @property
    def matched(self) -> tuple[str, ...]:
        """The kinds of evidence that matched, as the finding's `matched` lists them."""
        found = ["organisation"] if self.same_organisation else []
        if self.title >= MIN_SIMILARITY and self.title_numbers_agree:
            found.append("title")
        if self.core >= MIN_SIMILARITY and self.core_numbers_agree:
            found.append("title-core")
        elif self.contained and self.core_numbers_agree:
            found.append("title-words")
        if self.text is not None and self.text >= TEXT_SOME:
            found.append("text")
        return tuple(found)

    def severity(self) -> Severity | None:
        """The rule's verdict on this pair (the table in the module's documentation)."""
        strong_text = self.text is not None and self.text >= TEXT_STRONG
        some_text = self.text is not None and self.text >= TEXT_SOME
        words = self.contained and self.core_numbers_agree and self.distinctive
        if (self.title_match and self.distinctive) or strong_text or (words and some_text):
            return INELIGIBLE if self.same_organisation else WARNING
        if self.same_organisation and (words or self.title_match):
            return WARNING
        return None

    def rank(self) -> tuple[int, int, int, int, int]:
        """Higher is the better match of a submission among its winners."""
        strength = {INELIGIBLE: 2, WARNING: 1, None: 0}[self.severity()]
        return (
            strength,
            int(self.same_organisation),
            max(self.title, self.core),
            self.text or 0,
            -self.winner,
        )


class _Winners:
    """The list, indexed once per batch of submissions (a few hundred winners: cheap)."""

    def __init__(self, winners: Sequence[PastWinner]) -> None:
        self.winners = winners
        self.titles = WinnerIndex(winners)
        self.cores = WinnerIndex(winners, words=_core_words)
        self.core_of = [title_core(w.title) for w in winners]
        self.core_sets = [set(core) for core in self.core_of]
        self.key_of = [title_key(w.title) for w in winners]
        shared = Counter(word for core in self.core_of for word in set(core))
        # A core that names one project: a word of four letters or more that few winners'
        # cores hold, and two words or more, or one long one ("lifeclinic", not "trade").
        self.distinctive = [
            any(len(w) >= 4 and shared[w] <= _MAX_WINNERS_PER_WORD for w in core)
            and (len(core) >= 2 or len(core[0]) >= 8)
            for core in self.core_of
        ]
        # Core words few winners share -> the winners, for the contained-words match.
        self.by_word: dict[str, list[int]] = {}
        for number, core in enumerate(self.core_of):
            for word in set(core):
                if shared[word] <= _MAX_WINNERS_PER_WORD and len(word) >= 3:
                    self.by_word.setdefault(word, []).append(number)
        self.texts = TextIndex(winners)

    def evidence(self, records: Sequence[RuleInput]) -> dict[int, list[Evidence]]:
        """For each submission (by position) with anything in common with a winner, the
        evidence for each such winner."""
        folded = [fold(r.title) for r in records]
        cores = [title_core(r.title, f) for r, f in zip(records, folded, strict=True)]
        pairs: dict[int, set[int]] = {}
        for found in (
            self.titles.match_words(folded),
            self.cores.match_words([" ".join(sorted(core)) for core in cores]),
        ):
            for position, matches in found.items():
                pairs.setdefault(position, set()).update(m.position for m in matches)
        by_word, core_sets = self.by_word, self.core_sets
        for position, core in enumerate(cores):
            shared = by_word.keys() & core
            if not shared or len(core) < 2:
                continue  # (a contained core has two words or more, on either side)
            words = set(core)
            for word in shared:
                for number in by_word[word]:
                    if len(words) != len(core_sets[number]) and _contained(
                        words, core_sets[number]
                    ):
                        pairs.setdefault(position, set()).add(number)
        text_scores = None
        if len(self.texts):
            import numpy as np

            texts = [_submission_text(r) for r in records]
            # In slices: the scores are a dense array (slice x winners with a text).
            text_scores = np.concatenate(
                [
                    self.texts.similarities(texts[start : start + _TEXT_SLICE])
                    for start in range(0, len(texts), _TEXT_SLICE)
                ]
            )
            columns = self.texts.positions
            for position, column in zip(*(text_scores >= TEXT_STRONG).nonzero(), strict=True):
                pairs.setdefault(int(position), set()).add(columns[int(column)])
        text_column = {number: column for column, number in enumerate(self.texts.positions)}
        out: dict[int, list[Evidence]] = {}
        for position, numbers in sorted(pairs.items()):
            record = records[position]
            key = title_key(record.title)
            core = cores[position]
            evidence: list[Evidence] = []
            for number in sorted(numbers):
                winner = self.winners[number]
                column = text_column.get(number)
                text = None
                if text_scores is not None and column is not None and record_has_text(record):
                    text = int(text_scores[position, column])
                evidence.append(
                    Evidence(
                        winner=number,
                        same_organisation=same_organisation(
                            record.organisation, winner.organisation
                        ),
                        title=_title_similarity(key, self.key_of[number]),
                        title_numbers_agree=_NUMBER.findall(key)
                        == _NUMBER.findall(self.key_of[number]),
                        core=_core_similarity(core, self.core_of[number]),
                        core_numbers_agree=_numbers(core) == _numbers(self.core_of[number]),
                        contained=_contained(core, self.core_of[number]),
                        distinctive=self.distinctive[number],
                        text=text,
                    )
                )
            out[position] = evidence
        return out


@lru_cache(maxsize=2)
def _index(winners: tuple[PastWinner, ...]) -> _Winners:
    """The list indexed once for every batch of a run (the checks call the rule batch by
    batch: indexing 400 winners' texts again each time cost a third of the run)."""
    return _Winners(winners)


def record_has_text(record: RuleInput) -> bool:
    return bool(_submission_text(record).strip())


def _title_similarity(a: str, b: str) -> int:
    if a == b:
        return 100
    return min(99, int(fuzz.ratio(a, b)))  # rounded down: "96%" must not hide a difference


def _numbers(core: Sequence[str]) -> list[str]:
    return sorted(n for word in core for n in _NUMBER.findall(word))


def check(edition: Edition, inputs: Iterable[RuleInput], context: RuleContext) -> list[Finding]:
    if edition.rules.previous_winners_eligible:
        return []
    # Winners of this edition or a later one are not "earlier" winners.
    winners = [w for w in context.past_winners if w.edition_year < edition.year]
    if not winners:
        return []
    records = list(inputs)
    index = _index(tuple(winners))
    findings: list[Finding] = []
    for position, found in index.evidence(records).items():
        judged = [(e, severity) for e in found if (severity := e.severity()) is not None]
        if not judged:
            continue
        best, severity = max(judged, key=lambda item: item[0].rank())
        findings.append(_finding(records[position], winners[best.winner], best, severity))
    return findings


def _finding(
    record: RuleInput, winner: PastWinner, evidence: Evidence, severity: Severity
) -> Finding:
    params: dict[str, Any] = {
        "winner_title": winner.title,
        "winner_organisation": winner.organisation,
        "winner_edition": winner.edition_year,
        "organisation": record.organisation,
        "title_similarity": evidence.title,
        "core_similarity": evidence.core,
        "core": " ".join(title_core(record.title)),
        "winner_core": " ".join(title_core(winner.title)),
        "matched": list(evidence.matched),
    }
    if evidence.text is not None:
        params["text_similarity"] = evidence.text
    if evidence.same_organisation:
        template = TEMPLATE_SAME if evidence.text is None else TEMPLATE_SAME_TEXT
    else:
        template = TEMPLATE_OTHER if evidence.text is None else TEMPLATE_OTHER_TEXT
    return Finding(RULE_ID, severity, record.submission_id, template, params, REFERENCE)
