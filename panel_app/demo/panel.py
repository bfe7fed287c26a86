"""A deterministic demo expert panel: experts, conflicts, assignments and reviews.

`generate_panel(edition, projects, seed=..., per_project=3)` builds, in memory and without
a database, what a real panel produces for a set of submissions, and keeps the ground truth
beside it (each project's true quality, each expert's planted leniency or severity) so that
the scoring engine's calibration can be checked against it.

The model behind every score, per review and criterion (values in scale units, where 0 is
the criterion's minimum and 1 its maximum):
    value = project quality + criterion deviation + expert offset + noise
then mapped to the scale, rounded half up and clipped. A few experts are lenient
(offset +0.2, i.e. +0.8 points on a 1-5 scale), as many severe (-0.2), the rest near 0.
Noise is larger on reviews of declared low confidence and smaller on high confidence, so
that weighting by confidence has something to find.

Assignment is panel_app.assignment's, the same as `panel-app assign`: K experts per project
from the category's pool, never an expert with a conflict (declared, or the submitter's
own organisation), loads within one of each other per pool, and a connected
expert-project graph per category (so calibration is identifiable). Whatever cannot be
satisfied is reported in `DemoPanel.problems`, never silently dropped.

Determinism: one `random.Random` seeded from (edition, seed), lists and dicts only, and the
projects sorted by ID first, so the input order does not matter either.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from panel_app.assignment import (
    Project,
    Reviewer,
    Unsatisfied,
    natural_key,
    plan_assignment,
)
from panel_app.demo import names
from panel_app.demo.generator import (
    _DOMAIN_SUFFIX,
    _LASTS_BY_SCRIPT,
    _LATIN_TEMPLATES,
    _ascii,
    _cap,
    _is_latin,
    _slug,
)
from panel_app.edition import Criterion, Edition
from panel_app.organisations import organisation_key

__all__ = [
    "CONFIDENCES",
    "LENIENT_OFFSET",
    "SEVERE_OFFSET",
    "DemoAssignment",
    "DemoConflict",
    "DemoExpert",
    "DemoPanel",
    "DemoReview",
    "PanelProblem",
    "ProjectRecord",
    "generate_panel",
]

CONFIDENCES: tuple[str, ...] = ("high", "medium", "low")
LENIENT_OFFSET = 0.2  # in scale units: +0.8 points on a 1-5 scale
SEVERE_OFFSET = -0.2
_NEUTRAL_SD = 0.03  # the other experts' offsets
_QUALITY_MEAN, _QUALITY_SD = 0.52, 0.17  # projects' true quality
_CRITERION_SD = 0.08  # a project is not equally good on every criterion
_NOISE_SD = 0.15  # one review's noise, before the confidence factor
_CONFIDENCE_WEIGHTS = (30, 50, 20)
_CONFIDENCE_NOISE = {"high": 0.75, "medium": 1.0, "low": 1.5}
_SHARE_LENIENT = 0.15
_SHARE_SEVERE = 0.15
_SHARE_SECOND_CATEGORY = 0.3  # experts who review two categories
_MIN_POOL, _MAX_POOL = 8, 12  # experts per category
_REVIEWS_PER_EXPERT = 25  # aimed-at load, within one category
# Shares of reviews with something a scoring engine must handle.
_RATE_CONFLICT, _RATE_ABSTAIN, _RATE_MISSING, _RATE_COMMENT = 0.006, 0.006, 0.015, 0.2
_RATE_DECLARES_ORGANISATION, _RATE_DECLARES_SUBMISSION = 0.06, 0.06
_RATE_FROM_SUBMITTER = 0.03  # experts who work for an organisation that submitted


@dataclass(frozen=True)
class ProjectRecord:
    """What the panel needs to know of a submission."""

    submission_id: str
    category_key: str
    organisation: str
    country: str = ""


@dataclass(frozen=True)
class DemoExpert:
    code: str  # "E017"
    name: str
    email: str
    organisation: str
    country: str
    category_keys: tuple[str, ...]


@dataclass(frozen=True)
class DemoConflict:
    """A conflict of interest the expert declared up front: an organisation or a project."""

    expert_code: str
    organisation: str | None
    submission_id: str | None
    reason: str


@dataclass(frozen=True)
class DemoAssignment:
    expert_code: str
    submission_id: str


@dataclass(frozen=True)
class DemoReview:
    expert_code: str
    submission_id: str
    # Criterion key -> value; None where the expert left that criterion blank. Empty for a
    # review with a declared conflict or an abstention.
    scores: dict[str, int | None]
    confidence: str | None  # high, medium, low; None with a conflict or an abstention
    comment: str
    conflict_declared: bool = False
    abstained: bool = False


@dataclass(frozen=True)
class DemoPanel:
    edition_key: str
    seed: int
    per_project: int
    experts: tuple[DemoExpert, ...]
    conflicts: tuple[DemoConflict, ...]
    assignments: tuple[DemoAssignment, ...]
    reviews: tuple[DemoReview, ...]
    # Ground truth, in scale units (0 = a criterion's minimum, 1 = its maximum).
    true_quality: dict[str, float]  # submission ID -> the weighted mean over criteria
    true_criterion_quality: dict[str, dict[str, float]]  # submission ID -> criterion -> value
    expert_offsets: dict[str, float]  # expert code -> planted offset
    problems: tuple[Unsatisfied, ...] = ()
    # Expert code -> their organisation is a submitter's (an implicit conflict).
    from_submitters: dict[str, str] = field(default_factory=dict)

    @property
    def lenient(self) -> tuple[str, ...]:
        return tuple(c for c, o in self.expert_offsets.items() if o == LENIENT_OFFSET)

    @property
    def severe(self) -> tuple[str, ...]:
        return tuple(c for c, o in self.expert_offsets.items() if o == SEVERE_OFFSET)

    def pool(self, category_key: str) -> tuple[DemoExpert, ...]:
        """The experts who review this category."""
        return tuple(e for e in self.experts if category_key in e.category_keys)


# A rule of assignment that could not be satisfied, and why (panel_app.assignment's).
PanelProblem = Unsatisfied


# ---- people and organisations ---------------------------------------------------------------
_EXPERT_KINDS = ("academia", "international", "government", "civil", "private")
_EXPERT_KIND_WEIGHTS = (40, 20, 20, 12, 8)  # a prize panel leans academic


class _People:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names: dict[str, None] = {}
        self.emails: dict[str, None] = {}

    def organisation(self, country: names.Country) -> tuple[str, str]:
        """(name, web domain) of an organisation in `country`."""
        rng = self.rng
        if country.region == "zh" and rng.random() < 0.5:
            place, pa = rng.choice(names.ZH_PLACES)
            fld, fa = rng.choice(names.ZH_FIELDS)
            kind_text, ka, kind = rng.choice(names.ZH_KINDS[:4])  # research bodies
            return f"{place}{fld}{kind_text}", f"{pa}{fa}{ka}.{_DOMAIN_SUFFIX[kind]}".format(
                tld=country.tld
            )
        kind = rng.choices(_EXPERT_KINDS, _EXPERT_KIND_WEIGHTS)[0]
        name = _cap(
            rng.choice(_LATIN_TEMPLATES[kind]).format(
                country=country.name,
                city=rng.choice(country.cities),
                field=rng.choice(names.FIELDS),
                industry=rng.choice(names.INDUSTRIES),
                cause=rng.choice(names.CAUSES),
                region=rng.choice(names.REGIONS),
                coined=rng.choice(names.SYLLABLES_A) + rng.choice(names.SYLLABLES_B),
            )
        )
        return name, self.domain(name, kind, country)

    def domain(self, name: str, kind: str, country: names.Country) -> str:
        words = [w for w in re.split(r"[^A-Za-z]+", _ascii(name)) if w]
        acronym = "".join(w[0] for w in words if w[0].isupper()).lower()
        if not words:  # a name in Arabic script, say: a personal address
            return "gmail.com"
        base = acronym or _slug(name)[:10]
        return f"{base}.{_DOMAIN_SUFFIX[kind].format(tld=country.tld)}"

    def person(self, country: names.Country, domain: str) -> tuple[str, str]:
        """(name as written, e-mail address), both new to this panel."""
        rng = self.rng
        people = country.region if country.region in names.PEOPLE else "latin"
        for attempt in range(30):
            first, first_latin = rng.choice(names.PEOPLE[people][0])
            last, last_latin = rng.choice(_LASTS_BY_SCRIPT[people, _is_latin(first)])
            if people == "zh" and first != first_latin:
                shown = f"{last}{first}"
            else:
                shown = f"{first} {last}"
                if rng.random() < 0.15 and _is_latin(first):  # no "Dr." before Arabic
                    shown = f"{rng.choice(('Dr.', 'Prof.'))} {shown}"
            local = f"{_slug(first_latin)}.{_slug(last_latin)}"
            if attempt >= 10:
                local += str(attempt)
            email = f"{local}@{domain}"
            if shown not in self.names and email not in self.emails:
                self.names[shown] = None
                self.emails[email] = None
                return shown, email
        raise RuntimeError("could not find a new expert name")  # pragma: no cover


# ---- comments ---------------------------------------------------------------------------
_COMMENTS_HIGH = (
    "Clear evidence of impact; the figures are convincing.",
    "Strong partnerships, and the community clearly owns the results.",
    "A model other countries could adopt with little change.",
    "+1 for the community ownership and the open data.",
    "Excellent project, well documented.",
)
_COMMENTS_MIDDLE = (
    "Solid project, but the sustainability plan is thin.",
    "Impact claims would need more data.",
    "Good idea; replication elsewhere is not discussed.",
    "- results partly shown\n- funding after 2020 unclear",
    "Relevant to the SDGs named, less so to the action line.",
)
_COMMENTS_LOW = (
    "Little evidence beyond the description.",
    "Reads as a product advertisement rather than a project.",
    "No figures on results; partners are not named.",
    "Pilot stage only; too early to judge impact.",
)
_COMMENTS_ZH = ("项目影响证据充分。", "可持续性说明不足。", "伙伴关系清楚，值得推广。")
_CONFLICT_COMMENTS = (
    "I advised this project in 2018.",
    "A former colleague leads this project.",
    "My organisation funds one of the partners.",
)
_ABSTAIN_COMMENTS = (
    "Outside my expertise.",
    "Cannot judge: the description is too technical for me.",
    "",
)
_ORGANISATION_REASONS = (
    "former employer",
    "member of its advisory board",
    "a family member works there",
    "current research partner",
)
_SUBMISSION_REASONS = (
    "advised the project",
    "co-author of the project's evaluation",
    "know the project team personally",
)


# ---- the generator ----------------------------------------------------------------------------
class _Panel:
    def __init__(
        self, edition: Edition, projects: Sequence[ProjectRecord], seed: int, per_project: int
    ) -> None:
        if per_project < 1:
            raise ValueError("per_project must be at least 1")
        self.edition = edition
        self.seed = seed
        self.k = per_project
        self.rng = random.Random(f"wsis-demo-panel:{edition.key}:{seed}:{per_project}")
        self.projects = sorted(projects, key=lambda p: natural_key(p.submission_id))
        ids = [p.submission_id for p in self.projects]
        if len(set(ids)) != len(ids):
            raise ValueError("the projects' submission IDs must be unique")
        self.by_category: dict[str, list[ProjectRecord]] = {c.key: [] for c in edition.categories}
        for project in self.projects:
            self.by_category.setdefault(project.category_key, []).append(project)
        # Each project's organisation as conflicts compare it, computed once per name.
        keys: dict[str, str] = {}
        self.org_key = {
            p.submission_id: keys.get(p.organisation)
            or keys.setdefault(p.organisation, organisation_key(p.organisation))
            for p in self.projects
        }
        self.people = _People(self.rng)
        self.countries = list(names.COUNTRIES)
        self.experts: list[DemoExpert] = []
        self.categories_of: dict[str, list[str]] = {}
        self.conflicts: list[DemoConflict] = []
        self.from_submitters: dict[str, str] = {}
        self.problems: list[Unsatisfied] = []

    # -- experts ---------------------------------------------------------------------------------
    def _pool_size(self, n_projects: int) -> int:
        """8-12 experts per category, fewer for a small one: each expert should review at
        least two projects, or the graph cannot be connected with balanced loads."""
        wanted = math.ceil(n_projects * self.k / _REVIEWS_PER_EXPERT)
        return min(max(wanted, _MIN_POOL), _MAX_POOL, max(self.k + 1, n_projects * self.k // 2))

    def _new_expert(self, category_key: str) -> str:
        code = f"E{len(self.experts) + 1:03d}"
        country = self.rng.choice(self.countries)
        organisation, domain = self.people.organisation(country)
        name, email = self.people.person(country, domain)
        self.experts.append(DemoExpert(code, name, email, organisation, country.name, ()))
        self.categories_of[code] = [category_key]
        return code

    def make_experts(self) -> None:
        rng = self.rng
        for category_key, projects in self.by_category.items():
            pool = [c for c, keys in self.categories_of.items() if category_key in keys]
            while len(pool) < self._pool_size(len(projects)):
                single = [
                    c for c, keys in self.categories_of.items() if len(keys) == 1 and c not in pool
                ]
                if single and rng.random() < _SHARE_SECOND_CATEGORY:
                    code = rng.choice(single)
                    self.categories_of[code].append(category_key)
                else:
                    code = self._new_expert(category_key)
                pool.append(code)
        self.experts = [
            DemoExpert(
                e.code,
                e.name,
                e.email,
                e.organisation,
                e.country,
                tuple(self.categories_of[e.code]),
            )
            for e in self.experts
        ]

    def plant_conflicts(self) -> None:
        """A few experts work for a submitter; a few declare an organisation or a project.

        A conflict is planted only where every project it touches keeps K + 1 experts it
        may get and the expert can still take a fair share of the category, so the demo
        stays assignable and balanceable even in a small pool.
        """
        rng = self.rng
        n = len(self.experts)
        pool_size = {
            key: sum(key in e.category_keys for e in self.experts) for key in self.by_category
        }
        blocked: dict[str, list[str]] = {p.submission_id: [] for p in self.projects}

        def block(code: str, touched: list[ProjectRecord]) -> bool:
            new = [p for p in touched if code not in blocked[p.submission_id]]
            fits = all(
                pool_size[p.category_key] - len(blocked[p.submission_id]) > self.k + 1 for p in new
            )
            # The expert must still be able to take a fair share of each category.
            for key in dict.fromkeys(p.category_key for p in new):
                projects = self.by_category[key]
                free = sum(code not in blocked[p.submission_id] for p in projects) - sum(
                    p.category_key == key for p in new
                )
                fits = fits and free >= math.ceil(len(projects) * self.k / pool_size[key])
            if fits:
                for p in touched:
                    if code not in blocked[p.submission_id]:
                        blocked[p.submission_id].append(code)
            return fits

        def of_organisation(expert: DemoExpert, organisation: str) -> list[ProjectRecord]:
            key = organisation_key(organisation)
            return [
                p
                for k in expert.category_keys
                for p in self.by_category[k]
                if self.org_key[p.submission_id] == key
            ]

        for i in rng.sample(range(n), round(n * _RATE_FROM_SUBMITTER)):
            expert = self.experts[i]
            candidates = [p for k in expert.category_keys for p in self.by_category[k]]
            if not candidates:
                continue
            project = rng.choice(candidates)
            if not block(expert.code, of_organisation(expert, project.organisation)):
                continue
            country = project.country or expert.country
            domain = self.people.domain(project.organisation, "civil", _country(country))
            name, email = self.people.person(_country(country), domain)
            self.experts[i] = DemoExpert(
                expert.code, name, email, project.organisation, country, expert.category_keys
            )
            self.from_submitters[expert.code] = project.organisation
        declaring = rng.sample(
            range(n), round(n * (_RATE_DECLARES_ORGANISATION + _RATE_DECLARES_SUBMISSION))
        )
        split = round(n * _RATE_DECLARES_ORGANISATION)
        for j, i in enumerate(declaring):
            expert = self.experts[i]
            candidates = [p for k in expert.category_keys for p in self.by_category[k]]
            if not candidates:
                continue
            if j < split:
                organisation = rng.choice(candidates).organisation
                if not block(expert.code, of_organisation(expert, organisation)):
                    continue
                if j % 3 == 2:  # as people type it: case and spacing differ from the export
                    organisation = organisation.upper() + " "
                reason = rng.choice(_ORGANISATION_REASONS)
                self.conflicts.append(DemoConflict(expert.code, organisation, None, reason))
            else:
                for project in rng.sample(candidates, min(len(candidates), rng.randint(1, 2))):
                    if not block(expert.code, [project]):
                        continue
                    reason = rng.choice(_SUBMISSION_REASONS)
                    self.conflicts.append(
                        DemoConflict(expert.code, None, project.submission_id, reason)
                    )

    def assign(self) -> list[DemoAssignment]:
        conflicts: dict[str, list[DemoConflict]] = {e.code: [] for e in self.experts}
        for conflict in self.conflicts:
            conflicts[conflict.expert_code].append(conflict)
        reviewers = [
            Reviewer(
                e.code,
                e.category_keys,
                e.organisation,
                tuple(c.organisation for c in conflicts[e.code] if c.organisation is not None),
                tuple(c.submission_id for c in conflicts[e.code] if c.submission_id is not None),
            )
            for e in self.experts
        ]
        plan = plan_assignment(
            [Project(p.submission_id, p.category_key, p.organisation) for p in self.projects],
            reviewers,
            self.k,
            self.rng,
            categories=list(self.by_category),
        )
        self.problems.extend(plan.problems)
        return [DemoAssignment(code, sid) for code, sid in plan.pairs]

    # -- reviews -----------------------------------------------------------------------------------
    def reviews(
        self, assignments: list[DemoAssignment]
    ) -> tuple[list[DemoReview], dict[str, float], dict[str, dict[str, float]], dict[str, float]]:
        rng = self.rng
        criteria = self.edition.criteria
        offsets: dict[str, float] = {}
        for expert in self.experts:
            r = rng.random()
            if r < _SHARE_LENIENT:
                offsets[expert.code] = LENIENT_OFFSET
            elif r < _SHARE_LENIENT + _SHARE_SEVERE:
                offsets[expert.code] = SEVERE_OFFSET
            else:
                offsets[expert.code] = rng.gauss(0.0, _NEUTRAL_SD)
        truth: dict[str, dict[str, float]] = {}
        quality: dict[str, float] = {}
        total_weight = sum(c.weight for c in criteria) or 1.0
        for project in self.projects:
            base = min(max(rng.gauss(_QUALITY_MEAN, _QUALITY_SD), 0.05), 0.95)
            per = {c.key: base + rng.gauss(0.0, _CRITERION_SD) for c in criteria}
            truth[project.submission_id] = per
            quality[project.submission_id] = (
                sum(c.weight * per[c.key] for c in criteria) / total_weight
            )
        n = len(assignments)
        special = rng.sample(range(n), n) if n else []
        counts = [_few(n, rate) for rate in (_RATE_CONFLICT, _RATE_ABSTAIN, _RATE_MISSING)]
        conflicted = set(special[: counts[0]])
        abstaining = set(special[counts[0] : counts[0] + counts[1]])
        missing = set(special[counts[0] + counts[1] : sum(counts)])
        zh_experts = {e.code for e in self.experts if not _is_latin(e.name)}
        reviews: list[DemoReview] = []
        # Hot loop (21k scores for 1,000 projects): bound names, the scale as plain ints.
        bounds = [(c.key, c.scale.minimum, c.scale.maximum) for c in criteria]
        gauss, floor = rng.gauss, math.floor
        for i, a in enumerate(assignments):
            if i in conflicted:
                reviews.append(
                    DemoReview(
                        a.expert_code,
                        a.submission_id,
                        {},
                        None,
                        rng.choice(_CONFLICT_COMMENTS),
                        conflict_declared=True,
                    )
                )
                continue
            if i in abstaining:
                reviews.append(
                    DemoReview(
                        a.expert_code,
                        a.submission_id,
                        {},
                        None,
                        rng.choice(_ABSTAIN_COMMENTS),
                        abstained=True,
                    )
                )
                continue
            confidence = rng.choices(CONFIDENCES, _CONFIDENCE_WEIGHTS)[0]
            sd = _NOISE_SD * _CONFIDENCE_NOISE[confidence]
            offset = offsets[a.expert_code]
            per = truth[a.submission_id]
            scores: dict[str, int | None] = {}
            for key, low, high in bounds:
                value = floor(low + (per[key] + offset + gauss(0.0, sd)) * (high - low) + 0.5)
                scores[key] = low if value < low else high if value > high else value
            if i in missing and criteria:
                scores[rng.choice(criteria).key] = None
            comment = ""
            if rng.random() < _RATE_COMMENT:
                comment = self._comment(scores, criteria, a.expert_code in zh_experts)
            reviews.append(DemoReview(a.expert_code, a.submission_id, scores, confidence, comment))
        return reviews, quality, truth, offsets

    def _comment(
        self, scores: dict[str, int | None], criteria: Sequence[Criterion], zh: bool
    ) -> str:
        rng = self.rng
        if zh and rng.random() < 0.5:
            return rng.choice(_COMMENTS_ZH)
        fractions = [
            (v - c.scale.minimum) / max(1, c.scale.maximum - c.scale.minimum)
            for c in criteria
            if (v := scores.get(c.key)) is not None
        ]
        level = sum(fractions) / len(fractions) if fractions else 0.5
        pool = (
            _COMMENTS_HIGH if level >= 0.7 else _COMMENTS_LOW if level < 0.4 else _COMMENTS_MIDDLE
        )
        return rng.choice(pool)

    def generate(self) -> DemoPanel:
        self.make_experts()
        self.plant_conflicts()
        assignments = self.assign()
        reviews, quality, truth, offsets = self.reviews(assignments)
        return DemoPanel(
            edition_key=self.edition.key,
            seed=self.seed,
            per_project=self.k,
            experts=tuple(self.experts),
            conflicts=tuple(self.conflicts),
            assignments=tuple(assignments),
            reviews=tuple(reviews),
            true_quality=quality,
            true_criterion_quality=truth,
            expert_offsets=offsets,
            problems=tuple(self.problems),
            from_submitters=self.from_submitters,
        )


def _few(n: int, rate: float) -> int:
    """How many of `n` reviews get a rare feature: at least one once there are 20."""
    return max(1, round(n * rate)) if n >= 20 else 0


def _country(name: str) -> names.Country:
    for country in names.COUNTRIES:
        if country.name == name:
            return country
    return names.Country(name, "latin", "org", (name,), 1)


def generate_panel(
    edition: Edition,
    projects: Iterable[ProjectRecord],
    *,
    seed: int = 2020,
    per_project: int = 3,
) -> DemoPanel:
    """A demo panel for these projects: experts, conflicts, K assignments each, reviews."""
    return _Panel(edition, list(projects), seed, per_project).generate()
