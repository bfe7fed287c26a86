"""Rule 4: the same project may not be submitted twice.

Two submissions are the same project when most of their text is the same, whatever their
titles, organisations and categories. All five long fields count (summary, SDG linkage,
impact, partnerships, challenges): projects of one programme family share near-identical
summaries and are still different projects, while a resubmission repeats every answer.

What "the same text" means: the texts are cut into overlapping pieces, one at every word
(from the word's first letter, the next `PIECE` bytes, so three or four words; ASCII case
and punctuation ignored; in Chinese, which has no spaces, one at every character), and the
share of distinct pieces the two texts have in common (the Jaccard similarity of the two
sets) is the figure reported: "92% of the projects' text is shared".

Threshold, 80%, measured on the demo sets: resubmissions with light edits (sentences
swapped, a few words changed, another organisation named) share 89-93%; different projects
share under 25% (the demo's texts come from small sentence pools, so far more than real
projects' texts), programme twins with one summary 15-25%. 80% leaves room for heavier
edits while keeping the search below cheap (see 3.).

Scaling: no pair of submissions is compared unless it is a candidate.
  1. Pieces -> 64-bit hashes, vectorised with numpy over batches of texts (bytes, not
     Python strings; fixed constants, so the same hashes in every run and process).
  2. One-permutation MinHash (Li, Owen & Zhang 2012): each hash falls in one of `BINS`
     bins by its top bits, the signature keeps each bin's smallest value; empty bins are
     filled from the next bin (densification, Shrivastava & Li 2014).
  3. LSH banding: `BANDS` bands of `ROWS` bins; two submissions identical on a band are
     candidates. At similarity s the chance of being one is 1 - (1 - s^ROWS)^BANDS:
     99.97% at 80%, 99.99996% at 85%, 0.02% at 25% (where unrelated demo pairs lie).
  4. A candidate pair whose signatures agree on fewer than `THRESHOLD - MARGIN` of the
     bins is dropped (the estimate's error is about 2 points); the rest get the exact
     similarity, from the two texts' full sets of pieces.
Memory: the signatures (BINS x 2 bytes per submission: 100 MB at 100k) and one batch.

Severity: a warning on the pair. Which submission stands (usually the first) is the chair's
call, and a shared text is evidence for a person to read, not a proof.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from panel_app.edition import Edition
from panel_app.rules.entities import id_order, sort_pairs
from panel_app.rules.model import WARNING, Finding, RuleInput

RULE_ID = "duplicate-project"
REFERENCE = "2020 rule 4"

TEMPLATE = (
    "Submissions {submission_id} ('{title}') and {related_submission_id} "
    "('{related_title}') look like the same project: {percent}% of the projects' text is "
    "shared; the same project may not be submitted twice"
)

FIELDS = ("summary", "sdg_linkage", "impact", "partnerships", "challenges")
THRESHOLD = 0.80
PIECE = 24  # bytes from a word's start: three words or so
BINS = 512
ROWS = 9
BANDS = 56  # ROWS * BANDS <= BINS
MARGIN = 0.10  # how far below THRESHOLD a signature's estimate still gets the exact check
MIN_PIECES = 20  # distinct pieces: less text says nothing about being the same project
# ("N/A" five times, or one word repeated, is no project to compare)
BATCH = 64  # texts hashed at once: small enough for the processor's cache (measured)
PAIRS_AT_ONCE = 32768  # candidate pairs whose signatures are compared at once (32 MB)

U64 = npt.NDArray[np.uint64]
U16 = npt.NDArray[np.uint16]
I64 = npt.NDArray[np.int64]

_EMPTY = np.uint16(0xFFFF)
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F))


_SHIFTS = (np.uint64(30), np.uint64(27), np.uint64(31))
_MULTIPLIERS = (np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))


def _splitmix64(x: U64) -> U64:
    """A strong 64-bit mixer (the SplitMix64 finaliser), in place (no temporary arrays
    but one: a tenth of the hashing's time); wraps modulo 2**64."""
    x += _MIX[0]
    shifted = x >> _SHIFTS[0]
    x ^= shifted
    x *= _MULTIPLIERS[0]
    np.right_shift(x, _SHIFTS[1], out=shifted)
    x ^= shifted
    x *= _MULTIPLIERS[1]
    np.right_shift(x, _SHIFTS[2], out=shifted)
    x ^= shifted
    return x


def _byte_classes() -> bytes:
    """A bytes.translate table (a C loop, ten times numpy's take): ASCII letters and
    digits lower-cased, bytes of non-ASCII characters kept, the gap byte kept, anything
    else (spaces, punctuation, controls) 0."""
    table = bytearray(256)
    for byte in range(256):
        if byte >= 0x80 or chr(byte).isalnum():
            table[byte] = ord(chr(byte).lower()) if byte < 0x80 else byte
    table[_GAP_BYTE] = _GAP_BYTE
    return bytes(table)


# Between texts and after the last: a piece stops there, never reaching the next text
# (so a text's pieces do not depend on its neighbours in a batch). Not in any real text.
_GAP_BYTE = 1
_GAP = b"\n" + bytes([_GAP_BYTE]) * PIECE + b"\n"  # a word of its own
_CLASSES = _byte_classes()
_BIN_BITS = BINS.bit_length() - 1  # BINS is a power of two


def _text(record: RuleInput) -> bytes:
    text = "\n".join(getattr(record, name) or "" for name in FIELDS)
    return text.replace("\x01", "").encode("utf-8")  # the gap byte is ours alone


def _pieces(texts: Sequence[bytes]) -> tuple[U64, I64]:
    """The hash of every piece of these texts, in order, and the index of its text."""
    v = np.frombuffer((_GAP.join(texts) + _GAP).translate(_CLASSES), dtype=np.uint8)
    # Each run of separators becomes one 0 byte: "a,  b" and "a b" read alike.
    word = v != 0
    keep = word.copy()
    keep[1:] |= word[:-1]
    v = v[keep]
    word = v != 0
    start = np.empty_like(word)
    start[0] = word[0]
    np.greater(word[1:], word[:-1], out=start[1:])  # a word byte after a separator
    # CJK (U+3040-U+9FFF: lead bytes E3-E9, not CJK punctuation E3 80 xx): every character
    cjk = np.flatnonzero(v >= 0xE3)  # few: one pass to find them, then the finer test
    if cjk.size:
        lead, follow = v[cjk], v[cjk + 1]
        start[cjk[(lead <= 0xE9) & ((lead != 0xE3) | (follow != 0x80))]] = True
    at = np.flatnonzero(start)
    # Every text (never empty: its fields are joined by line breaks) ends at one gap.
    is_gap = v[at] == _GAP_BYTE
    per_text = np.diff(np.flatnonzero(is_gap), prepend=-1) - 1
    at = at[~is_gap]
    # A piece: the PIECE bytes from its start (one row copy each), as three 64-bit words.
    windows = np.lib.stride_tricks.as_strided(v, (v.size - PIECE + 1, PIECE), (1, 1))
    block = windows[at].view("<u8")
    mixed = block[:, 0] * _MIX[0]
    mixed += block[:, 1] * _MIX[1]
    mixed += block[:, 2]
    return _splitmix64(mixed), np.repeat(np.arange(len(texts)), per_text)


def _signatures(texts: Sequence[bytes]) -> tuple[U16, I64]:
    """One-permutation MinHash signatures (len(texts) x BINS), and how many bins each
    text fills: about its number of distinct pieces, up to a few hundred."""
    hashes, text_of = _pieces(texts)
    flat = np.full(len(texts) * BINS, _EMPTY, dtype=np.uint16)
    slot = text_of * BINS + (hashes >> np.uint64(64 - _BIN_BITS)).astype(np.int64)
    np.minimum.at(flat, slot, (hashes & np.uint64(0xFFFF)).astype(np.uint16))
    signature = flat.reshape(len(texts), BINS)
    filled = np.count_nonzero(signature != _EMPTY, axis=1)
    return _densify(signature), filled


def _densify(signature: U16) -> U16:
    """An empty bin takes the next non-empty bin's value (circularly) mixed with the
    distance (Shrivastava & Li 2014), so that short texts still have comparable
    signatures. Empty bins are few and mostly alone: a handful of passes fill them."""
    rows = np.flatnonzero((signature == _EMPTY).any(axis=1))
    part = signature[rows]
    empty = part == _EMPTY
    empty &= ~empty.all(axis=1, keepdims=True)  # no text at all: nothing to fill from
    step = np.uint16(0x9E37)
    shifted = np.empty_like(part)
    while empty.any():
        shifted[:, :-1], shifted[:, -1] = part[:, 1:], part[:, 0]
        shifted += step
        np.copyto(part, shifted, where=empty)
        empty[:, :-1] &= empty[:, 1:].copy()
        empty[:, -1] &= empty[:, 0]
    signature[rows] = part
    return signature


def _band_keys(signature: U16) -> U64:
    """(BANDS x len(signature)): each band's ROWS values hashed into one key."""
    bands = signature[:, : BANDS * ROWS].reshape(len(signature), BANDS, ROWS)
    key = np.zeros((len(signature), BANDS), dtype=np.uint64)
    for row in range(ROWS):
        key ^= bands[:, :, row]
        key *= _MIX[1]
    return np.ascontiguousarray(key.T)


def _candidates(keys: U64, usable: npt.NDArray[np.bool_]) -> I64:
    """Pairs (i, j), i < j, identical on at least one band, as an (n, 2) array."""
    index = np.flatnonzero(usable)
    pairs: list[I64] = [np.empty((0, 2), dtype=np.int64)]
    if index.size < 2:
        return pairs[0]
    for band in keys:
        key = band[index]
        order = np.argsort(key)
        ranked = key[order]
        new_run = np.concatenate(([True], ranked[1:] != ranked[:-1]))
        run_start = np.flatnonzero(new_run)
        size = np.diff(run_start, append=ranked.size)
        twos = run_start[size == 2]
        pairs.append(np.stack((index[order[twos]], index[order[twos + 1]]), axis=1))
        for first, count in zip(run_start[size > 2], size[size > 2], strict=True):
            # rare: three or more alike on this band
            members = index[order[first : first + count]]
            i, j = np.triu_indices(members.size, 1)
            pairs.append(np.stack((members[i], members[j]), axis=1))
    found = np.sort(np.concatenate(pairs), axis=1)
    return np.unique(found, axis=0)


def _piece_sets(texts: Sequence[bytes]) -> list[U64]:
    """Each text's distinct piece hashes, sorted."""
    hashes, text_of = _pieces(texts)
    bounds = np.searchsorted(text_of, np.arange(len(texts) + 1))
    return [np.unique(hashes[bounds[k] : bounds[k + 1]]) for k in range(len(texts))]


def _jaccard(a: U64, b: U64) -> float:
    if a.size == 0 or b.size == 0:
        return 0.0
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / (a.size + b.size - shared)


def similarity(first: RuleInput, second: RuleInput) -> float:
    """The share of two submissions' text they have in common (0..1), exactly."""
    a, b = _piece_sets([_text(first), _text(second)])
    return _jaccard(a, b)


@dataclass(frozen=True)
class Sketch:
    """What the search keeps of a run of submissions: their MinHash signatures
    (n x BINS), band keys (BANDS x n) and bins filled (about their distinct pieces).
    Sketches of consecutive runs, joined, are the sketch of the whole set."""

    signature: U16
    keys: U64
    filled: I64

    @classmethod
    def of(cls, records: Sequence[RuleInput]) -> Sketch:
        n = len(records)
        signature = np.empty((n, BINS), dtype=np.uint16)
        keys = np.empty((BANDS, n), dtype=np.uint64)
        filled = np.zeros(n, dtype=np.int64)
        for start in range(0, n, BATCH):
            end = min(start + BATCH, n)
            batch, filled[start:end] = _signatures([_text(r) for r in records[start:end]])
            signature[start:end] = batch
            keys[:, start:end] = _band_keys(batch)
        return cls(signature, keys, filled)

    @classmethod
    def join(cls, parts: list[Sketch]) -> Sketch:
        """The sketch of consecutive runs, `parts` in order; it empties `parts`, letting
        each go once copied (the whole and one part in memory, not twice the whole)."""
        n = sum(len(p.filled) for p in parts)
        whole = cls(
            np.empty((n, BINS), dtype=np.uint16),
            np.empty((BANDS, n), dtype=np.uint64),
            np.empty(n, dtype=np.int64),
        )
        parts.reverse()
        start = 0
        while parts:
            part = parts.pop()
            end = start + len(part.filled)
            whole.signature[start:end] = part.signature
            whole.keys[:, start:end] = part.keys
            whole.filled[start:end] = part.filled
            start = end
        return whole


def likely_pairs(sketch: Sketch) -> I64:
    """Candidate pairs (indexes into the sketched records, i < j, as an (n, 2) array)
    whose signatures suggest THRESHOLD or more."""
    candidates = _candidates(sketch.keys, sketch.filled >= MIN_PIECES)
    signature = sketch.signature
    likely = [candidates[:0]]
    for start in range(0, len(candidates), PAIRS_AT_ONCE):
        chunk = candidates[start : start + PAIRS_AT_ONCE]
        agree = (signature[chunk[:, 0]] == signature[chunk[:, 1]]).mean(axis=1)
        likely.append(chunk[agree >= THRESHOLD - MARGIN])
    return np.concatenate(likely)


def pair_findings(pairs: I64, fetch: Callable[[list[int]], Sequence[RuleInput]]) -> list[Finding]:
    """The findings of the likely pairs sharing THRESHOLD or more of their text, exactly.
    `fetch` gives the records at some indexes (in that order): only those in a pair are
    read again, so the set's texts need not stay in memory."""
    involved = np.unique(pairs).tolist()
    sets: dict[int, U64] = {}
    records: dict[int, RuleInput] = {}
    for start in range(0, len(involved), BATCH):
        which = involved[start : start + BATCH]
        fetched = fetch(which)
        records.update(zip(which, fetched, strict=True))
        sets.update(zip(which, _piece_sets([_text(r) for r in fetched]), strict=True))
    findings: list[Finding] = []
    for i, j in pairs.tolist():
        shared = _jaccard(sets[i], sets[j])
        if shared < THRESHOLD:
            continue
        first, second = sorted((records[i], records[j]), key=lambda r: id_order(r.submission_id))
        params = {
            "submission_id": first.submission_id,
            "title": first.title.strip(),
            "related_submission_id": second.submission_id,
            "related_title": second.title.strip(),
            "percent": int(shared * 100 + 1e-9),  # rounded down: 79.6% is not 80%
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


def check(edition: Edition, inputs: Iterable[RuleInput]) -> list[Finding]:
    records = list(inputs)
    pairs = likely_pairs(Sketch.of(records))
    return pair_findings(pairs, lambda which: [records[i] for i in which])
