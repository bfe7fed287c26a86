"""K experts per project, one category pool at a time, and a report of what could not be.

The rules (issue 5): every project gets K experts of its category's pool; never an expert
with a conflict (an organisation they declared, the submission itself, or the submitter
being their own organisation); loads within one pool differ by at most one; within each
category the expert-project graph is connected, so that calibration can compare every
expert with every other; the same input and seed give the same plan. Whatever cannot be
satisfied is reported as an `Unsatisfied`, never silently dropped.

Existing assignments are kept as they are (an expert may already hold the project's
texts): they count towards K and towards loads, are never moved, and one that breaks a
rule now (a conflict declared since, a category dropped) is reported, not removed.

The algorithm, per category: greedy (the most constrained projects first, each to the
least loaded eligible experts), then balancing (moving one review along a chain of experts
from a most loaded one to a least loaded one), then joining separate parts of the graph by
swapping two experts between two projects, which keeps every load.

Determinism: one `random.Random` passed in, projects in natural ID order, experts in
natural code order, categories in the order given; nothing depends on set or hash order.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from panel_app.organisations import organisation_key

__all__ = ["Plan", "Project", "Reviewer", "Unsatisfied", "natural_key", "plan_assignment"]


@dataclass(frozen=True)
class Project:
    """What assignment needs to know of a submission."""

    submission_id: str
    category_key: str
    organisation: str  # the submitter, as written


@dataclass(frozen=True)
class Reviewer:
    """An expert, their categories and what they may not review."""

    code: str
    category_keys: tuple[str, ...]
    organisation: str = ""  # their own: its submissions are a conflict too
    conflict_organisations: tuple[str, ...] = ()  # as declared
    conflict_submissions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unsatisfied:
    """A rule of assignment that could not be satisfied, and why."""

    category_key: str
    submission_id: str | None
    message: str

    def describe(self) -> str:
        where = self.category_key + (f" {self.submission_id}" if self.submission_id else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Plan:
    # (expert code, submission ID), kept ones included: by category in the order given,
    # projects in natural ID order, each project's experts in the order they were chosen.
    pairs: tuple[tuple[str, str], ...]
    new: frozenset[tuple[str, str]]  # the pairs this plan adds to the existing ones
    problems: tuple[Unsatisfied, ...]
    loads: Mapping[str, Mapping[str, int]]  # category -> expert code -> reviews in it

    def experts_of(self, submission_id: str) -> tuple[str, ...]:
        return tuple(code for code, sid in self.pairs if sid == submission_id)


def natural_key(text: str) -> tuple[int, int | str]:
    """ "2" before "10"; digits before identifiers with letters."""
    return (0, int(text)) if text.isdigit() else (1, text)


def plan_assignment(
    projects: Iterable[Project],
    reviewers: Iterable[Reviewer],
    per_project: int,
    rng: random.Random,
    *,
    categories: Sequence[str] = (),
    existing: Iterable[tuple[str, str]] = (),
) -> Plan:
    """Assign `per_project` experts to every project, keeping the `existing` pairs
    (expert code, submission ID). Categories are planned in the order of `categories`,
    then any others in key order; the rng is drawn from in that order."""
    if per_project < 1:
        raise ValueError("per_project must be at least 1")
    ordered = sorted(projects, key=lambda p: natural_key(p.submission_id))
    ids = [p.submission_id for p in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError("the projects' submission IDs must be unique")
    experts = sorted(reviewers, key=lambda r: natural_key(r.code))
    codes = [r.code for r in experts]
    if len(set(codes)) != len(codes):
        raise ValueError("the experts' codes must be unique")
    by_category: dict[str, list[Project]] = {key: [] for key in categories}
    for key in sorted({p.category_key for p in ordered} - set(by_category)):
        by_category[key] = []
    for project in ordered:
        by_category[project.category_key].append(project)
    kept: dict[str, list[str]] = {}
    for code, sid in existing:
        if code not in kept.setdefault(sid, []):
            kept[sid].append(code)
    keys: dict[str, str] = {}  # organisation as written -> key, computed once per name
    org_key = {
        p.submission_id: keys.get(p.organisation)
        or keys.setdefault(p.organisation, organisation_key(p.organisation))
        for p in ordered
    }
    excluded = {r.code: _excluded(r) for r in experts}
    pairs: list[tuple[str, str]] = []
    new: set[tuple[str, str]] = set()
    problems: list[Unsatisfied] = []
    loads: dict[str, dict[str, int]] = {}
    for category_key, members in by_category.items():
        pool = [r.code for r in experts if category_key in r.category_keys]
        plan = _Pool(category_key, pool, members, org_key, excluded, per_project, rng, kept)
        plan.greedy()
        plan.balance()
        plan.connect()
        problems.extend(plan.problems)
        loads[category_key] = dict(plan.load)
        for project in members:
            sid = project.submission_id
            fixed = plan.fixed[sid]
            for code in plan.assigned[sid]:
                pairs.append((code, sid))
                if code not in fixed:
                    new.add((code, sid))
    return Plan(tuple(pairs), frozenset(new), tuple(problems), loads)


def _excluded(reviewer: Reviewer) -> tuple[frozenset[str], frozenset[str]]:
    """(organisation keys, submission IDs) the expert may not review."""
    names = (reviewer.organisation, *reviewer.conflict_organisations)
    # An empty name ("", "-") is no organisation: it must not match every unnamed submitter.
    organisations = frozenset(key for name in names if (key := organisation_key(name)))
    return organisations, frozenset(reviewer.conflict_submissions)


class _Pool:
    """One category's assignment: K experts per project from the category's pool."""

    def __init__(
        self,
        category_key: str,
        pool: list[str],
        projects: list[Project],
        org_key: dict[str, str],
        excluded: dict[str, tuple[frozenset[str], frozenset[str]]],
        k: int,
        rng: random.Random,
        kept: Mapping[str, list[str]],
    ) -> None:
        self.category_key = category_key
        self.pool = pool
        self.projects = projects
        self.k = k
        self.rng = rng
        self.problems: list[Unsatisfied] = []
        self.eligible: dict[str, list[str]] = {}
        in_pool = set(pool)
        for project in projects:
            sid = project.submission_id
            key = org_key[sid]
            self.eligible[sid] = [
                code
                for code in pool
                if key not in excluded[code][0] and sid not in excluded[code][1]
            ]
        self.assigned: dict[str, list[str]] = {}
        self.fixed: dict[str, frozenset[str]] = {}
        self.load: dict[str, int] = dict.fromkeys(pool, 0)
        for project in projects:
            sid = project.submission_id
            codes = list(kept.get(sid, ()))
            self.assigned[sid] = codes
            self.fixed[sid] = frozenset(codes)
            for code in codes:
                if code in in_pool:
                    self.load[code] += 1
                self._check_kept(sid, code, in_pool, excluded)

    def _check_kept(
        self,
        sid: str,
        code: str,
        in_pool: set[str],
        excluded: dict[str, tuple[frozenset[str], frozenset[str]]],
    ) -> None:
        if code not in excluded:
            why = "is not among the experts given"
        elif code not in in_pool:
            why = "does not review this category"
        elif code not in self.eligible[sid]:
            why = "has a conflict of interest with it"
        else:
            return
        self.problems.append(
            Unsatisfied(self.category_key, sid, f"kept assignment of {code}, who {why}")
        )

    def greedy(self) -> None:
        """The least loaded eligible experts first; the most constrained projects first."""
        order = list(self.projects)
        self.rng.shuffle(order)
        order.sort(key=lambda p: len(self.eligible[p.submission_id]))
        for project in order:
            sid = project.submission_id
            have = self.assigned[sid]
            candidates = [code for code in self.eligible[sid] if code not in have]
            self.rng.shuffle(candidates)
            candidates.sort(key=lambda code: self.load[code])
            chosen = candidates[: max(0, self.k - len(have))]
            have.extend(chosen)
            for code in chosen:
                self.load[code] += 1
            if len(have) < self.k:
                conflicted = len(self.pool) - len(self.eligible[sid])
                why = (
                    f"the category has {len(self.pool)} experts"
                    if len(self.pool) < self.k
                    else f"{conflicted} of the category's {len(self.pool)} experts have a "
                    "conflict with it"
                )
                self.problems.append(
                    Unsatisfied(
                        self.category_key, sid, f"{len(have)} of {self.k} experts assigned: {why}"
                    )
                )

    def _moves(self, code: str) -> Iterator[tuple[str, str]]:
        """(project, other expert): projects `code` could hand over, and to whom."""
        for sid, experts in self.assigned.items():
            if code in experts and code not in self.fixed[sid]:
                for other in self.eligible[sid]:
                    if other not in experts:
                        yield sid, other

    def balance(self) -> None:
        """Move reviews along chains of experts until loads differ by at most one."""
        if not self.pool:
            return
        while True:
            high, low = max(self.load.values()), min(self.load.values())
            if high - low <= 1:
                return
            # Breadth-first from every most-loaded expert to any least-loaded one; shifting
            # one project along each step leaves the experts in between unchanged.
            sources = [c for c in self.pool if self.load[c] == high]
            came_from: dict[str, tuple[str, str] | None] = dict.fromkeys(sources)
            queue = deque(sources)
            target = None
            while queue and target is None:
                code = queue.popleft()
                for sid, other in self._moves(code):
                    if other in came_from:
                        continue
                    came_from[other] = (code, sid)
                    if self.load[other] == low:
                        target = other
                        break
                    queue.append(other)
            if target is None:
                kept = any(self.fixed.values())
                self.problems.append(
                    Unsatisfied(
                        self.category_key,
                        None,
                        f"loads range from {low} to {high} reviews: conflicts"
                        + (" and kept assignments" if kept else "")
                        + " leave no way to even them out",
                    )
                )
                return
            step = came_from[target]
            to = target
            while step is not None:
                giver, sid = step
                self.assigned[sid][self.assigned[sid].index(giver)] = to
                to = giver
                step = came_from[giver]
            self.load[to] -= 1
            self.load[target] += 1

    def components(self) -> list[list[str]]:
        """Connected parts of the expert-project graph, as lists of project IDs."""
        parent: dict[str, str] = {}

        def find(node: str) -> str:
            while parent.setdefault(node, node) != node:
                parent[node] = parent[parent[node]]
                node = parent[node]
            return node

        for sid, experts in self.assigned.items():
            for code in experts:
                parent[find("p:" + sid)] = find("e:" + code)
        parts: dict[str, list[str]] = {}
        for sid, experts in self.assigned.items():
            if experts:
                parts.setdefault(find("p:" + sid), []).append(sid)
        return list(parts.values())

    def connect(self) -> None:
        """Swap experts between two projects of different parts, keeping every load."""
        parts = self.components()
        while len(parts) > 1:
            if not self._join(parts):
                self.problems.append(
                    Unsatisfied(
                        self.category_key,
                        None,
                        f"the expert-project graph has {len(parts)} separate parts: "
                        "calibration cannot compare them",
                    )
                )
                return
            parts = self.components()

    def _join(self, parts: list[list[str]]) -> bool:
        first = parts[0]
        for other in parts[1:]:
            for p1 in first:
                for p2 in other:
                    e1s, e2s = self.assigned[p1], self.assigned[p2]
                    for e1 in list(e1s):
                        for e2 in list(e2s):
                            if (
                                e2 in e1s
                                or e1 in e2s
                                or e1 in self.fixed[p1]
                                or e2 in self.fixed[p2]
                                or e2 not in self.eligible[p1]
                                or e1 not in self.eligible[p2]
                            ):
                                continue
                            e1s[e1s.index(e1)], e2s[e2s.index(e2)] = e2, e1
                            if len(self.components()) < len(parts):
                                return True
                            e1s[e1s.index(e2)], e2s[e2s.index(e1)] = e1, e2  # undo
        return False
