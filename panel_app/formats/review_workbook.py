"""The review workbook: one .xlsx per expert and round, written by the chair's app (a
package), filled in by the expert (in the app, in Excel or in LibreOffice) and read back
by the merge. The format is documented in docs/formats/review-workbook.md: keep the two in
step, and bump FORMAT_VERSION on any change a reader would notice.

Writing: the scores sheet's identity columns are locked (sheet protection) and only the
score, confidence, conflict and comment cells are open; each score column carries ONE
list validation over its whole range (openpyxl's per-cell adds are quadratic: 1,000 rows
took 20 s). Text never becomes a formula. A package carries the expert's signing key in
a part of the zip of its own (KEY_PART) that no sheet shows and that Excel and LibreOffice
drop when they save the workbook: a copy filled in a spreadsheet program and sent back
does not carry it (format version 1 kept it in the metadata sheet, which LibreOffice
saves as merely hidden). A scored workbook exported by the app carries instead an
HMAC-SHA256 signature over the canonical scores, never the key.

Each workbook speaks one of the app's languages (format version 4: the expert's, or the
chair's choice): the read-me, the headers, the drop-downs' messages and the edition's names
are rendered from the catalogue (context "Workbook") and the edition file; the read-me
keeps English beside for the chair. What the merge reads never depends on the language:
the columns are found by position from the metadata (the criteria's keys, the number of
gates), checked against the header row as the metadata says it was written, and the
drop-downs' values (yes, no, high, medium, low) are the same words in every language.

Reading goes through formats.tabular (zip checks before any parser, defusedxml): every
problem of a sheet is collected, located, so the merge can list them all at once.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from panel_app import i18n
from panel_app.characters import clean_text
from panel_app.edition import Criterion, LocalizedText
from panel_app.formats.cells import CellRefused, cell_text, is_excel_error, normalise_id
from panel_app.formats.tabular import Row, open_workbook
from panel_app.formats.text_cells import keep_text, xlsx_text
from panel_app.i18n import NC_
from panel_app.problems import InputRefused, Problem

FORMAT_NAME = "wsis-panel-review-workbook"
FORMAT_VERSION = 4
# Version 1 (the key in the metadata sheet), version 2 (no nomination gates) and version 3
# (English and Chinese side by side) are still read: their packages and exports merge,
# with no gate answered before version 3.
READ_VERSIONS = (1, 2, 3, 4)
GATES_FROM = 3  # the first version with the nomination gates' columns
LANGUAGES_FROM = 4  # the first version in the expert's language (`language`, `headers`)

# The catalogue's context of the workbook's texts (docs/translations.md).
WORKBOOK = "Workbook"

# The package's key: a part of the zip that no relationship reaches, so no sheet shows it
# and a spreadsheet program does not keep it when it saves the workbook.
KEY_PART = "panel-app/package-key.json"
KEY_PART_TYPE = "application/vnd.wsis-panel-app.package-key+json"
_KEY_PART_MAX_BYTES = 4096

README_SHEET = "Read me"
SCORES_SHEET = "Scores"
PROJECTS_SHEET = "Projects"
META_SHEET = "Metadata"

# The drop-downs' values: the same words in every language (the merge reads them).
CONFIDENCE = ("high", "medium", "low")
CONFLICT_MARK = "yes"
# Also read: what an expert may type instead, in English and in the app's languages.
_YES = frozenset({"yes", "y", "x", "true", "1", "是", "oui", "sí", "si", "да", "نعم"})
_NO = frozenset({"", "no", "n", "false", "0", "否", "non", "нет", "لا"})
GATE_YES, GATE_NO = "yes", "no"
_NO_WORDS = _NO - {""}

# The scores sheet: identity columns, then one per nomination gate (version 3; the
# nomination round), then one per criterion, then these. Their English: the headers of
# versions 1 to 3, and of an English workbook.
IDENTITY_COLUMNS = (
    NC_("Workbook", "Submission ID"),
    NC_("Workbook", "Category"),
    NC_("Workbook", "Project title"),
    NC_("Workbook", "Organisation"),
)
TAIL_COLUMNS = (
    NC_("Workbook", "Confidence"),
    NC_("Workbook", "Conflict of interest"),
    NC_("Workbook", "Comment"),
)
PROJECT_COLUMNS = (
    NC_("Workbook", "Submission ID"),
    NC_("Workbook", "Category"),
    NC_("Workbook", "Project title"),
    NC_("Workbook", "Organisation"),
    NC_("Workbook", "Country"),
    NC_("Workbook", "Stakeholder type"),
    NC_("Workbook", "SDGs"),
    NC_("Workbook", "Project status"),
    NC_("Workbook", "Website"),
    NC_("Workbook", "Summary"),
    NC_("Workbook", "Action line and SDG linkage"),
    NC_("Workbook", "Impact"),
    NC_("Workbook", "Partnerships"),
    NC_("Workbook", "Challenges and future"),
    NC_("Workbook", "Category key"),
)
_PROJECT_WIDTHS = (12, 28, 36, 30, 16, 20, 12, 16, 28, 80, 60, 60, 50, 50, 20)
_TOP_WRAP = Alignment(wrap_text=True, vertical="top")
_OPEN = Protection(locked=False)
_BOLD = Font(bold=True)


@dataclass(frozen=True)
class PackageProject:
    """One assigned project as the expert reads it (no contact details)."""

    submission_id: str
    category_key: str
    category_name: str
    title: str
    organisation: str
    country: str
    stakeholder_type: str
    sdgs: str
    project_status: str
    website: str
    summary: str
    sdg_linkage: str
    impact: str
    partnerships: str
    challenges: str

    def values(self) -> tuple[str, ...]:
        return (
            self.submission_id,
            self.category_name,
            self.title,
            self.organisation,
            self.country,
            self.stakeholder_type,
            self.sdgs,
            self.project_status,
            self.website,
            self.summary,
            self.sdg_linkage,
            self.impact,
            self.partnerships,
            self.challenges,
            self.category_key,
        )

    @classmethod
    def from_values(cls, values: Sequence[str]) -> PackageProject:
        """The inverse of values(): a row of the projects sheet."""
        (submission_id, category_name, *texts, category_key) = values
        return cls(submission_id, category_key, category_name, *texts)


@dataclass(frozen=True)
class ScoreRow:
    """One project's review as the workbook holds it; scores in the criteria's order, the
    gates' answers (True: met, False: failed, None: not answered) in the edition's."""

    submission_id: str
    scores: tuple[int | None, ...]
    confidence: str | None = None
    conflict: bool = False
    comment: str = ""
    gates: tuple[bool | None, ...] = ()

    def is_blank(self) -> bool:
        return (
            all(s is None for s in self.scores)
            and all(g is None for g in self.gates)
            and self.confidence is None
            and not self.conflict
            and not self.comment
        )


@dataclass(frozen=True)
class PackageInfo:
    """The metadata sheet's facts (the key and the signature travel apart)."""

    edition_key: str
    round: str
    expert_code: str
    expert_name: str
    package_id: str
    revision: int
    criteria: tuple[str, ...]  # criterion keys, in column order
    written_at: datetime
    written_by: str  # "panel-app 0.1.0"
    format_version: int = FORMAT_VERSION  # as read; the app writes the current one
    gates: int = 0  # the nomination gates' columns (version 3; 0 before, and in the final)
    # What the read-me, headers and messages are written in (version 4; English before).
    language: str = i18n.ENGLISH


