"""Rule 11: winners of earlier WSIS Prizes are not eligible.

A submission is matched to the imported list of past winners by its title, compared as a
person would: case, spacing, punctuation, diacritics and Unicode forms (NFKC) do not
count, and small variations (a typo, a swapped letter, a word run together) still match.
Numbers must agree exactly: "Skills Code 2018" is not the winner "Skills Code 2019".
"Small" is a similarity of at least MIN_SIMILARITY percent between the two titles with
all of that removed (rapidfuzz's ratio: 100 * (1 - insertions and deletions / length of
both)); a swapped letter in a 13-letter title gives 92%.

The organisation decides the severity. The 2020 rules let anyone submit a project, so the
same title from another organisation may well be the same project (ineligible), or a
different project with a common name: a title match from the winner's organisation is
*ineligible*; from another organisation a *warning* that names both, for a chair to judge.

Speed: the winners are indexed by their exact folded title and by cheap keys (the first
and last five letters, each word of three letters or more that few winners share); a
submission's title is only compared with the winners that share one of its keys. A
variation that changes both ends of the title and each of its rarer words is not
"small". 100k submissions against a few hundred winners take about a second.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
)

RULE_ID = "past-winner"
REFERENCE = "2020 rule 11"
MIN_SIMILARITY = 90  # percent, on folded titles

TEMPLATE = (
    'The title matches the {winner_edition} winner "{winner_title}" by '
    "{winner_organisation} (similarity {similarity}%)"
)
TEMPLATE_OTHER_ORGANISATION = (
    TEMPLATE + ", but this submission is by {organisation}: check whether it is the same project"
)

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


def title_key(title: str) -> str:
    """A title's folded form without spaces: "Village Cloud" and "VillageCloud" agree."""
    return fold(title).replace(" ", "")


@dataclass(frozen=True)
class TitleMatch:
    winner: PastWinner
    similarity: int  # percent, rounded down: 100 only when the folded titles are equal


class WinnerIndex:
    """The past winners, indexed for matching many titles quickly.

    Keys one of which any small variation of a title keeps: its first and its last letters
    (one edit changes at most one end of a title of 11 letters or more) and its words (an
    edit changes at most one word of several). Titles of 12 letters or fewer are also
    compared with every winner of 12 letters or fewer (a handful).
    """

    def __init__(self, winners: Iterable[PastWinner]) -> None:
        self.winners: list[PastWinner] = []
        self._keys: list[str] = []
        self._numbers: list[list[str]] = []  # the numbers in each title, in order
        self._exact: dict[str, list[int]] = {}
        self._first: dict[str, list[int]] = {}
        self._last: dict[str, list[int]] = {}
        self._words: dict[str, list[int]] = {}
        self._short: list[int] = []
        for winner in winners:
            folded = fold(winner.title)
            key = folded.replace(" ", "")
            if not key:
                continue
            number = len(self.winners)
            self.winners.append(winner)
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
        """For each title that matches (by its position), the winners, most similar first.

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
        for position, title in enumerate(titles):
            folded = fold(title)
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
                out[position] = [TitleMatch(self.winners[n], score) for n, score in ordered]
        return out


def check(edition: Edition, inputs: Iterable[RuleInput], context: RuleContext) -> list[Finding]:
    if edition.rules.previous_winners_eligible:
        return []
    # Winners of this edition or a later one are not "earlier" winners.
    index = WinnerIndex(w for w in context.past_winners if w.edition_year < edition.year)
    if not len(index):
        return []
    records = list(inputs)
    findings: list[Finding] = []
    for position, found in index.match_all([r.title for r in records]).items():
        record = records[position]
        same = [m for m in found if same_organisation(record.organisation, m.winner.organisation)]
        best = same[0] if same else found[0]
        params = {
            "winner_title": best.winner.title,
            "winner_organisation": best.winner.organisation,
            "winner_edition": best.winner.edition_year,
            "similarity": best.similarity,
        }
        if same:
            findings.append(
                Finding(RULE_ID, INELIGIBLE, record.submission_id, TEMPLATE, params, REFERENCE)
            )
        else:
            params["organisation"] = record.organisation
            findings.append(
                Finding(
                    RULE_ID,
                    WARNING,
                    record.submission_id,
                    TEMPLATE_OTHER_ORGANISATION,
                    params,
                    REFERENCE,
                )
            )
    return findings
