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

from panel_app.characters import clean_text
from panel_app.edition import Criterion, LocalizedText
from panel_app.formats.cells import CellRefused, cell_text, is_excel_error, normalise_id
from panel_app.formats.tabular import Row, open_workbook
from panel_app.formats.text_cells import keep_text, xlsx_text
from panel_app.problems import InputRefused, Problem

FORMAT_NAME = "wsis-panel-review-workbook"
FORMAT_VERSION = 3
# Version 1 (the key in the metadata sheet) and version 2 (no nomination gates) are still
# read: their packages and exports merge, with no gate answered.
READ_VERSIONS = (1, 2, 3)
GATES_FROM = 3  # the first version with the nomination gates' columns

# The package's key: a part of the zip that no relationship reaches, so no sheet shows it
# and a spreadsheet program does not keep it when it saves the workbook.
KEY_PART = "panel-app/package-key.json"
KEY_PART_TYPE = "application/vnd.wsis-panel-app.package-key+json"
_KEY_PART_MAX_BYTES = 4096

README_SHEET = "Read me"
SCORES_SHEET = "Scores"
PROJECTS_SHEET = "Projects"
META_SHEET = "Metadata"

CONFIDENCE = ("high", "medium", "low")
CONFLICT_MARK = "yes"
_YES = frozenset({"yes", "y", "x", "true", "1", "是"})
_NO = frozenset({"", "no", "n", "false", "0", "否"})
GATE_YES, GATE_NO = "yes", "no"
_NO_WORDS = _NO - {""}

# The scores sheet: identity columns, then one per nomination gate (version 3; the
# nomination round), then one per criterion, then these.
IDENTITY_COLUMNS = ("Submission ID", "Category", "Project title", "Organisation")
TAIL_COLUMNS = ("Confidence", "Conflict of interest", "Comment")
PROJECT_COLUMNS = (
    "Submission ID",
    "Category",
    "Project title",
    "Organisation",
    "Country",
    "Stakeholder type",
    "SDGs",
    "Project status",
    "Website",
    "Summary",
    "Action line and SDG linkage",
    "Impact",
    "Partnerships",
    "Challenges and future",
    "Category key",
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
    book = Workbook()
    readme = book.active
    assert readme is not None
    readme.title = README_SHEET
    _write_readme(readme, info, criteria, gates)
    sheet = book.create_sheet(SCORES_SHEET)
    _write_scores(sheet, criteria, projects, scores or {}, gates)
    _write_projects(book.create_sheet(PROJECTS_SHEET), projects)
    meta = book.create_sheet(META_SHEET)
    _write_meta(meta, info, signature)
    meta.sheet_state = "veryHidden"  # only a macro unhides it
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


def gate_header(number: int) -> str:
    """The scores sheet's header of the gate `number` (1-based)."""
    return f"Gate {number} (yes/no)"


def _gate_cell(answer: bool | None) -> str | None:
    return None if answer is None else GATE_YES if answer else GATE_NO


def _write_scores(
    sheet: Worksheet,
    criteria: Sequence[Criterion],
    projects: Sequence[PackageProject],
    scores: Mapping[str, ScoreRow],
    gates: Sequence[LocalizedText] = (),
) -> None:
    headers = [
        *IDENTITY_COLUMNS,
        *(gate_header(n) for n in range(1, len(gates) + 1)),
        *(f"{c.name.en} ({_scale_text(c)})" for c in criteria),
        *TAIL_COLUMNS,
    ]
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
    for index, gate in enumerate(gates):
        letter = get_column_letter(first_open + index)
        _validation(
            sheet,
            f'"{GATE_YES},{GATE_NO}"',
            f"{letter}2:{letter}{last_row}",
            "yes, no, or leave it empty / 填 yes 或 no，或留空",
            prompt=(f"Gate {index + 1}", gate.en),
        )
    for index, criterion in enumerate(criteria):
        letter = get_column_letter(first_score + index)
        low, high = criterion.scale.minimum, criterion.scale.maximum
        points = ",".join(str(v) for v in range(low, high + 1))
        _validation(
            sheet,
            f'"{points}"',
            f"{letter}2:{letter}{last_row}",
            f"A whole number from {low} to {high} / 请输入{low}到{high}的整数",
        )
    confidence = get_column_letter(first_score + len(criteria))
    conflict = get_column_letter(first_score + len(criteria) + 1)
    _validation(
        sheet,
        f'"{",".join(CONFIDENCE)}"',
        f"{confidence}2:{confidence}{last_row}",
        "high, medium or low / 高 (high)、中 (medium)、低 (low)",
    )
    _validation(
        sheet,
        f'"{CONFLICT_MARK}"',
        f"{conflict}2:{conflict}{last_row}",
        "yes, or leave it empty / 填 yes 或留空",
    )
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
    message: str,
    *,
    prompt: tuple[str, str] | None = None,
) -> None:
    # One validation per column range: adding cells one by one is quadratic in openpyxl.
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not on the list / 不在列表中",
        error=message,
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