@dataclass(frozen=True)
class ReadRow:
    row: int  # as Excel shows it
    scores: ScoreRow


@dataclass(frozen=True)
class RowIdentity:
    """A row's locked identity cells as the sheet holds them (text), for the merge to
    compare with the project's: Category (the key), Project title, Organisation."""

    row: int
    submission_id: str
    cells: tuple[str, str, str]


@dataclass
class ReturnedWorkbook:
    """What the merge reads from one returned workbook.

    `rows` are the rows that parsed; `problems` are located problems of the other rows
    (row -> problems), which a strict merge refuses whole.
    """

    path: Path
    info: PackageInfo
    signature: str | None
    # A package as the chair's app wrote it carries its key; a copy saved by a spreadsheet
    # program (format version 2) and a workbook the app exported, never.
    signing_key: bytes | None
    rows: list[ReadRow]
    problems: dict[int, list[Problem]] = field(default_factory=dict)
    projects: list[PackageProject] = field(default_factory=list)  # with_projects only
    identities: list[RowIdentity] = field(default_factory=list)  # every row with an ID
    # The scores sheet's headers as written (in its language): how problems name a column.
    headers: tuple[str, ...] = ()

    def all_problems(self) -> list[Problem]:
        return [p for row in sorted(self.problems) for p in self.problems[row]]


# --- canonical scores and the signature -------------------------------------------------


def normalise_comment(text: str) -> str:
    """A comment as stored and signed: as the workbook holds it (stripped, "\\n" line ends,
    no control characters and the like: panel_app.characters.clean_text), so that the
    signature over the scores the app writes holds for the scores read back."""
    return clean_text(cell_text(text)).strip()


def identity_text(value: object) -> str:
    """An identity cell as the merge compares it: what a spreadsheet program may change
    when it saves text does not count (Unicode composed or not, line ends, runs of spaces,
    non-breaking ones included; the characters every file of the app cleans)."""
    text = unicodedata.normalize("NFC", clean_text(cell_text(value)))
    return " ".join(text.split())


def canonical_scores(info: PackageInfo, rows: Iterable[ScoreRow]) -> bytes:
    """The bytes the signature covers: identity, revision and every non-blank row (from
    version 3, with the gates' answers; before, as those versions signed them)."""
    gated = info.format_version >= GATES_FROM
    body: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": info.format_version,
        "edition": info.edition_key,
        "round": info.round,
        "expert": info.expert_code,
        "package_id": info.package_id,
        "revision": info.revision,
        "criteria": list(info.criteria),
        "rows": [
            [
                r.submission_id,
                list(r.scores),
                *([list(r.gates)] if gated else []),
                r.confidence,
                r.conflict,
                r.comment,
            ]
            for r in sorted(rows, key=lambda r: r.submission_id)
            if not r.is_blank()
        ],
    }
    if gated:
        body["gates"] = info.gates
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sign_scores(key: bytes, info: PackageInfo, rows: Iterable[ScoreRow]) -> str:
    return hmac.new(key, canonical_scores(info, rows), hashlib.sha256).hexdigest()


def signature_valid(
    key: bytes, info: PackageInfo, rows: Iterable[ScoreRow], signature: str | None
) -> bool:
    if not signature:
        return False
    return hmac.compare_digest(sign_scores(key, info, rows), signature.strip().lower())


def scores_digest(info: PackageInfo, rows: Iterable[ScoreRow]) -> str:
    """A fingerprint of the scores, so that merging the same content twice is a no-op."""
    return hashlib.sha256(canonical_scores(info, rows)).hexdigest()


# --- writing ------------------------------------------------------------------------------


