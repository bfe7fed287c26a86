"""Loading an edition from its TOML file, validated: every problem names the file, the
key and what was expected. Adding an edition is adding a file to `resources/editions/`.

Standard library only: every other layer imports this one.
"""

from __future__ import annotations

import hashlib
import math
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from panel_app import paths
from panel_app.edition.model import (
    FORMAT_VERSION,
    FURTHER_LANGUAGES,
    SDG_COUNT,
    SUBMISSION_FIELDS,
    Category,
    Criterion,
    Edition,
    EditionError,
    EditionProblem,
    LocalizedText,
    Phase,
    Quotas,
    Rules,
    Scale,
    ScalePoint,
    Sdg,
    StakeholderType,
    WordBounds,
    category_index,
    phrase_words,
    sdg_spellings,
    stakeholder_spellings,
    unique_index,
)


def available_editions(directory: Path | None = None) -> dict[str, Path]:
    """Edition key -> file, for every `*.toml` in the editions folder."""
    folder = paths.editions_dir() if directory is None else directory
    if not folder.is_dir():
        return {}
    return {path.stem: path for path in sorted(folder.glob("*.toml")) if path.is_file()}


def read_edition_text(path: Path) -> str:
    """The exact text of an edition file, for a workspace to keep beside its data.

    Decoded from the bytes without newline translation, so that `load_edition_text` on it
    gives the digest the file has.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EditionError(
            f"{path}: cannot read the edition file ({exc.strerror or exc})", source=path
        ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EditionError(
            f"{path}: not UTF-8 text (byte {exc.start} cannot be decoded)", source=path
        ) from exc


def load_edition(path: Path) -> Edition:
    return load_edition_text(read_edition_text(path), path)


def load_edition_text(text: str, source: Path) -> Edition:
    """An edition from the text of its file, e.g. the copy a workspace keeps.

    `source` names the file in messages and gives the key (its stem); the digest is the
    sha256 of the text's UTF-8 bytes, so it equals the digest of the file it came from
    (read it with `read_edition_text`: `Path.read_text` would turn CRLF into LF).
    """
    return _load(text, source, hashlib.sha256(text.encode("utf-8")).hexdigest())


def load_edition_by_key(key: str, directory: Path | None = None) -> Edition:
    editions = available_editions(directory)
    if key not in editions:
        folder = paths.editions_dir() if directory is None else directory
        known = ", ".join(editions) or "none"
        raise EditionError(f"unknown edition '{key}' in {folder}; available: {known}")
    return load_edition(editions[key])


def latest_edition_key(directory: Path | None = None) -> str:
    """The edition a new workspace uses unless told otherwise: the newest year shipped."""
    editions = available_editions(directory)
    if not editions:
        folder = paths.editions_dir() if directory is None else directory
        raise EditionError(f"no edition files (*.toml) in {folder}")
    loaded = [load_edition(path) for path in editions.values()]
    return max(loaded, key=lambda edition: (edition.year, edition.key)).key


# --- loading and validation ----------------------------------------------------------

_TOP_KEYS = (
    "edition",
    "quotas",
    "submission",
    "rules",
    "nomination",
    "phases",
    "categories",
    "sdgs",
    "stakeholder_types",
    "scales",
    "criteria",
    "final_criteria",
)
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_CATEGORY_KEY = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
_ACTION_LINE = re.compile(r"[A-Z]+[0-9]+")
_LOWER_KEY = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*")


def _load(text: str, source: Path, digest: str) -> Edition:
    try:
        # A BOM is not TOML; it stays in the digest, which is over the bytes as stored.
        document = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        problem = EditionProblem("", f"not valid TOML: {exc}")
        raise EditionError.from_problems(source, [problem]) from exc
    reader = _Reader()
    edition = reader.edition(document, source, digest)
    if reader.problems or edition is None:
        raise EditionError.from_problems(source, reader.problems)
    return edition


def _at(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    name = key if _BARE_KEY.fullmatch(key) else f'"{key}"'
    return f"{path}.{name}" if path else name


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"a string ({shown!r})"
    if isinstance(value, datetime):
        return f"a date-time ({value.isoformat()})"
    if isinstance(value, date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, time):
        return f"a time ({value.isoformat()})"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _ints(numbers: Iterable[int]) -> str:
    return ", ".join(str(n) for n in numbers)


_Table = Mapping[str, Any]


class _Reader:
    """Reads a parsed edition file, collecting every problem instead of stopping at one."""

    def __init__(self) -> None:
        self.problems: list[EditionProblem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(EditionProblem(path, message))

    # -- typed values ----------------------------------------------------------------

    def only(self, table: _Table, path: str, allowed: Sequence[str]) -> None:
        for key in table:
            if key not in allowed:
                self.fail(_at(path, key), f"unknown key (expected one of: {', '.join(allowed)})")

    def _present(self, table: _Table, key: str, path: str, required: bool) -> bool:
        if key in table:
            return True
        if required:
            self.fail(_at(path, key), "required key is missing")
        return False

    def text(self, table: _Table, key: str, path: str, *, required: bool = True) -> str | None:
        if not self._present(table, key, path, required):
            return None
        value = table[key]
        if not isinstance(value, str):
            self.fail(_at(path, key), f"expected a string, found {_describe(value)}")
            return None
        if not value.strip():
            self.fail(_at(path, key), "must not be empty")
            return None
        return value

    def integer(
        self, table: _Table, key: str, path: str, *, required: bool = True, minimum: int = 1
    ) -> int | None:
        if not self._present(table, key, path, required):
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(_at(path, key), f"expected an integer, found {_describe(value)}")
            return None
        if value < minimum:
            self.fail(_at(path, key), f"must be at least {minimum}, found {value}")
            return None
        return value

    def boolean(self, table: _Table, key: str, path: str) -> bool | None:
        if not self._present(table, key, path, required=False):
            return None
        value = table[key]
        if not isinstance(value, bool):
            self.fail(_at(path, key), f"expected true or false, found {_describe(value)}")
            return None
        return value

    def weight(self, table: _Table, key: str, path: str) -> float | None:
        if not self._present(table, key, path, required=False):
            return 1.0  # equal weights unless the panel decides otherwise
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(_at(path, key), f"expected a number, found {_describe(value)}")
            return None
        if not math.isfinite(value) or value <= 0:
            self.fail(_at(path, key), f"must be a number greater than 0, found {value}")
            return None
        return float(value)

    def table(self, table: _Table, key: str, path: str, *, required: bool = True) -> _Table | None:
        if not self._present(table, key, path, required):
            return None
        value = table[key]
        if not isinstance(value, dict):
            self.fail(_at(path, key), f"expected a table, found {_describe(value)}")
            return None
        return value

    def tables(
        self, table: _Table, key: str, path: str, *, required: bool = True
    ) -> list[tuple[str, _Table]]:
        """The entries of an array of tables ([[key]]), each with its key path."""
        if not self._present(table, key, path, required):
            return []
        value = table[key]
        where = _at(path, key)
        if not isinstance(value, list):
            self.fail(where, f"expected an array of tables ([[{key}]]), found {_describe(value)}")
            return []
        entries: list[tuple[str, _Table]] = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                entries.append((_at(where, index), item))
            else:
                self.fail(_at(where, index), f"expected a table, found {_describe(item)}")
        if required and not value:
            self.fail(where, "must not be empty")
        return entries

    def strings(self, table: _Table, key: str, path: str) -> tuple[str, ...]:
        if not self._present(table, key, path, required=False):
            return ()
        value = table[key]
        where = _at(path, key)
        if not isinstance(value, list):
            self.fail(where, f"expected an array of strings, found {_describe(value)}")
            return ()
        result: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.fail(
                    _at(where, index), f"expected a non-empty string, found {_describe(item)}"
                )
            else:
                result.append(item)
        return tuple(result)

    def localized(
        self, table: _Table, key: str, path: str, *, required: bool = True
    ) -> LocalizedText | None:
        inner = self.table(table, key, path, required=required)
        if inner is None:
            return None
        return self.localized_table(inner, _at(path, key))

    def localized_table(self, table: _Table, path: str) -> LocalizedText | None:
        self.only(table, path, ("en", "zh", *FURTHER_LANGUAGES))
        en = self.text(table, "en", path)
        zh = self.text(table, "zh", path)
        others = tuple(
            (code, text)
            for code in FURTHER_LANGUAGES
            if (text := self.text(table, code, path, required=False)) is not None
        )
        return LocalizedText(en, zh, others) if en is not None and zh is not None else None

    def moment(
        self, table: _Table, key: str, path: str, zone: ZoneInfo | None, *, required: bool = True
    ) -> datetime | None:
        """A date-time written with its UTC offset, returned in the edition's zone."""
        if not self._present(table, key, path, required):
            return None
        value = table[key]
        where = _at(path, key)
        if not isinstance(value, datetime):
            self.fail(
                where,
                "expected a date-time with its UTC offset (YYYY-MM-DDTHH:MM:SS+HH:MM), "
                f"found {_describe(value)}",
            )
            return None
        if value.tzinfo is None:
            # A naive time is exactly how a deadline ends up an hour off: refuse it.
            hint = f"; here: {value.replace(tzinfo=zone).isoformat()}" if zone else ""
            self.fail(
                where,
                f"naive date-time {value.isoformat()}: write it with the UTC offset of the "
                f"edition's time zone{hint}",
            )
            return None
        if zone is None:
            return None
        local = value.astimezone(zone)
        if local.utcoffset() != value.utcoffset():
            # The file shows the wall-clock time people read in the call, so the offset
            # must be the zone's own on that date (23:00 in February is +01:00 in Geneva).
            self.fail(
                where,
                f"{value.isoformat()} is {local.isoformat()} in {zone.key}: write the "
                "local time with the offset the zone has on that date",
            )
            return None
        return local

    def day(self, table: _Table, key: str, path: str) -> date | None:
        if not self._present(table, key, path, required=True):
            return None
        value = table[key]
        if isinstance(value, datetime) or not isinstance(value, date):
            self.fail(_at(path, key), f"expected a date (YYYY-MM-DD), found {_describe(value)}")
            return None
        return value

    def word_bounds(
        self, table: _Table, key: str, path: str, *, required: bool = True
    ) -> WordBounds | None:
        inner = self.table(table, key, path, required=required)
        if inner is None:
            return None
        where = _at(path, key)
        self.only(inner, where, ("minimum", "maximum"))
        low = self.integer(inner, "minimum", where, required=False)
        high = self.integer(inner, "maximum", where, required=False)
        if low is not None and high is not None and low > high:
            self.fail(where, f"minimum {low} is greater than maximum {high}")
        return WordBounds(low, high)

    def contiguous(self, path: str, what: str, numbers: set[int], top: int) -> None:
        wanted = set(range(1, top + 1))
        if numbers != wanted:
            details = []
            if missing := sorted(wanted - numbers):
                details.append(f"missing {_ints(missing)}")
            if extra := sorted(numbers - wanted):
                details.append(f"unexpected {_ints(extra)}")
            self.fail(path, f"{what} must be exactly 1..{top} ({'; '.join(details)})")

    def unique(self, seen: dict[str, str], value: str, where: str, what: str) -> bool:
        """Records `value` at `where`; False (and a problem) when it was seen before."""
        folded = value.casefold()
        if folded in seen:
            self.fail(where, f"duplicate {what} '{value}' (also at {seen[folded]})")
            return False
        seen[folded] = where
        return True

    # -- sections --------------------------------------------------------------------

    def edition(self, document: _Table, source: Path, digest: str) -> Edition | None:
        self.only(document, "", _TOP_KEYS)
        head = self.table(document, "edition", "") or {}
        self.only(
            head,
            "edition",
            (
                "format_version",
                "year",
                "title",
                "timezone",
                "submission_opens",
                "submission_deadline",
                "vote_opens",
                "vote_closes",
            ),
        )
        version = self.integer(head, "format_version", "edition")
        if version is not None and version > FORMAT_VERSION:
            # A newer schema may mean anything: report that alone.
            self.problems = [
                EditionProblem(
                    "edition.format_version",
                    f"format version {version} is newer than this app reads "
                    f"({FORMAT_VERSION}); update the app",
                )
            ]
            return None
        year = self.integer(head, "year", "edition")
        title = self.localized(head, "title", "edition")
        zone = self.zone(head)
        opens = self.moment(head, "submission_opens", "edition", zone)
        deadline = self.moment(head, "submission_deadline", "edition", zone)
        vote_opens = self.moment(head, "vote_opens", "edition", zone, required=False)
        vote_closes = self.moment(head, "vote_closes", "edition", zone, required=False)
        if opens and deadline and opens >= deadline:
            self.fail("edition.submission_deadline", "must be later than submission_opens")
        if deadline and vote_closes and vote_closes <= deadline:
            self.fail("edition.vote_closes", "must be later than submission_deadline")

        categories = self.categories(document)
        sdgs = self.sdgs(document)
        stakeholder_types = self.stakeholder_types(document)
        scales = self.scales(document)
        criterion_keys: dict[str, str] = {}
        criteria = self.criteria(document, "criteria", scales, criterion_keys, required=True)
        final = self.criteria(document, "final_criteria", scales, criterion_keys, required=False)
        quotas = self.quotas(document)
        submission = self.submission(document)
        rules = self.rules(document)
        gates, minimum_reviews, tie_break = self.nomination(document, criteria)
        phases = self.phases(document)
        vote_opens = self.vote_opening(vote_opens, phases, zone, deadline, vote_closes)

        if self.problems:
            return None
        # Every None below has been reported as a problem above.
        assert version is not None and year is not None and title is not None
        assert zone is not None and opens is not None and deadline is not None
        assert quotas is not None and submission is not None
        summary_words, required_fields, information_words, photos = submission
        assert summary_words is not None
        return Edition(
            key=source.stem,
            year=year,
            title=title,
            timezone=zone.key,
            submission_opens=opens,
            submission_deadline=deadline,
            vote_opens=vote_opens,
            vote_closes=vote_closes,
            categories=categories,
            sdgs=sdgs,
            stakeholder_types=stakeholder_types,
            criteria=criteria,
            final_criteria=final,
            quotas=quotas,
            summary_words=summary_words,
            required_fields=required_fields,
            source=source,
            digest=digest,
            phases=phases,
            rules=rules,
            nomination_gates=gates,
            minimum_reviews=minimum_reviews,
            tie_break_criterion=tie_break,
            project_information_words=information_words,
            project_information_photos=photos,
        )

    def zone(self, head: _Table) -> ZoneInfo | None:
        name = self.text(head, "timezone", "edition")
        if name is None:
            return None
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self.fail(
                "edition.timezone",
                f"unknown time zone '{name}' (expected an IANA name such as Europe/Zurich)",
            )
            return None

    def categories(self, document: _Table) -> tuple[Category, ...]:
        entries = self.tables(document, "categories", "")
        found: list[tuple[str, Category]] = []
        keys: dict[str, str] = {}
        numbers: dict[str, str] = {}
        for path, entry in entries:
            self.only(entry, path, ("key", "action_line", "number", "name", "aliases"))
            key = self.text(entry, "key", path)
            line = self.text(entry, "action_line", path)
            number = self.integer(entry, "number", path)
            name = self.localized(entry, "name", path)
            aliases = self.strings(entry, "aliases", path)
            valid = None not in (key, line, number, name)
            if line is not None and not _ACTION_LINE.fullmatch(line):
                self.fail(_at(path, "action_line"), f"'{line}' is not an action-line code like C7")
                valid = False
            if key is not None:
                if not _CATEGORY_KEY.fullmatch(key):
                    self.fail(
                        _at(path, "key"),
                        f"'{key}' is not a key: use letters and digits joined by single hyphens",
                    )
                    valid = False
                elif line is not None and not key.casefold().startswith(line.casefold() + "-"):
                    self.fail(
                        _at(path, "key"),
                        f"'{key}' must start with its action line and a hyphen ('{line}-')",
                    )
                    valid = False
                valid = self.unique(keys, key, _at(path, "key"), "category key") and valid
            if number is not None:
                where = _at(path, "number")
                valid = self.unique(numbers, str(number), where, "category number") and valid
            if valid:
                assert key is not None and line is not None and number is not None
                assert name is not None
                found.append((path, Category(key, line, number, name, aliases)))
        if numbers:
            self.contiguous(
                "categories", "category numbers", {int(n) for n in numbers}, len(entries)
            )
        if len(found) == len(entries):
            _, clashes = category_index(c for _, c in found)
            for form, clashing in clashes.items():
                path = next(p for p, c in found if c is clashing[-1])
                others = ", ".join(c.key for c in clashing[:-1])
                self.fail(
                    path,
                    f"a name or alias ('{form}' once case, spaces and punctuation are "
                    f"ignored) also names {others}",
                )
        return tuple(sorted((c for _, c in found), key=lambda c: c.number))

    def sdgs(self, document: _Table) -> tuple[Sdg, ...]:
        entries = self.tables(document, "sdgs", "")
        found: list[Sdg] = []
        numbers: dict[str, str] = {}
        for path, entry in entries:
            self.only(entry, path, ("number", "name", "goal"))
            number = self.integer(entry, "number", path)
            name = self.localized(entry, "name", path)
            goal = self.localized(entry, "goal", path, required=False)
            where = _at(path, "number")
            if number is not None and not self.unique(numbers, str(number), where, "SDG number"):
                continue
            if number is not None and name is not None:
                found.append(Sdg(number, name, goal))
        if entries:
            self.contiguous("sdgs", "SDG numbers", {int(n) for n in numbers}, SDG_COUNT)
        _, clashes = unique_index((s, sdg_spellings(s)) for s in found)
        for form, clashing in clashes.items():
            goals = ", ".join(str(s.number) for s in clashing)
            self.fail("sdgs", f"the name '{form}' is shared by SDGs {goals}")
        return tuple(sorted(found, key=lambda s: s.number))

    def stakeholder_types(self, document: _Table) -> tuple[StakeholderType, ...]:
        entries = self.tables(document, "stakeholder_types", "")
        found: list[tuple[str, StakeholderType]] = []
        keys: dict[str, str] = {}
        for path, entry in entries:
            self.only(entry, path, ("key", "name", "aliases"))
            key = self.text(entry, "key", path)
            name = self.localized(entry, "name", path)
            aliases = self.strings(entry, "aliases", path)
            if key is not None and not _LOWER_KEY.fullmatch(key):
                self.fail(_at(path, "key"), f"'{key}' is not a key: use lower-case words and -")
                continue
            if key is not None and not self.unique(keys, key, _at(path, "key"), "key"):
                continue
            if key is not None and name is not None:
                found.append((path, StakeholderType(key, name, aliases)))
        _, clashes = unique_index((t, stakeholder_spellings(t)) for _, t in found)
        for form, clashing in clashes.items():
            path = next(p for p, t in found if t is clashing[-1])
            others = ", ".join(t.key for t in clashing[:-1])
            self.fail(path, f"a name or alias ('{form}') also names {others}")
        return tuple(t for _, t in found)

    def scales(self, document: _Table) -> dict[str, Scale | None]:
        """Scale name -> scale; None for a scale that exists but is invalid (reported)."""
        section = self.table(document, "scales", "") or {}
        result: dict[str, Scale | None] = {}
        for name in section:
            path = _at("scales", name)
            entry = self.table(section, name, "scales")
            result[name] = None
            if entry is None:
                continue
            self.only(entry, path, ("minimum", "maximum", "points"))
            low = self.integer(entry, "minimum", path, minimum=0)
            high = self.integer(entry, "maximum", path, minimum=0)
            points: list[ScalePoint] = []
            values: dict[str, str] = {}
            for point_path, point in self.tables(entry, "points", path):
                self.only(point, point_path, ("value", "label"))
                value = self.integer(point, "value", point_path, minimum=0)
                label = self.localized(point, "label", point_path)
                if value is not None:
                    where = _at(point_path, "value")
                    if not self.unique(values, str(value), where, "scale value"):
                        continue
                if value is not None and label is not None:
                    points.append(ScalePoint(value, label))
            if low is None or high is None:
                continue
            if low >= high:
                self.fail(path, f"minimum {low} must be less than maximum {high}")
                continue
            seen = {int(v) for v in values}
            wanted = set(range(low, high + 1))
            if seen != wanted:
                details = []
                if missing := sorted(wanted - seen):
                    details.append(f"no point for {_ints(missing)}")
                if extra := sorted(seen - wanted):
                    details.append(f"{_ints(extra)} outside the scale")
                self.fail(
                    _at(path, "points"),
                    f"points must cover {low}..{high}, one each ({'; '.join(details)})",
                )
                continue
            if len(points) == len(wanted):
                result[name] = Scale(low, high, tuple(sorted(points, key=lambda p: p.value)))
        return result

    def criteria(
        self,
        document: _Table,
        key: str,
        scales: Mapping[str, Scale | None],
        keys: dict[str, str],
        *,
        required: bool,
    ) -> tuple[Criterion, ...]:
        found: list[Criterion] = []
        for path, entry in self.tables(document, key, "", required=required):
            self.only(entry, path, ("key", "name", "description", "scale", "weight"))
            criterion_key = self.text(entry, "key", path)
            name = self.localized(entry, "name", path)
            description = self.localized(entry, "description", path)
            scale_name = self.text(entry, "scale", path)
            weight = self.weight(entry, "weight", path)
            if criterion_key is not None:
                where = _at(path, "key")
                if not _LOWER_KEY.fullmatch(criterion_key):
                    self.fail(where, f"'{criterion_key}' is not a key: use lower-case words")
                    continue
                if not self.unique(keys, criterion_key, where, "criterion key"):
                    continue
            scale = None
            if scale_name is not None:
                if scale_name not in scales:
                    known = ", ".join(scales) or "none defined"
                    self.fail(
                        _at(path, "scale"),
                        f"unknown scale '{scale_name}' (defined under [scales]: {known})",
                    )
                scale = scales.get(scale_name)
            if criterion_key and name and description and scale and weight is not None:
                found.append(Criterion(criterion_key, name, description, scale, weight))
        return tuple(found)

    def quotas(self, document: _Table) -> Quotas | None:
        table = self.table(document, "quotas", "")
        if table is None:
            return None
        path = "quotas"
        self.only(
            table,
            path,
            (
                "nominees_per_category",
                "finalists_per_category",
                "analysed_per_category",
                "winners_per_category",
                "champions_per_category",
            ),
        )
        nominees = self.integer(table, "nominees_per_category", path, required=False)
        finalists = self.integer(table, "finalists_per_category", path)
        analysed = self.integer(table, "analysed_per_category", path, required=False)
        winners = self.integer(table, "winners_per_category", path)
        champions = self.integer(table, "champions_per_category", path, minimum=0)
        if nominees is not None and finalists is not None and finalists > nominees:
            self.fail(_at(path, "finalists_per_category"), "exceeds nominees_per_category")
        if analysed is not None and finalists is not None and analysed > finalists:
            self.fail(_at(path, "analysed_per_category"), "exceeds finalists_per_category")
        if finalists is None or winners is None or champions is None:
            return None
        if winners + champions > finalists:
            self.fail(path, "winners and champions per category exceed the finalists")
        return Quotas(
            nominees,
            finalists,
            winners,
            champions,
            analysed_per_category=finalists if analysed is None else analysed,
        )

    def submission(
        self, document: _Table
    ) -> tuple[WordBounds | None, tuple[str, ...], WordBounds | None, int | None] | None:
        table = self.table(document, "submission", "")
        if table is None:
            return None
        path = "submission"
        self.only(
            table,
            path,
            (
                "summary_words",
                "required_fields",
                "project_information_words",
                "project_information_photos",
            ),
        )
        summary = self.word_bounds(table, "summary_words", path)
        information = self.word_bounds(table, "project_information_words", path, required=False)
        photos = self.integer(table, "project_information_photos", path, required=False)
        self._present(table, "required_fields", path, required=True)
        fields = self.strings(table, "required_fields", path)
        seen: dict[str, str] = {}
        for index, name in enumerate(fields):
            where = _at(_at(path, "required_fields"), index)
            if name not in SUBMISSION_FIELDS:
                self.fail(
                    where,
                    f"unknown submission field '{name}' (known: {', '.join(SUBMISSION_FIELDS)})",
                )
            self.unique(seen, name, where, "field")
        return summary, fields, information, photos

    def rules(self, document: _Table) -> Rules:
        table = self.table(document, "rules", "", required=False)
        if table is None:
            return Rules()
        path = "rules"
        self.only(
            table,
            path,
            (
                "projects_per_entity_per_category",
                "language",
                "previous_winners_eligible",
                "submitter_must_own_project",
                "completed_projects_only",
                "completed_statuses",
                "not_completed_statuses",
                "votes_per_voter_per_category",
                "self_votes_allowed",
            ),
        )
        language = self.text(table, "language", path, required=False)
        if language is not None and not _LANGUAGE.fullmatch(language):
            self.fail(_at(path, "language"), f"'{language}' is not a language code such as en")
        completed_only = self.boolean(table, "completed_projects_only", path)
        completed, not_completed = self.statuses(table, path, completed_only is True)
        return Rules(
            projects_per_entity_per_category=self.integer(
                table, "projects_per_entity_per_category", path, required=False
            ),
            language=language,
            previous_winners_eligible=self.boolean(table, "previous_winners_eligible", path),
            submitter_must_own_project=self.boolean(table, "submitter_must_own_project", path),
            completed_projects_only=completed_only,
            votes_per_voter_per_category=self.integer(
                table, "votes_per_voter_per_category", path, required=False
            ),
            self_votes_allowed=self.boolean(table, "self_votes_allowed", path),
            completed_statuses=completed,
            not_completed_statuses=not_completed,
        )

    def statuses(
        self, table: _Table, path: str, rule_applies: bool
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The Project status phrases of completed_projects_only: both lists, or neither."""
        keys = ("completed_statuses", "not_completed_statuses")
        if not rule_applies:
            for key in keys:
                if key in table:
                    self.fail(
                        _at(path, key), "only read when completed_projects_only = true; remove it"
                    )
            return (), ()
        lists: list[tuple[str, ...]] = []
        seen: dict[tuple[str, ...], str] = {}
        for key in keys:
            where = _at(path, key)
            phrases = self.strings(table, key, path)
            if key not in table:
                self.fail(where, "required when completed_projects_only = true")
            elif table[key] == []:
                self.fail(where, "must not be empty")
            for index, phrase in enumerate(phrases):
                words = phrase_words(phrase)
                if not words:
                    self.fail(_at(where, index), f"'{phrase}' has no word to match")
                elif words in seen:
                    self.fail(
                        _at(where, index),
                        f"duplicate status phrase '{phrase}' (also at {seen[words]})",
                    )
                else:
                    seen[words] = _at(where, index)
            lists.append(phrases)
        return lists[0], lists[1]

    def nomination(
        self, document: _Table, criteria: Sequence[Criterion]
    ) -> tuple[tuple[LocalizedText, ...], int | None, str | None]:
        table = self.table(document, "nomination", "", required=False)
        if table is None:
            return (), None, None
        self.only(table, "nomination", ("gates", "minimum_reviews", "tie_break_criterion"))
        gates = []
        for path, entry in self.tables(table, "gates", "nomination", required=False):
            text = self.localized_table(entry, path)
            if text is not None:
                gates.append(text)
        minimum = self.integer(table, "minimum_reviews", "nomination", required=False)
        tie_break = self.text(table, "tie_break_criterion", "nomination", required=False)
        known = [criterion.key for criterion in criteria]
        if tie_break is not None and criteria and tie_break not in known:
            self.fail(
                _at("nomination", "tie_break_criterion"),
                f"unknown criterion '{tie_break}' (nomination criteria: {', '.join(known)})",
            )
            tie_break = None
        return tuple(gates), minimum, tie_break

    def vote_opening(
        self,
        vote_opens: datetime | None,
        phases: tuple[Phase, ...],
        zone: ZoneInfo | None,
        deadline: datetime | None,
        vote_closes: datetime | None,
    ) -> datetime | None:
        """When the public vote opens: vote_opens, which must fall on the first day of the
        phases' "vote" phase when both are given; without it, that first day as it starts
        in the edition's zone (so a workspace whose edition text predates vote_opens checks
        it too); None when the edition gives neither."""
        where = "edition.vote_opens"
        index, vote = next(
            ((n, phase) for n, phase in enumerate(phases) if phase.key == "vote"), (0, None)
        )
        if vote_opens is None and vote is not None and zone is not None:
            where = f"phases[{index}].starts"
            vote_opens = datetime.combine(vote.starts, time(0), zone)
        elif vote_opens is not None and vote is not None and vote_opens.date() != vote.starts:
            self.fail(
                where,
                f'opens on {vote_opens.date()}, but the phase "vote" starts on '
                f"{vote.starts}; make the two agree",
            )
        if vote_opens is None:
            return None
        if deadline and vote_opens <= deadline:
            self.fail(where, "the vote must open later than submission_deadline")
        if vote_closes and vote_closes <= vote_opens:
            self.fail("edition.vote_closes", f"must be later than the vote opens ({where})")
        return vote_opens

    def phases(self, document: _Table) -> tuple[Phase, ...]:
        found: list[Phase] = []
        keys: dict[str, str] = {}
        for path, entry in self.tables(document, "phases", "", required=False):
            self.only(entry, path, ("key", "name", "starts", "ends"))
            key = self.text(entry, "key", path)
            name = self.localized(entry, "name", path)
            starts = self.day(entry, "starts", path)
            ends = self.day(entry, "ends", path)
            if key is not None and not self.unique(keys, key, _at(path, "key"), "phase key"):
                continue
            if starts and ends and starts > ends:
                self.fail(_at(path, "ends"), f"{ends} is before starts ({starts})")
                continue
            if found and starts and starts < found[-1].starts:
                self.fail(_at(path, "starts"), "phases must be listed in order")
            if key and name and starts and ends:
                found.append(Phase(key, name, starts, ends))
        return tuple(found)