def _write_projects(sheet: Worksheet, projects: Sequence[PackageProject]) -> None:
    for column, text in enumerate(PROJECT_COLUMNS, start=1):
        cell = sheet.cell(1, column)
        _put(cell, text)
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


def _meta_rows(info: PackageInfo, signature: str | None) -> list[tuple[str, object]]:
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
        ("written_at", info.written_at.strftime("%Y-%m-%dT%H:%M:%SZ")),
        ("written_by", info.written_by),
    ]
    if signature is not None:
        rows.append(("signature", signature))
    return rows


def _write_meta(sheet: Worksheet, info: PackageInfo, signature: str | None) -> None:
    for row, (key, value) in enumerate(_meta_rows(info, signature), start=1):
        _put(sheet.cell(row, 1), key)
        _put(sheet.cell(row, 2), value)


def _write_readme(
    sheet: Worksheet,
    info: PackageInfo,
    criteria: Sequence[Criterion],
    gates: Sequence[LocalizedText] = (),
) -> None:
    lines: list[tuple[str, str]] = [
        (
            f"WSIS Prizes {info.edition_key}: review workbook ({info.round} round)",
            f"WSIS 信息社会世界峰会奖 {info.edition_key}：评审工作簿（{_round_zh(info.round)}）",
        ),
        (f"Expert: {info.expert_name} ({info.expert_code})", f"评审专家：{info.expert_name}"),
        ("", ""),
        ("How to fill it in", "填写说明"),
        (
            "1. Read each project on the 'Projects' sheet (one row per project, full texts).",
            "1. 在 'Projects' 工作表中阅读每个项目（每行一个项目，含全文）。",
        ),
        (
            "2. On the 'Scores' sheet, pick a score for every criterion from the drop-down list.",
            "2. 在 'Scores' 工作表中，从下拉列表为每项标准选择分数。",
        ),
        (
            "3. Confidence: high, medium or low - how sure you are of your scores.",
            "3. 把握程度（Confidence）：high（高）、medium（中）或 low（低）。",
        ),
        (
            "4. Conflict of interest: put 'yes' and leave the scores empty if you have one "
            "with the project or its organisation.",
            "4. 利益冲突（Conflict of interest）：如与该项目或其机构有利益冲突，填 'yes'，"
            "并将分数留空。",
        ),
        (
            "5. Comment: optional, a few words on your scores.",
            "5. 评语（Comment）：可选，简要说明评分理由。",
        ),
        (
            "6. Do not change the grey columns, rename sheets or add rows: the chair's app "
            "matches the rows by Submission ID.",
            "6. 请勿修改编号等锁定列、重命名工作表或增加行：主席的软件按提交编号（Submission ID）"
            "核对各行。",
        ),
        (
            "7. Save as .xlsx (Excel Workbook) and send the file back to the chair.",
            "7. 以 .xlsx 格式（Excel 工作簿）保存，并将文件发回评审主席。",
        ),
        ("", ""),
    ]
    if gates:
        lines += [
            ("The gates: answer each before you score", "评分前须回答的门槛问题"),
            (
                "Each gate column asks a yes/no question the call puts before the criteria: "
                "'yes' if the project meets it, 'no' if it does not. A project most of its "
                "experts answer 'no' for is shown to the chair as failing that gate.",
                "每个门槛列是征集通知在评分标准之前提出的是/否问题：项目符合则填 'yes'，不符合则"
                "填 'no'。多数评审专家填 'no' 的项目将向主席显示为未通过该门槛。",
            ),
        ]
        for number, gate in enumerate(gates, start=1):
            lines.append((f"{gate_header(number)}: {gate.en}", f"门槛 {number}：{gate.zh}"))
        lines.append(("", ""))
    lines += [("The criteria", "评分标准")]
    for criterion in criteria:
        lines.append(
            (
                f"{criterion.name.en} ({_scale_text(criterion)}): {criterion.description.en}",
                f"{criterion.name.zh}（{_scale_text(criterion)}）：{criterion.description.zh}",
            )
        )
    lines += [("", ""), ("The scale", "评分等级")]
    scales = {c.scale for c in criteria}
    for scale in sorted(scales, key=lambda s: (s.minimum, s.maximum)):
        for point in scale.points:
            lines.append((f"{point.value} = {point.label.en}", f"{point.value} = {point.label.zh}"))
    _put(sheet.cell(1, 1), "English")
    _put(sheet.cell(1, 2), "中文")
    sheet.cell(1, 1).font = sheet.cell(1, 2).font = _BOLD
    for row, (english, chinese) in enumerate(lines, start=2):
        for column, text in ((1, english), (2, chinese)):
            cell = sheet.cell(row, column)
            _put(cell, text or None)
            cell.alignment = _TOP_WRAP
    sheet.column_dimensions["A"].width = 80
    sheet.column_dimensions["B"].width = 60