def write_review_workbook(
    path: Path,
    info: PackageInfo,
    criteria: Sequence[Criterion],
    projects: Sequence[PackageProject],
    scores: Mapping[str, ScoreRow] | None = None,
    *,
    gates: Sequence[LocalizedText] = (),
    signing_key: bytes | None = None,
    signature: str | None = None,
) -> None:
    """Write a package (with `signing_key`) or a scored workbook (with `signature`); the
    nomination round asks `gates` (the edition's) before the criteria, as yes/no columns."""
    if signing_key is not None and signature is not None:
        raise ValueError("a workbook carries the signing key or a signature, never both")
    if info.format_version != FORMAT_VERSION:
        raise ValueError(f"the app writes format version {FORMAT_VERSION} only")
    if tuple(c.key for c in criteria) != info.criteria:
        raise ValueError("the criteria do not match the package's criteria keys")
    if len(gates) != info.gates:
        raise ValueError("the gates do not match the package's number of gates")
    if info.language not in i18n.CODES:
        raise ValueError(f"the app writes its languages only ({', '.join(i18n.CODES)})")
    language = info.language
    book = Workbook()
    readme = book.active
    assert readme is not None
    readme.title = README_SHEET
    _write_readme(readme, info, criteria, gates)
    sheet = book.create_sheet(SCORES_SHEET)
    headers = scores_headers(criteria, len(gates), language)
    _write_scores(sheet, headers, criteria, projects, scores or {}, gates, language)
    projects_sheet = book.create_sheet(PROJECTS_SHEET)
    _write_projects(projects_sheet, projects, language)
    meta = book.create_sheet(META_SHEET)
    _write_meta(meta, info, headers, signature)
    meta.sheet_state = "veryHidden"  # only a macro unhides it
    if i18n.language(language).right_to_left:  # Arabic: the sheets read from the right
        for shown in (readme, sheet, projects_sheet):
            shown.sheet_view.rightToLeft = True
    book.active = 1  # open on the scores
    partial = path.with_name(f".{path.name}.part")
    try:
        _save(book, partial, None if signing_key is None else _key_part(info, signing_key))
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


@dataclass(frozen=True)
class _KeyPartType:
    """What openpyxl's manifest takes for a content type override."""

    path: str = "/" + KEY_PART
    mime_type: str = KEY_PART_TYPE


def _key_part(info: PackageInfo, key: bytes) -> bytes:
    # Whose key it is travels with it: a reader takes it for this package only.
    body = {
        "package_id": info.package_id,
        "expert": info.expert_code,
        "round": info.round,
        "signing_key": key.hex(),
    }
    return json.dumps(body, sort_keys=True).encode()


def _save(book: Workbook, path: Path, key_part: bytes | None) -> None:
    """openpyxl's save, with the key's part (and its content type, which a strict
    consumer asks of every part) added when there is one."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        writer = ExcelWriter(book, archive)
        if key_part is not None:
            writer.manifest.append(_KeyPartType())
            archive.writestr(KEY_PART, key_part)
        writer.write_data()


def _style_of(sheet: Worksheet, **styles: Any) -> StyleArray:
    """A style's array, made once: copying it to a cell skips openpyxl's per-assignment
    look-ups (measured: 9 s of 17 for 119 packages when each cell was styled by name)."""
    cell = sheet.cell(1, 1)
    saved = copy(cell._style)
    for name, style in styles.items():
        setattr(cell, name, style)
    made = copy(cell._style)
    cell._style = saved
    return made


def _put(cell: Cell, value: object) -> None:
    if not isinstance(value, str):
        cell.value = value
        return
    # Any text opens, as written (text_cells.xlsx_text: control characters and the like
    # cleaned, lookalikes of Excel's escapes escaped); text is stored as text, never as a
    # formula (what keep_text does, without openpyxl's guessing of the type first: a third
    # of the writing time for long project texts).
    cell._value = xlsx_text(value)
    cell.data_type = "s"
    keep_text(cell)


def _scale_text(criterion: Criterion) -> str:
    return f"{criterion.scale.minimum}-{criterion.scale.maximum}"


def _text(message: str, language: str, **params: object) -> str:
    """One of the workbook's texts (marked NC_("Workbook", ...)) in `language`."""
    return i18n.render(message, params, language, WORKBOOK)


def gate_header(number: int, language: str = i18n.ENGLISH) -> str:
    """The scores sheet's header of the gate `number` (1-based)."""
    return _text(NC_("Workbook", "Gate {number} (yes/no)"), language, number=number)


def scores_headers(
    criteria: Sequence[Criterion], gates: int, language: str = i18n.ENGLISH
) -> list[str]:
    """The scores sheet's header row in `language` (English: versions 1 to 3's)."""
    return [
        *(_text(h, language) for h in IDENTITY_COLUMNS),
        *(gate_header(n, language) for n in range(1, gates + 1)),
        *(
            _text(
                NC_("Workbook", "{name} ({scale})"),
                language,
                name=c.name.get(language),
                scale=_scale_text(c),
            )
            for c in criteria
        ),
        *(_text(h, language) for h in TAIL_COLUMNS),
    ]


def _gate_cell(answer: bool | None) -> str | None:
    return None if answer is None else GATE_YES if answer else GATE_NO


