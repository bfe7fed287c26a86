"""A planted set for rule 11: past winners, and submissions that are (or only look like)
their projects, each with the truth planted, to measure the rule's precision and recall.

Not the demo's winners: names, titles and texts of their own (the demo themes'
vocabularies fill the texts, so that projects of one theme share their words as real ones
do). `python -m tests.rules.planted_winners` prints the figures (docs/rules.md).

The submissions, by kind (`Planted.kind`); the first five are the winner's project again
and should be found, the others should not:
- "renamed": the winner's title with edition, version or phase words ("… Phase II:
  Scaling Up", "… 2.0", "… Platform", "… 2021 edition"), the organisation as written
  or spelled otherwise (case, "Ltd." for "Limited", its initials), the text lightly
  edited (a sentence dropped, one added, numbers updated);
- "reworded": the title's words reordered and one replaced or added, the text
  paraphrased (a third of its words replaced by synonyms, the sentences reordered);
- "renamed-new-text": renamed, with a text written anew (only the title core is left);
- "rebranded": a new name, the text reworded (only the text is left);
- "partner": the project renamed and submitted by a partner organisation, its text lightly
  edited (a warning is expected: another organisation);
and the look-alikes:
- "same-organisation": the winner's organisation with another project of its theme;
- "generic-title": another organisation, a title of the winner's theme words and the same
  generic words ("Digital Health Platform" against "Digital Health Portal"), a text of the
  same theme;
- "shared-word": another organisation, a title holding one of the winner's brand words;
- "unrelated": any other project (its title may happen to be a winner's, when both are
  made of theme and generic words only: "Digital Health Network").
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from panel_app.demo.texts import THEMES, Theme
from panel_app.rules import PastWinner, RuleContext, RuleInput

FOUND = ("renamed", "reworded", "renamed-new-text", "rebranded", "partner")
LOOK_ALIKES = ("same-organisation", "generic-title", "shared-word", "unrelated")

_SYLLABLE_TEXT = (
    "ka li mo sa la ma ta wa sol ru ne vi zu do pe ha ki no ra te bo mi an ya "
    "ko ze lu fa ri go da ni su ve"
)
_SYLLABLES = _SYLLABLE_TEXT.split()
_GENERIC = ("Digital", "Smart", "Mobile", "Online", "Open", "Connected", "e")
_KINDS = (
    "{name} Foundation",
    "{name} Solutions Ltd.",
    "{name} Networks Limited",
    "{name} Technologies Inc.",
    "University of {place}",
    "Ministry of {domain}, {place}",
    "{name} Association",
    "National Agency for {domain} {name}",
    "{name} Cooperative",
    "{place} Institute of Technology",
)
_DOMAINS = ("Health", "Agriculture", "Education", "Communications", "Environment", "Labour")
_PLACES = (
    "Nairobi", "Accra", "Lima", "Dakar", "Hanoi", "Quito", "Tunis", "Manila", "Kigali",
    "Bogota", "Amman", "Tbilisi", "Lusaka", "Suva", "Dhaka", "Rabat", "Yerevan", "Maputo",
)  # fmt: skip
_RENAMES = (
    "{t} Phase II: Scaling Up",
    "{t} 2.0",
    "{t} Platform",
    "{t} - Phase 2",
    "{t} 2021 Edition",
    "{t} v3",
    "{t}: Second Phase",
    "{t} Next Generation",
    "{t} Pilot Expansion",
    "{t} Programme",
    "{t} Initiative 2020",
    "{t} Version 2",
)
# Synonyms the paraphrase uses (both ways).
_SYNONYMS = {
    "gives": "offers", "helps": "supports", "improves": "strengthens", "use": "employ",
    "users": "people", "training": "courses", "project": "programme", "rural": "remote",
    "since": "from", "reached": "served", "launched": "started", "across": "throughout",
    "more": "additional", "local": "community", "services": "offerings", "new": "fresh",
    "country": "nation", "work": "operate", "plans": "intends", "through": "via",
    "partners": "allies", "communities": "villages", "results": "outcomes",
    "together": "jointly", "first": "initial", "access": "reach", "people": "persons",
}  # fmt: skip
_SYNONYMS.update({v: k for k, v in list(_SYNONYMS.items())})


@dataclass(frozen=True)
class Planted:
    submission: RuleInput
    kind: str
    winner: int | None  # the winner's position whose project it is, or looks like

    @property
    def should_be_found(self) -> bool:
        return self.kind in FOUND


@dataclass(frozen=True)
class PlantedSet:
    winners: tuple[PastWinner, ...]
    submissions: tuple[Planted, ...]

    def context(self, *, texts: bool = True) -> RuleContext:
        winners = self.winners if texts else tuple(_without_text(w) for w in self.winners)
        return RuleContext(past_winners=winners)


def _without_text(winner: PastWinner) -> PastWinner:
    return PastWinner(winner.title, winner.organisation, winner.edition_year)


@dataclass
class _Project:
    theme: Theme
    brand: str  # "" for a title of theme and generic words only
    title: str
    organisation: str
    text: str


class _Maker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.themes = list(THEMES.values())
        self.used: set[str] = set()

    def word(self) -> str:
        while True:
            word = "".join(self.rng.choices(_SYLLABLES, k=self.rng.randint(2, 3))).capitalize()
            if word not in self.used and len(word) >= 4:
                self.used.add(word)
                return word

    def organisation(self, theme: Theme) -> str:
        kind = self.rng.choice(_KINDS)
        return kind.format(
            name=self.word(), place=self.rng.choice(_PLACES), domain=self.rng.choice(_DOMAINS)
        )

    def title(self, theme: Theme, *, branded: bool = True) -> tuple[str, str]:
        words = list(self.rng.sample(theme.title_words, k=self.rng.randint(1, 2)))
        if not branded:
            return "", " ".join([self.rng.choice(_GENERIC), *words])
        brand = " ".join(self.word() for _ in range(self.rng.randint(1, 2)))
        if self.rng.random() < 0.3:
            words.insert(0, self.rng.choice(_GENERIC))
        return brand, " ".join([brand, *words] if self.rng.random() < 0.7 else [*words, brand])

    def text(self, theme: Theme, name: str, organisation: str) -> str:
        """Sentences of the theme's phrases (projects of one theme share many of them, as
        real descriptions share their field's words), and two of the project's own: its
        places and partner, its tool (what a real description names and no other does)."""
        rng = self.rng
        places = rng.sample(_PLACES, 2)
        own = [
            f"{name} started in {places[0]} and {places[1]} with the {self.word()} "
            f"{rng.choice(('Trust', 'Council', 'Network', 'Fund'))}.",
            f"The team built {self.word()}, a {rng.choice(theme.services)} for "
            f"{rng.choice(theme.beneficiaries)}.",
        ]
        sentences = [
            f"{name} gives {rng.choice(theme.beneficiaries)} {rng.choice(theme.services)}.",
            f"With it {rng.choice(theme.beneficiaries)} can {rng.choice(theme.actions)}.",
            f"Since its launch the project has reached {rng.randint(2, 90) * 1000} "
            f"{rng.choice(theme.beneficiaries)} across {rng.randint(3, 40)} districts.",
            f"It has led to {rng.choice(theme.outcomes)} and {rng.choice(theme.outcomes)}.",
            f"{organisation} works together with {rng.choice(theme.partners)} and "
            f"{rng.choice(theme.institutions)}.",
            f"Results so far: {rng.randint(10, 900)} {rng.choice(theme.metrics)}.",
            f"The main challenge is {rng.choice(theme.challenges)}.",
            f"Next, the team plans to {rng.choice(theme.plans)}.",
        ]
        rng.shuffle(sentences)
        chosen = [*own, *sentences[: rng.randint(4, 7)]]
        rng.shuffle(chosen)
        return " ".join(chosen)

    def project(self, *, branded: bool = True, theme: Theme | None = None) -> _Project:
        theme = theme or self.rng.choice(self.themes)
        brand, title = self.title(theme, branded=branded)
        organisation = self.organisation(theme)
        return _Project(
            theme, brand, title, organisation, self.text(theme, brand or title, organisation)
        )

    # --- variations -------------------------------------------------------------------

    def organisation_spelling(self, name: str) -> str:
        choice = self.rng.randint(0, 4)
        if choice == 0:
            return name.upper()
        if choice == 1:
            return name.replace("Ltd.", "Limited").replace("Inc.", "Incorporated")
        if choice == 2:
            words = [w for w in name.replace(",", "").split() if w[:1].isupper()]
            skip = {"Of", "For", "And"}
            if len(words) >= 3:
                return "".join(w[0] for w in words if w not in skip)
        if choice == 3:
            return name.replace("University", "Univ.").replace("Limited", "Ltd")
        return name

    def lightly_edited(self, text: str, theme: Theme) -> str:
        sentences = text.split(". ")
        if len(sentences) > 3:
            sentences.pop(self.rng.randrange(len(sentences)))
        sentences.insert(
            self.rng.randrange(len(sentences) + 1),
            f"In {self.rng.randint(2020, 2022)} the work was extended to "
            f"{self.rng.choice(theme.beneficiaries)}",
        )
        edited = ". ".join(sentences)
        return "".join(
            str(self.rng.randint(1, 9)) if ch.isdigit() and self.rng.random() < 0.3 else ch
            for ch in edited
        )

    def paraphrased(self, text: str) -> str:
        sentences = [s.strip() for s in text.split(". ") if s.strip()]
        self.rng.shuffle(sentences)
        out: list[str] = []
        for sentence in sentences:
            words = sentence.split(" ")
            out.append(
                " ".join(_SYNONYMS.get(w, w) if self.rng.random() < 0.8 else w for w in words)
            )
        return ". ".join(out)

    def renamed(self, title: str) -> str:
        return self.rng.choice(_RENAMES).format(t=title)

    def reworded(self, project: _Project) -> str:
        words = project.title.split()
        self.rng.shuffle(words)
        extra = self.rng.choice(project.theme.title_words)
        if extra not in words:
            words.append(extra)
        return " ".join(words)


def planted_set(seed: int = 13, *, winners: int = 300, unrelated: int = 1000) -> PlantedSet:
    maker = _Maker(seed)
    rng = maker.rng
    projects = [maker.project(branded=rng.random() < 0.85) for _ in range(winners)]
    won = tuple(
        PastWinner(p.title, p.organisation, rng.randint(2012, 2019), p.text) for p in projects
    )
    submissions: list[Planted] = []

    def add(kind: str, winner: int | None, title: str, organisation: str, text: str) -> None:
        sid = str(1001 + len(submissions))
        record = RuleInput(sid, title=title, organisation=organisation, summary=text)
        submissions.append(Planted(record, kind, winner))

    branded = [i for i, p in enumerate(projects) if p.brand]
    for i in rng.sample(branded, 40):
        p = projects[i]
        add(
            "renamed",
            i,
            maker.renamed(p.title),
            maker.organisation_spelling(p.organisation),
            maker.lightly_edited(p.text, p.theme),
        )
    for i in rng.sample(range(winners), 40):
        p = projects[i]
        add("reworded", i, maker.reworded(p), p.organisation, maker.paraphrased(p.text))
    for i in rng.sample(branded, 30):
        p = projects[i]
        fresh = maker.text(p.theme, p.brand, p.organisation)
        add("renamed-new-text", i, maker.renamed(p.title), p.organisation, fresh)
    for i in rng.sample(range(winners), 30):
        p = projects[i]
        _, title = maker.title(p.theme)
        add("rebranded", i, title, p.organisation, maker.paraphrased(p.text))
    for i in rng.sample(branded, 20):
        p = projects[i]
        partner = maker.organisation(p.theme)
        add("partner", i, maker.renamed(p.title), partner, maker.lightly_edited(p.text, p.theme))

    for i in rng.sample(range(winners), 60):
        p = projects[i]
        other = maker.project(theme=p.theme)
        add("same-organisation", i, other.title, p.organisation, other.text)
    for i in rng.sample(range(winners), 60):
        p = projects[i]
        other = maker.project(theme=p.theme)
        core = [w for w in p.title.split() if w not in p.brand.split()]
        generic = [maker.rng.choice(_GENERIC), *maker.rng.sample(p.theme.title_words, 1)]
        title = (
            " ".join(dict.fromkeys([*generic, *core[:1]]))
            + " "
            + maker.rng.choice(("Platform", "Portal", "Network", "Hub", "Services"))
        )
        add("generic-title", i, title, other.organisation, other.text)
    for i in rng.sample(branded, 30):
        p = projects[i]
        other = maker.project(theme=rng.choice(maker.themes))
        word = rng.choice(p.brand.split())
        title = f"{word} {rng.choice(other.theme.title_words)} {maker.word()}"
        add("shared-word", i, title, other.organisation, other.text)
    for _ in range(unrelated):
        other = maker.project(branded=rng.random() < 0.85)
        add("unrelated", None, other.title, other.organisation, other.text)
    order = list(range(len(submissions)))
    rng.shuffle(order)
    return PlantedSet(won, tuple(submissions[i] for i in order))


@dataclass(frozen=True)
class Figures:
    found: int  # submissions the rule flagged (a warning or ineligible)
    true_found: int  # of those, the planted projects of a winner
    planted: int  # submissions that are a winner's project
    ineligible: int
    true_ineligible: int
    by_kind: dict[str, tuple[int, int]]  # kind -> (flagged, of how many)

    @property
    def precision(self) -> float:
        return self.true_found / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.true_found / self.planted if self.planted else 1.0

    @property
    def ineligible_precision(self) -> float:
        return self.true_ineligible / self.ineligible if self.ineligible else 1.0

    def table(self) -> str:
        lines = [
            f"flagged {self.found}, of which planted {self.true_found} of {self.planted}: "
            f"precision {self.precision:.3f}, recall {self.recall:.3f}; ineligible "
            f"{self.ineligible} (precision {self.ineligible_precision:.3f})"
        ]
        for kind in (*FOUND, *LOOK_ALIKES):
            flagged, total = self.by_kind.get(kind, (0, 0))
            lines.append(f"  {kind:<20} {flagged:>4} of {total:>4} flagged")
        return "\n".join(lines)


def figures(planted: PlantedSet, findings: list) -> Figures:  # type: ignore[type-arg]
    """How the findings of rule 11 on the planted set measure against its truth. A finding
    counts as true when its submission is the planted project of a winner."""
    by_id = {p.submission.submission_id: p for p in planted.submissions}
    found = {f.submission_id: f for f in findings if f.rule_id == "past-winner"}
    kinds = Counter(p.kind for p in planted.submissions)
    flagged = Counter(by_id[sid].kind for sid in found)
    true_found = sum(1 for sid in found if by_id[sid].should_be_found)
    ineligible = [sid for sid, f in found.items() if f.severity == "ineligible"]
    return Figures(
        found=len(found),
        true_found=true_found,
        planted=sum(1 for p in planted.submissions if p.should_be_found),
        ineligible=len(ineligible),
        true_ineligible=sum(1 for sid in ineligible if by_id[sid].should_be_found),
        by_kind={kind: (flagged[kind], kinds[kind]) for kind in kinds},
    )


def _main() -> None:  # pragma: no cover - prints the figures of docs/rules.md
    import argparse

    from panel_app.edition import load_edition_by_key
    from panel_app.rules import past_winners

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, nargs="+", default=[13])
    args = parser.parse_args()
    edition = load_edition_by_key("wsis-2020")
    for seed in args.seed:
        planted = planted_set(seed)
        inputs = [p.submission for p in planted.submissions]
        for texts in (True, False):
            found = past_winners.check(edition, inputs, planted.context(texts=texts))
            label = "with the winners' texts" if texts else "titles and organisations only"
            print(f"seed {seed}, {label}:")
            print(figures(planted, found).table())


if __name__ == "__main__":  # pragma: no cover
    _main()
