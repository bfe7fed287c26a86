"""Synthetic panels with planted expert leniency, for the scoring tests."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from panel_app.edition import Edition
from panel_app.scoring import ReviewInput


def panel(
    edition: Edition,
    *,
    categories: Sequence[str],
    projects: int,
    experts: int,
    reviews_per_project: int = 3,
    offsets: Sequence[float] | None = None,
    noise: float = 0.5,
    seed: int = 0,
) -> tuple[list[ReviewInput], dict[str, float]]:
    """Reviews of `projects` projects per category by `experts` experts per category.

    Each project has a true quality (criterion-scale units); expert j adds offsets[j] to
    every score it gives, plus noise; scores are rounded and clipped to the scale.
    Returns the reviews and each project's true quality.
    """
    rng = np.random.default_rng(seed)
    planted = np.zeros(experts) if offsets is None else np.asarray(offsets, dtype=float)
    reviews: list[ReviewInput] = []
    quality: dict[str, float] = {}
    keys = [c.key for c in edition.criteria]
    low = edition.criteria[0].scale.minimum
    high = edition.criteria[0].scale.maximum
    for category in categories:
        for p in range(projects):
            project_id = f"{category}-P{p:05d}"
            q = float(rng.uniform(low + 0.5, high - 0.5))
            quality[project_id] = q
            chosen = rng.choice(experts, size=reviews_per_project, replace=False)
            for j in sorted(chosen):
                raw = q + planted[j] + rng.normal(0.0, noise, size=len(keys))
                values = np.clip(np.rint(raw), low, high).astype(int)
                reviews.append(
                    ReviewInput(
                        expert_id=f"{category}-E{j:03d}",
                        project_id=project_id,
                        category_key=category,
                        scores={k: int(v) for k, v in zip(keys, values, strict=True)},
                        confidence="high",
                    )
                )
    return reviews, quality