def _write_scores(
    sheet: Worksheet,
    headers: Sequence[str],
    criteria: Sequence[Criterion],
    projects: Sequence[PackageProject],
    scores: Mapping[str, ScoreRow],
    gates: Sequence[LocalizedText],
    language: str,
) -> None:
    for column, text in enumerate(headers, start=1):
        cell = sheet.cell(1, column)
        _put(cell, text)
        cell.font = _BOLD
        cell.alignment = _TOP_WRAP
    first_open = len(IDENTITY_COLUMNS) + 1
    first_score = first_open + len(gates)
    last_column = len(headers)
    open_ = _style_of(sheet, protection=_OPEN)
    wrap_open = _style_of(sheet, protection=_OPEN, alignment=_TOP_WRAP)
    for row, project in enumerate(projects, start=2):
        given = scores.get(project.submission_id)
        identity = (project.submission_id, project.category_key, project.title)
        for column, value in enumerate((*identity, project.organisation), start=1):
            _put(sheet.cell(row, column), value)
        if given is None:
            continue  # empty open cells take their column's style: unlocked (see below)
        answers = list(given.gates) + [None] * (len(gates) - len(given.gates))
        values = [
            *(_gate_cell(a) for a in answers[: len(gates)]),
            *given.scores,
            given.confidence,
            CONFLICT_MARK if given.conflict else None,
            given.comment or None,
        ]
        for offset, entry in enumerate(values):
            cell = sheet.cell(row, first_open + offset)
            cell._style = copy(wrap_open if first_open + offset == last_column else open_)
            _put(cell, entry)
    last_row = max(len(projects) + 1, 2)
    # The values stay the same words in every language (placeholders, so no translation
    # changes them); the messages around them are in the workbook's language.
    title = _text(NC_("Workbook", "Not on the list"), language)
    for index, gate in enumerate(gates):
        letter = get_column_letter(first_open + index)
        _validation(
            sheet,
            f'"{GATE_YES},{GATE_NO}"',
            f"{letter}2:{letter}{last_row}",
            title,
            _text(
                NC_("Workbook", "Pick {yes} or {no} from the list, or leave it empty."),
                language,
                yes=GATE_YES,
                no=GATE_NO,
            ),
            prompt=(_text(NC_("Workbook", "Gate {number}"), language, number=index + 1),
                    gate.get(language)),
        )  # fmt: skip
    for index, criterion in enumerate(criteria):
        letter = get_column_letter(first_score + index)
        low, high = criterion.scale.minimum, criterion.scale.maximum
        points = ",".join(str(v) for v in range(low, high + 1))
        _validation(
            sheet,
            f'"{points}"',
            f"{letter}2:{letter}{last_row}",
            title,
            _text(NC_("Workbook", "A whole number from {low} to {high}."), language,
                  low=low, high=high),
        )  # fmt: skip
    confidence = get_column_letter(first_score + len(criteria))
    conflict = get_column_letter(first_score + len(criteria) + 1)
    sure, unsure, least = CONFIDENCE
    _validation(
        sheet,
        f'"{",".join(CONFIDENCE)}"',
        f"{confidence}2:{confidence}{last_row}",
        title,
        _text(
            NC_("Workbook", "Pick {high}, {medium} or {low} from the list: how sure you are "
                "of your scores."),
            language, high=sure, medium=unsure, low=least,
        ),
    )  # fmt: skip
    _validation(
        sheet,
        f'"{CONFLICT_MARK}"',
        f"{conflict}2:{conflict}{last_row}",
        title,
        _text(
            NC_("Workbook", "Put {yes} if you have a conflict of interest with the project, "
                "or leave it empty."),
            language, yes=CONFLICT_MARK,
        ),
    )  # fmt: skip
    widths = [12, 20, 40, 28, *([12] * len(gates)), *([14] * len(criteria)), 12, 12, 60]
    for column, width in enumerate(widths, start=1):
        dimension = sheet.column_dimensions[get_column_letter(column)]
        dimension.width = width
        if column >= first_open:
            # The column's style is what Excel and LibreOffice give its empty cells: the
            # open columns need no cell written per row to be unlocked (a third fewer cells).
            dimension.protection = _OPEN
            if column == last_column:
                dimension.alignment = _TOP_WRAP
    sheet.freeze_panes = sheet.cell(2, first_open)
    _protect(sheet)


def _validation(
    sheet: Worksheet,
    formula: str,
    cells: str,
    title: str,
    message: str,
    *,
    prompt: tuple[str, str] | None = None,
) -> None:
    # One validation per column range: adding cells one by one is quadratic in openpyxl.
    # Excel refuses a title over 32 characters and a message over 255.
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title[:32],
        error=message[:255],
    )
    if prompt is not None:  # shown beside the cell in Excel and LibreOffice (255 at most)
        validation.showInputMessage = True
        validation.promptTitle = prompt[0][:32]
        validation.prompt = clean_text(prompt[1])[:255]
    validation.add(cells)
    sheet.add_data_validation(validation)


def _protect(sheet: Worksheet) -> None:
    # No password: protection keeps the identity columns from accidental edits; the merge
    # checks every cell whatever the protection.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # column widths and row heights stay adjustable
    sheet.protection.formatRows = False


