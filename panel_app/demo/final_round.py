"""Demo final-round scores: every expert of a category scores every finalist.

The same model as the nomination round's demo panel (panel_app.demo.panel), in scale units
(0 = a criterion's minimum, 1 its maximum): value = the project's quality + the expert's
offset + noise, mapped to the scale, rounded half up and clipped. The quality is what the
nomination round gave the project (its mean composite, 0-1), so the finalists keep roughly
their order and the experts mostly, not entirely, agree: Kendall's W has something to show.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence

from panel_app.edition import Criterion

EXPERT_SD = 0.06  # each expert's own leniency or severity
NOISE_SD = 0.12  # per score
DEFAULT_QUALITY = 0.6  # a finalist without a nomination score


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
