"""What every file for the secretariat says about itself beyond its own facts: the audit
log's position and chain head it was made from (docs/formats/audit-chain.md), written in
its About sheet, and read back from one, so that the secretariat can ask the workspace
whether the file matches its record (`panel-app verify-export`)."""

from __future__ import annotations

from pathlib import Path

from panel_app.problems import InputRefused, Problem

CHAIN_POSITION = "Audit log position"
CHAIN_HEAD = "Audit log head SHA-256"

Chain = tuple[int, str]  # the last entry's place in the chain, and its hash


def chain_about(chain: Chain | None) -> list[tuple[str, object]]:
    """The About rows for `chain` (none when the export was made without one)."""
    if chain is None:
        return []
    position, head = chain
    return [(CHAIN_POSITION, position), (CHAIN_HEAD, head)]


def read_export_chain(path: Path) -> Chain:
    """The chain an exported .xlsx was made from; InputRefused (located) when it has none."""
    import openpyxl

    def refuse(
        code: str,
        template: str,
        expected: str,
        params: dict[str, object] | None = None,
        sheet: str | None = None,
    ) -> InputRefused:
        problem = Problem(
            code, template, params or {}, file=path.name, sheet=sheet, expected=expected
        )
        return InputRefused([problem], subject=path.name)

    if path.suffix.lower() != ".xlsx":
        raise refuse(
            "export.no_about",
            "Only an .xlsx export carries the audit log's chain head (a .csv holds the "
            "table alone, a PDF states it on its cover)",
            "the .xlsx file of the same export",
        )
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip, XML and openpyxl's own errors
        raise refuse(
            "workbook.damaged",
            "The workbook could not be read: {reason}",
            "an export of panel-app, as saved",
            {"reason": str(exc)[:300]},
        ) from exc
    try:
        if "About" not in book.sheetnames:
            raise refuse(
                "export.no_about", "The workbook has no About sheet", "an export of panel-app"
            )
        about = {
            str(row[0]): row[1]
            for row in book["About"].iter_rows(values_only=True)
            if row and row[0] is not None and len(row) > 1
        }
    finally:
        book.close()
    position, head = about.get(CHAIN_POSITION), about.get(CHAIN_HEAD)
    if not isinstance(position, int) or not isinstance(head, str) or len(head) != 64:
        raise refuse(
            "export.no_chain",
            "The About sheet does not state the audit log's position and chain head (made "
            "by an earlier version, or edited)",
            f"the rows '{CHAIN_POSITION}' and '{CHAIN_HEAD}'",
            sheet="About",
        )
    return position, head