def _round_zh(round_key: str) -> str:
    return {"nomination": "提名轮", "final": "终评轮"}.get(round_key, round_key)


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
    _read_scores(result, [criteria[k] for k in info.criteria], score_rows)
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
    )


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


def _read_scores(result: ReturnedWorkbook, criteria: list[Criterion], rows: list[Row]) -> None:
    file = workbook_file_label(result.path.name, result.info)
    gates = result.info.gates
    first = len(IDENTITY_COLUMNS) + gates  # the first criterion's cell
    width = first + len(criteria) + len(TAIL_COLUMNS)
    headers = [
        *(gate_header(n) for n in range(1, gates + 1)),
        *(f"{c.name.en} ({_scale_text(c)})" for c in criteria),
    ]
    header_row = rows[0][1] if rows else []
    found = [cell_text(v) for v in header_row[:width]]
    expected_headers = [*IDENTITY_COLUMNS, *headers, *TAIL_COLUMNS]
    if found != expected_headers:
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
    columns = [*(c.name.en for c in criteria), *TAIL_COLUMNS]
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
            problem(IDENTITY_COLUMNS[0], cells[0], refused.code, refused.template, "an ID")
            result.problems[number] = problems
            continue
        if submission_id in seen:
            problem(
                IDENTITY_COLUMNS[0],
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
                    gate_header(offset + 1),
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
                TAIL_COLUMNS[0],
                cells[tail],
                "review_workbook.confidence_invalid",
                "The confidence is not one of the choices",
                "high, medium, low, or empty",
            )
        conflict_text = cell_text(cells[tail + 1]).lower()
        conflict = conflict_text in _YES
        if not conflict and conflict_text not in _NO:
            problem(
                TAIL_COLUMNS[1],
                cells[tail + 1],
                "review_workbook.conflict_invalid",
                "The conflict-of-interest mark is not 'yes' or empty",
                "yes, or empty",
            )
        if conflict and any(s is not None for s in scores):
            problem(
                TAIL_COLUMNS[1],
                cells[tail + 1],
                "review_workbook.conflict_scored",
                "A project marked as a conflict of interest has scores",
                "no scores for a project with a conflict of interest (remove the scores, "
                "or the mark)",
            )
        if conflict and any(a is not None for a in answers):
            problem(
                TAIL_COLUMNS[1],
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
                TAIL_COLUMNS[2],
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
