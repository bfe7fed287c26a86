"""Every rule over a stream of submissions: batch by batch, on one process or several.

What judges one submission at a time (the per-record rules, the past-winner match, and
the duplicate search's hashing, its costly part) runs on each batch, on worker processes
when asked. Between batches only what the pair rules need of the whole set is kept: each
submission's ID, organisation and category, and its MinHash sketch (1 kB); the texts of
the few submissions in a likely duplicate pair are read again at the end (`fetch`). So
memory does not grow with the set's text, and the findings are the same, in the same
order, whatever the batch size or the number of processes: results are taken in the
order of the batches, and every rule's verdict on a submission depends on it alone.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from panel_app.edition import Edition
from panel_app.rules import (
    completeness,
    completion,
    deadline,
    duplicates,
    entities,
    language,
    past_winners,
    project_information,
    project_photo,
    sdgs,
    summary_length,
)
from panel_app.rules.model import Finding, RuleContext, RuleInput

# The rules that judge each submission alone, in the order their findings are listed.
PER_RECORD = (
    summary_length,
    completeness,
    deadline,
    language,
    sdgs,
    completion,
    project_information,
    project_photo,
)
# Every rule, in the order findings are listed (`run_batches` keeps it).
RULES = (*PER_RECORD, past_winners, entities, duplicates)

BATCH = 1000  # submissions: 12 MB of text in the demo sets, a few hundred ms of work
# Below this many submissions, starting worker processes (a new Python importing numpy
# and the language identifier: ~0.5 s each) costs more than it saves.
PARALLEL_FROM = 5000
MAX_WORKERS = 4  # each holds its batches' text and ~100 MB of libraries

Fetch = Callable[[list[int]], Sequence[RuleInput]]


@dataclass(frozen=True)
class BatchResult:
    """One batch's findings of the per-record rules and the past-winner rule (one list
    per rule, PER_RECORD order then past winners), and its duplicate-search sketch."""

    findings: list[list[Finding]]
    sketch: duplicates.Sketch


def check_batch(edition: Edition, context: RuleContext, batch: Sequence[RuleInput]) -> BatchResult:
    found = [rule.check(edition, batch) for rule in PER_RECORD]
    found.append(past_winners.check(edition, batch, context))
    return BatchResult(found, duplicates.Sketch.of(batch))


def workers_for(count: int) -> int:
    """How many worker processes suit `count` submissions here: none (0) for a small set,
    or inside a daemonic process (the window's import child), which may not start any."""
    if count < PARALLEL_FROM or multiprocessing.current_process().daemon:
        return 0
    return min(os.cpu_count() or 1, MAX_WORKERS)


def _names(batch: Sequence[RuleInput]) -> list[RuleInput]:
    """What the same-entity rule reads of a batch, without the texts."""
    return [
        RuleInput(r.submission_id, organisation=r.organisation, category_key=r.category_key)
        for r in batch
    ]


def run_batches(
    edition: Edition,
    batches: Iterable[Sequence[RuleInput]],
    context: RuleContext,
    fetch: Fetch,
    workers: int = 0,
) -> list[Finding]:
    """Every finding of every rule, grouped by rule in RULE_IDS order (see run_all).

    `batches` are consecutive runs of the set; `fetch(indexes)` gives the records at those
    positions in the whole set, for the duplicate pairs' exact check. With `workers` > 0,
    that many processes check the batches, a few batches ahead of the results taken."""
    per_rule: list[list[Finding]] = [[] for _ in range(len(PER_RECORD) + 1)]
    names: list[RuleInput] = []
    sketches: list[duplicates.Sketch] = []

    def take(result: BatchResult) -> None:
        for found, into in zip(result.findings, per_rule, strict=True):
            into.extend(found)
        sketches.append(result.sketch)

    if workers <= 0:
        for batch in batches:
            take(check_batch(edition, context, batch))
            names.extend(_names(batch))
    else:
        with ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),  # never fork a Qt process
            initializer=_start_worker,
            initargs=(edition, context),
        ) as pool:
            pending: deque[Future[BatchResult]] = deque()
            for batch in batches:
                pending.append(pool.submit(_check_in_worker, list(batch)))
                names.extend(_names(batch))
                if len(pending) > 2 * workers:  # bounded: a few batches in flight
                    take(pending.popleft().result())
            while pending:
                take(pending.popleft().result())
    findings = [finding for found in per_rule for finding in found]
    findings.extend(entities.check(edition, names))
    names.clear()
    sketch = duplicates.Sketch.join(sketches)
    findings.extend(duplicates.pair_findings(duplicates.likely_pairs(sketch), fetch))
    return findings


_worker_state: tuple[Edition, RuleContext] | None = None


def _start_worker(edition: Edition, context: RuleContext) -> None:
    global _worker_state
    _worker_state = (edition, context)


def _check_in_worker(batch: list[RuleInput]) -> BatchResult:
    assert _worker_state is not None, "a worker process starts with the edition"
    return check_batch(*_worker_state, batch)
