"""Demo final-round scores: every expert of a category scores every finalist.

The same model as the nomination round's demo panel (panel_app.demo.panel), in scale units
(0 = a criterion's minimum, 1 its maximum): value = the project's quality + the expert's
offset + noise, mapped to the scale, rounded half up and clipped. The quality is what the
nomination round gave the project (its mean composite, 0-1), so the finalists keep roughly
their order and the experts mostly, not entirely, agree: Kendall's W has something to show.
Most experts add a comment (a final round is argued), in words that match their scores;
the comments come from a random stream of their own, so the scores stay what they were.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence

from panel_app.edition import Criterion

EXPERT_SD = 0.06  # each expert's own leniency or severity
NOISE_SD = 0.12  # per score
DEFAULT_QUALITY = 0.6  # a finalist without a nomination score
RATE_COMMENT = 0.7  # final-round reviews with a comment

_COMMENTS_HIGH = (
    "The strongest of these finalists: results measured over three years, and the model "
    "is already copied in two other regions.",
    "Convincing impact on the ground; the partnership with the local authorities makes it last.",
    "My first choice: clear evidence, open data, and the community runs it.",
    "Excellent documentation of results.\nScale: national, with a plan for the region.",
)
_COMMENTS_MIDDLE = (
    "Good project, but the evidence of impact is mostly self-reported.",
    "Replicable in principle; the funding after the pilot is not secured.",
    "Strong on the SDGs, weaker on the WSIS values.",
    "Solid, though smaller in scale than the other finalists.",
)
_COMMENTS_LOW = (
    "The weakest of the finalists in my view: few figures on results.",
    "The public vote shows its reach, not its impact.",
    "Promising, but too early to judge; I would not rank it first.",
)


def final_round_scores(
    criteria: Sequence[Criterion],
    pairs: Sequence[tuple[str, str]],
    quality: Mapping[str, float],
    seed: int,
) -> dict[tuple[str, str], dict[str, int]]:
    """(expert code, submission ID) -> criterion key -> score, for every pair given."""
    rng = random.Random(f"wsis-demo-final:{seed}")
    experts = sorted({code for code, _ in pairs})
    offsets = {code: rng.gauss(0.0, EXPERT_SD) for code in experts}
    scores: dict[tuple[str, str], dict[str, int]] = {}
    for code, sid in sorted(pairs):
        base = quality.get(sid, DEFAULT_QUALITY) + offsets[code]
        sheet = {}
        for criterion in criteria:
            low, high = criterion.scale.minimum, criterion.scale.maximum
            value = math.floor(low + (base + rng.gauss(0.0, NOISE_SD)) * (high - low) + 0.5)
            sheet[criterion.key] = min(high, max(low, value))
        scores[code, sid] = sheet
    return scores


def final_round_comments(
    criteria: Sequence[Criterion],
    sheets: Mapping[tuple[str, str], Mapping[str, int]],
    seed: int,
) -> dict[tuple[str, str], str]:
    """(expert code, submission ID) -> a comment in words that match the scores, for most
    of the sheets given (a random stream of its own: the scores do not move)."""
    rng = random.Random(f"wsis-demo-final-comments:{seed}")
    bounds = {c.key: (c.scale.minimum, c.scale.maximum) for c in criteria}
    comments = {}
    for pair in sorted(sheets):
        if rng.random() >= RATE_COMMENT:
            continue
        fractions = [
            (value - bounds[key][0]) / max(1, bounds[key][1] - bounds[key][0])
            for key, value in sheets[pair].items()
            if key in bounds
        ]
        level = sum(fractions) / len(fractions) if fractions else 0.5
        pool = (
            _COMMENTS_HIGH if level >= 0.7 else _COMMENTS_LOW if level < 0.45 else _COMMENTS_MIDDLE
        )
        comments[pair] = rng.choice(pool)
    return comments