def _write_projects(sheet: Worksheet, projects: Sequence[PackageProject], language: str) -> None:
    for column, text in enumerate(PROJECT_COLUMNS, start=1):
        cell = sheet.cell(1, column)
        _put(cell, _text(text, language))
        cell.font = _BOLD
    wrap = _style_of(sheet, alignment=_TOP_WRAP)
    for row, project in enumerate(projects, start=2):
        for column, value in enumerate(project.values(), start=1):
            cell = sheet.cell(row, column)
            cell._style = copy(wrap)
            _put(cell, value)
    for column, width in enumerate(_PROJECT_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "C2"
    _protect(sheet)


def _meta_rows(
    info: PackageInfo, headers: Sequence[str], signature: str | None
) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = [
        ("format", FORMAT_NAME),
        ("format_version", FORMAT_VERSION),
        ("edition", info.edition_key),
        ("round", info.round),
        ("expert", info.expert_code),
        ("expert_name", info.expert_name),
        ("package_id", info.package_id),
        ("revision", info.revision),
        ("criteria", ",".join(info.criteria)),
        ("gates", info.gates),
        ("language", info.language),
        # The header row as written, whatever its language: the reader checks the sheet's
        # against it (a catalogue corrected since does not make a workbook unreadable).
        ("headers", json.dumps(list(headers), ensure_ascii=False)),
        ("written_at", info.written_at.strftime("%Y-%m-%dT%H:%M:%SZ")),
        ("written_by", info.written_by),
    ]
    if signature is not None:
        rows.append(("signature", signature))
    return rows


def _write_meta(
    sheet: Worksheet, info: PackageInfo, headers: Sequence[str], signature: str | None
) -> None:
    for row, (key, value) in enumerate(_meta_rows(info, headers, signature), start=1):
        _put(sheet.cell(row, 1), key)
        _put(sheet.cell(row, 2), value)


_ROUND_NAMES = {
    "nomination": NC_("Workbook", "nomination round"),
    "final": NC_("Workbook", "final round"),
}


def _readme_lines(
    info: PackageInfo,
    criteria: Sequence[Criterion],
    gates: Sequence[LocalizedText],
    language: str,
) -> list[str]:
    """The read-me in `language`: how to fill it in, the gates, the criteria, the scale.
    The headers and list values it names are the sheet's own (placeholders), so what it
    says is what the expert sees."""

    def say(message: str, **params: object) -> str:
        return _text(message, language, **params)

    identity = [say(h) for h in IDENTITY_COLUMNS]
    confidence, conflict, comment = (say(h) for h in TAIL_COLUMNS)
    high, medium, low = CONFIDENCE
    round_name = say(_ROUND_NAMES[info.round]) if info.round in _ROUND_NAMES else info.round
    lines = [
        say(NC_("Workbook", "WSIS Prizes {edition}: review workbook ({round})"),
            edition=info.edition_key, round=round_name),
        say(NC_("Workbook", "Expert: {name} ({code})"),
            name=info.expert_name, code=info.expert_code),
        "",
        say(NC_("Workbook", "How to fill it in")),
        say(NC_("Workbook", "1. Read each project on the '{sheet}' sheet (one row per "
                "project, full texts)."), sheet=PROJECTS_SHEET),
        say(NC_("Workbook", "2. On the '{sheet}' sheet, pick a score for every criterion "
                "from the drop-down list."), sheet=SCORES_SHEET),
        say(NC_("Workbook", "3. {column}: how sure you are of your scores: pick {high}, "
                "{medium} or {low} from the list."),
            column=confidence, high=high, medium=medium, low=low),
        say(NC_("Workbook", "4. {column}: put {yes} and leave the scores empty if you have "
                "a conflict of interest with the project or its organisation."),
            column=conflict, yes=CONFLICT_MARK),
        say(NC_("Workbook", "5. {column}: optional, a few words on your scores."),
            column=comment),
        say(NC_("Workbook", "6. Do not change the locked columns, rename the sheets or add "
                "rows: the chair's app matches the rows by {column}."), column=identity[0]),
        say(NC_("Workbook", "7. Save as .xlsx (Excel Workbook) and send the file back to "
                "the chair.")),
        say(NC_("Workbook", "The words of the lists ({words}) are the same in every "
                "language: the chair's app reads them."),
            words=", ".join(dict.fromkeys((GATE_YES, GATE_NO, *CONFIDENCE)))),
        "",
    ]  # fmt: skip
    if gates:
        lines += [
            say(NC_("Workbook", "The gates: answer each before you score")),
            say(NC_("Workbook", "Each gate column asks a question the call puts before the "
                    "criteria: {yes} if the project meets it, {no} if it does not. A project "
                    "most of its experts answer {no} for is shown to the chair as failing "
                    "that gate."), yes=GATE_YES, no=GATE_NO),
        ]  # fmt: skip
        for number, gate in enumerate(gates, start=1):
            lines.append(
                say(NC_("Workbook", "{header}: {question}"),
                    header=gate_header(number, language), question=gate.get(language))
            )  # fmt: skip
        lines.append("")
    lines.append(say(NC_("Workbook", "The criteria")))
    for criterion in criteria:
        lines.append(
            say(NC_("Workbook", "{name} ({scale}): {description}"),
                name=criterion.name.get(language), scale=_scale_text(criterion),
                description=criterion.description.get(language))
        )  # fmt: skip
    lines += ["", say(NC_("Workbook", "The scale"))]
    scales = {c.scale for c in criteria}
    for scale in sorted(scales, key=lambda s: (s.minimum, s.maximum)):
        for point in scale.points:
            lines.append(f"{point.value} = {point.label.get(language)}")
    return lines


def _write_readme(
    sheet: Worksheet,
    info: PackageInfo,
    criteria: Sequence[Criterion],
    gates: Sequence[LocalizedText] = (),
) -> None:
    """Column A in the workbook's language; English beside in column B (for the chair, and
    the edition's own wording) unless the workbook is English."""
    columns = [info.language]
    if info.language != i18n.ENGLISH:
        columns.append(i18n.ENGLISH)
    for column, language in enumerate(columns, start=1):
        heading = sheet.cell(1, column)
        _put(heading, i18n.language(language).name)
        heading.font = _BOLD
        for row, text in enumerate(_readme_lines(info, criteria, gates, language), start=2):
            cell = sheet.cell(row, column)
            _put(cell, text or None)
            cell.alignment = _TOP_WRAP
        sheet.column_dimensions[get_column_letter(column)].width = 80 if column == 1 else 60


# --- reading ------------------------------------------------------------------------------

_REQUIRED_META = (
    "format",
    "format_version",
    "edition",
    "round",
    "expert",
    "package_id",
    "revision",
    "criteria",
)


def read_review_workbook(
    path: Path,
    criteria_for: Callable[[PackageInfo], Sequence[Criterion] | None],
    *,
    with_projects: bool = False,
    gates_for: Callable[[PackageInfo], int] | None = None,
) -> ReturnedWorkbook:
    """Read a returned workbook: its metadata, and every row parsed or its problems.

    `criteria_for` gives the criteria of the workbook's edition and round (None: no such
    round; it may raise InputRefused for an edition it does not review); each has the
    edition's scale. A workbook that cannot be read as a review workbook at all (no metadata sheet,
    another format version, changed columns) is refused with InputRefused.
    """
    name = path.name
    if not path.is_file():
        raise InputRefused(
            [
                Problem(
                    "review_workbook.no_such_file",
                    "there is no file at {path}",
                    {"path": str(path)},
                    file=name,
                )
            ],
            subject=name,
        )
    meta_rows: list[Row] = []
    score_rows: list[Row] = []
    project_rows: list[Row] = []
    sheets: list[str] = []
    with open_workbook(path) as tables:
        for table in tables:
            if table.sheet is not None:
                sheets.append(table.sheet)
            if table.sheet == META_SHEET:
                meta_rows = list(table.rows)
            elif table.sheet == SCORES_SHEET:
                score_rows = list(table.rows)
            elif table.sheet == PROJECTS_SHEET and with_projects:
                project_rows = list(table.rows)
    if META_SHEET not in sheets:
        raise InputRefused(
            [
                Problem(
                    "review_workbook.no_metadata",
                    "The workbook has no hidden '{sheet}' sheet: it is not a review workbook "
                    "written by panel-app, or it was saved in a way that dropped the hidden "
                    "sheet (copied into a new workbook, exported by another program)",
                    {"sheet": META_SHEET},
                    file=name,
                    expected="the review workbook as sent to the expert, filled in and saved "
                    "as .xlsx (in Excel: File > Save, not copy and paste into a new workbook)",
                )
            ],
            subject=name,
        )
    meta = _read_meta(name, meta_rows)
    info = _info(name, meta)
    if SCORES_SHEET not in sheets:
        raise _refuse_file(
            name,
            info,
            "review_workbook.no_scores",
            "The workbook has no '{sheet}' sheet",
            {"sheet": SCORES_SHEET},
            expected="the sheets as sent: the sheets must not be renamed or removed",
        )
    round_criteria = criteria_for(info)
    wanted = gates_for(info) if gates_for is not None and round_criteria is not None else None
    if wanted is not None and info.format_version >= GATES_FROM and info.gates != wanted:
        raise _refuse_file(
            name,
            info,
            "review_workbook.gates_unknown",
            "The workbook asks {found} nomination gate(s); the {round} round of the edition "
            "asks {wanted}",
            {"found": info.gates, "round": info.round, "wanted": wanted},
            expected=f"{wanted} gate column(s)",
        )
    if round_criteria is None:
        raise _refuse_file(
            name,
            info,
            "review_workbook.round_unknown",
            "The workbook is for the round '{round}', which this app does not know",
            {"round": info.round},
            expected="nomination or final",
        )
    criteria = {c.key: c for c in round_criteria}
    if list(info.criteria) != list(criteria):  # every criterion, in the edition's order
        raise _refuse_file(
            name,
            info,
            "review_workbook.criteria_unknown",
            "The workbook's criteria ({found}) are not the {round} round's criteria of the edition",
            {"found": ", ".join(info.criteria) or "none", "round": info.round},
            expected=", ".join(criteria),
        )
    width = len(IDENTITY_COLUMNS) + info.gates + len(criteria) + len(TAIL_COLUMNS)
    written = _written_headers(name, info, meta, width)
    result = ReturnedWorkbook(
        path,
        info,
        signature=meta.get("signature") or None,
        # Version 1 kept the key in the metadata sheet; version 2 in a part of its own.
        signing_key=_key(meta.get("signing_key", ""))
        if info.format_version == 1
        else _read_key_part(path, info),
        rows=[],
    )
    _read_scores(result, [criteria[k] for k in info.criteria], score_rows, written)
    if with_projects:
        result.projects = [
            PackageProject.from_values([cell_text(v) for v in _padded(cells, len(PROJECT_COLUMNS))])
            for _number, cells in project_rows[1:]
            if cells and cell_text(cells[0])
        ]
    return result


def _padded(cells: list[Any], width: int) -> list[Any]:
    return list(cells[:width]) + [None] * max(0, width - len(cells))


def _key(text: str) -> bytes | None:
    try:
        key = bytes.fromhex(text) if text else None
    except ValueError:
        return None
    return key if key is not None and len(key) == 32 else None


def _read_key_part(path: Path, info: PackageInfo) -> bytes | None:
    """The package's key from its part, when the workbook has one for this very package
    (the zip passed formats.zip_safety's checks before this is called); None otherwise."""
    with zipfile.ZipFile(path) as archive:
        try:
            entry = archive.getinfo(KEY_PART)
        except KeyError:
            return None
        if entry.file_size > _KEY_PART_MAX_BYTES:
            return None
        try:
            body = json.loads(archive.read(entry))
        except (ValueError, zipfile.BadZipFile):
            return None
    if not isinstance(body, dict):
        return None
    whose = (body.get("package_id"), body.get("expert"), body.get("round"))
    if whose != (info.package_id, info.expert_code, info.round):
        return None
    return _key(str(body.get("signing_key", "")))


def _read_meta(name: str, rows: list[Row]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for _number, cells in rows:
        if len(cells) >= 2 and cells[0] is not None:
            meta[cell_text(cells[0])] = cell_text(cells[1])
    problems = [
        Problem(
            "review_workbook.metadata_missing",
            "The metadata entry '{key}' is missing",
            {"key": key},
            file=name,
            sheet=META_SHEET,
            expected="the metadata as panel-app wrote it",
        )
        for key in _REQUIRED_META
        if not meta.get(key)
    ]
    if problems:
        raise InputRefused(problems, subject=name)
    if meta["format"] != FORMAT_NAME or meta["format_version"] not in map(str, READ_VERSIONS):
        raise InputRefused(
            [
                Problem(
                    "review_workbook.format_version",
                    "The workbook is '{format}' version {version}; this app reads '{name}' "
                    "versions 1 to {supported}",
                    {
                        "format": meta["format"],
                        "version": meta["format_version"],
                        "name": FORMAT_NAME,
                        "supported": FORMAT_VERSION,
                    },
                    file=name,
                    sheet=META_SHEET,
                    value=meta["format_version"],
                    expected=f"format version {FORMAT_VERSION} or older (update the app to read "
                    "newer ones)",
                )
            ],
            subject=name,
        )
    return meta


def _info(name: str, meta: dict[str, str]) -> PackageInfo:
    try:
        revision = int(meta["revision"])
    except ValueError:
        revision = -1
    if revision < 0:
        raise InputRefused(
            [
                Problem(
                    "review_workbook.revision_invalid",
                    "The revision is not a whole number",
                    file=name,
                    sheet=META_SHEET,
                    value=meta["revision"],
                    expected="0, 1, 2, ...",
                )
            ],
            subject=name,
        )
    try:
        written_at = datetime.fromisoformat(meta.get("written_at", "").replace("Z", "+00:00"))
    except ValueError:
        written_at = datetime.min
    version = int(meta["format_version"])
    language = meta.get("language", i18n.ENGLISH if version < LANGUAGES_FROM else "")
    if language not in i18n.CODES:
        raise InputRefused(
            [
                Problem(
                    "review_workbook.language_unknown",
                    "The workbook's language '{language}' is not one of the app's",
                    {"language": language},
                    file=name,
                    sheet=META_SHEET,
                    value=language,
                    expected=", ".join(i18n.CODES),
                )
            ],
            subject=name,
        )
    gates_text = meta.get("gates", "0" if version < GATES_FROM else "")
    gates = int(gates_text) if gates_text.isdigit() else -1
    if gates < 0:
        raise InputRefused(
            [
                Problem(
                    "review_workbook.gates_invalid",
                    "The number of gates is not a whole number",
                    file=name,
                    sheet=META_SHEET,
                    value=gates_text,
                    expected="0, 1, 2, ...",
                )
            ],
            subject=name,
        )
    return PackageInfo(
        edition_key=meta["edition"],
        round=meta["round"],
        expert_code=meta["expert"],
        expert_name=meta.get("expert_name", ""),
        package_id=meta["package_id"],
        revision=revision,
        criteria=tuple(k.strip() for k in meta["criteria"].split(",") if k.strip()),
        written_at=written_at,
        written_by=meta.get("written_by", ""),
        format_version=version,
        gates=gates,
        language=language,
    )


def _written_headers(name: str, info: PackageInfo, meta: dict[str, str], width: int) -> list[str]:
    """The scores sheet's header row as the workbook was written: in version 4 the
    metadata says it (whatever the language); before, it was English."""
    if info.format_version < LANGUAGES_FROM:
        return []
    text = meta.get("headers", "")
    try:
        headers = json.loads(text)
    except ValueError:
        headers = None
    if (
        not isinstance(headers, list)
        or len(headers) != width
        or not all(isinstance(h, str) for h in headers)
    ):
        raise _refuse_file(
            name,
            info,
            "review_workbook.headers_invalid",
            "The metadata's headers are not the {count} columns of the scores sheet",
            {"count": width},
            expected="the metadata as panel-app wrote it",
        )
    return headers


def workbook_file_label(name: str, info: PackageInfo) -> str:
    """How problems name the file: the file and whose workbook it is."""
    return f"{name} (expert {info.expert_code})"


def _refuse_file(
    name: str,
    info: PackageInfo,
    code: str,
    template: str,
    params: Mapping[str, Any],
    *,
    expected: str,
) -> InputRefused:
    return InputRefused(
        [Problem(code, template, params, file=workbook_file_label(name, info), expected=expected)],
        subject=name,
    )


def _read_scores(
    result: ReturnedWorkbook, criteria: list[Criterion], rows: list[Row], written: list[str]
) -> None:
    """The rows, columns found by position (the metadata's criteria and gates) once the
    header row is the one written: English before version 4; in version 4 the metadata's
    `headers`, compared as a spreadsheet program may save text (identity_text)."""
    file = workbook_file_label(result.path.name, result.info)
    gates = result.info.gates
    first = len(IDENTITY_COLUMNS) + gates  # the first criterion's cell
    width = first + len(criteria) + len(TAIL_COLUMNS)
    header_row = rows[0][1] if rows else []
    found = [cell_text(v) for v in header_row[:width]]
    if written:
        expected_headers = written
        same = [identity_text(v) for v in found] == [identity_text(v) for v in written]
    else:
        expected_headers = scores_headers(criteria, gates)
        same = found == expected_headers
    result.headers = tuple(expected_headers)
    if not same:
        raise InputRefused(
            [
                Problem(
                    "review_workbook.columns_changed",
                    "The columns of the scores sheet are not those written to the expert",
                    file=file,
                    sheet=SCORES_SHEET,
                    row=1,
                    value=" | ".join(found),
                    expected=" | ".join(expected_headers),
                )
            ],
            subject=result.path.name,
        )
    # A problem names a column by its header as written (in the workbook's language).
    identity = expected_headers[: len(IDENTITY_COLUMNS)]
    gate_columns = expected_headers[len(IDENTITY_COLUMNS) : first]
    columns = expected_headers[first:]
    seen: dict[str, int] = {}
    for number, cells in rows[1:]:
        cells = _padded(cells, width)
        if all(v is None or cell_text(v) == "" for v in cells):
            continue
        problems: list[Problem] = []
        problem = partial(_row_problem, problems, file, number)
        try:
            submission_id = normalise_id(cells[0])
        except CellRefused as refused:
            problem(identity[0], cells[0], refused.code, refused.template, "an ID")
            result.problems[number] = problems
            continue
        if submission_id in seen:
            problem(
                identity[0],
                cells[0],
                "review_workbook.duplicate_row",
                "Submission {submission_id} appears twice (also row {other})",
                "each project once",
                submission_id=submission_id,
                other=seen[submission_id],
            )
        seen.setdefault(submission_id, number)
        result.identities.append(
            RowIdentity(number, submission_id, (cell_text(cells[1]), cell_text(cells[2]),
                                                cell_text(cells[3])))
        )  # fmt: skip
        answers: list[bool | None] = []
        for offset in range(gates):
            value = cells[len(IDENTITY_COLUMNS) + offset]
            text = cell_text(value).strip().lower()
            answer = True if text in _YES else False if text in _NO_WORDS else None
            if answer is None and text:
                problem(
                    gate_columns[offset],
                    value,
                    "review_workbook.gate_invalid",
                    "The gate's answer is not 'yes', 'no' or empty",
                    "yes, no, or empty",
                )
            answers.append(answer)
        scores: list[int | None] = []
        for offset, criterion in enumerate(criteria):
            value = cells[first + offset]
            on_scale, score = _score(value, criterion)
            if not on_scale:
                problem(
                    columns[offset],
                    value,
                    "review_workbook.score_off_scale",
                    "The score is not on the scale",
                    f"a whole number from {criterion.scale.minimum} to {criterion.scale.maximum}, "
                    "or empty",
                )
            scores.append(score)
        tail = first + len(criteria)
        confidence_text = cell_text(cells[tail]).lower()
        confidence = confidence_text or None
        if confidence is not None and confidence not in CONFIDENCE:
            problem(
                columns[-3],
                cells[tail],
                "review_workbook.confidence_invalid",
                "The confidence is not one of the choices",
                "high, medium, low, or empty",
            )
        conflict_text = cell_text(cells[tail + 1]).lower()
        conflict = conflict_text in _YES
        if not conflict and conflict_text not in _NO:
            problem(
                columns[-2],
                cells[tail + 1],
                "review_workbook.conflict_invalid",
                "The conflict-of-interest mark is not 'yes' or empty",
                "yes, or empty",
            )
        if conflict and any(s is not None for s in scores):
            problem(
                columns[-2],
                cells[tail + 1],
                "review_workbook.conflict_scored",
                "A project marked as a conflict of interest has scores",
                "no scores for a project with a conflict of interest (remove the scores, "
                "or the mark)",
            )
        if conflict and any(a is not None for a in answers):
            problem(
                columns[-2],
                cells[tail + 1],
                "review_workbook.conflict_gated",
                "A project marked as a conflict of interest has gates answered",
                "no answers for a project with a conflict of interest (remove them, or the mark)",
            )
        comment_cell = cells[tail + 2]
        if is_excel_error(comment_cell) or any(
            is_excel_error(v) for v in cells[len(IDENTITY_COLUMNS) : tail]
        ):
            problem(
                columns[-1],
                comment_cell,
                "review_workbook.error_cell",
                "A cell of the row holds an error value",
                "scores, a choice or text",
            )
        if problems:
            result.problems[number] = problems
            continue
        result.rows.append(
            ReadRow(
                number,
                ScoreRow(
                    submission_id,
                    tuple(scores),
                    confidence,
                    conflict,
                    normalise_comment(cell_text(comment_cell)),
                    tuple(answers),
                ),
            )
        )


def _row_problem(
    problems: list[Problem],
    file: str,
    row: int,
    column: str,
    value: object,
    code: str,
    template: str,
    expected: str,
    **params: Any,
) -> None:
    problems.append(
        Problem(
            code,
            template,
            params,
            file=file,
            sheet=SCORES_SHEET,
            row=row,
            column=column,
            value=cell_text(value),
            expected=expected,
        )
    )


def _score(value: object, criterion: Criterion) -> tuple[bool, int | None]:
    """(on the scale, the score); an empty cell is on the scale, as no score."""
    if value is None:
        return True, None
    if isinstance(value, bool):
        return False, None
    number: int | float
    if isinstance(value, int | float):
        number = value
    else:
        text = cell_text(value)
        if text == "":
            return True, None
        try:
            number = float(text)
        except ValueError:
            return False, None
    if isinstance(number, float) and not number.is_integer():
        return False, None  # also NaN and infinities
    whole = int(number)
    if not criterion.scale.minimum <= whole <= criterion.scale.maximum:
        return False, None
    return True, whole
