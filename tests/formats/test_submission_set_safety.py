"""Files that are not a safe, complete workbook are refused before any parser sees them."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import openpyxl.xml
import pytest

from panel_app.edition import Edition
from panel_app.formats.submission_set import read_submission_set
from panel_app.formats.tabular import CALAMINE_MAX_CELL_BYTES, choose_engine
from panel_app.formats.zip_safety import (
    GiB,
    MiB,
    WorkbookZip,
    ZipLimits,
    check_workbook_zip,
    copy_parts_verified,
)
from panel_app.problems import InputRefused, Problem
from tests.formats.conftest import row, write_xlsx


def refused(path: Path, edition: Edition, engine: str = "auto") -> Problem:
    with pytest.raises(InputRefused) as caught:
        read_submission_set(path, edition, engine=engine)  # type: ignore[arg-type]
    (problem,) = caught.value.problems
    assert problem.file == path.name
    return problem


def write_zip(path: Path, entries: Iterable[tuple[str, bytes | list[bytes], int, int]]) -> Path:
    """A zip written by hand: (name, raw deflate data, declared size, CRC) per entry.

    Lets a test declare any uncompressed size, and stream a huge expansion cheaply.
    """
    central = b""
    with path.open("wb") as out:
        for name, data, size, crc in entries:
            pieces = data if isinstance(data, list) else [data]
            compressed = sum(len(p) for p in pieces)
            offset = out.tell()
            encoded = name.encode()
            out.write(
                struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, compressed,
                            size, len(encoded), 0) + encoded
            )  # fmt: skip
            for piece in pieces:
                out.write(piece)
            central += (
                struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, compressed,
                            size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
            )  # fmt: skip
        start = out.tell()
        out.write(central)
        count = len(central and path.name) and central.count(b"PK\x01\x02")
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central),
                              start, 0))  # fmt: skip
    return path


def deflate(data: bytes) -> bytes:
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    return squeeze.compress(data) + squeeze.flush()


def zeros_deflated(total: int) -> list[bytes]:
    """`total` zero bytes as one raw deflate stream, built from one repeated block."""
    block = 1 * MiB
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = squeeze.compress(b"\0" * block) + squeeze.flush(zlib.Z_FULL_FLUSH)
    again = squeeze.compress(b"\0" * block) + squeeze.flush(zlib.Z_FULL_FLUSH)
    # After a full flush each block compresses alike: the stream is first + again * n.
    return [first] + [again] * (total // block - 1) + [squeeze.flush()]


def minimal_parts(
    sheet: bytes | list[bytes], size: int, crc: int = 0
) -> list[tuple[str, bytes | list[bytes], int, int]]:
    content_types = b"<Types/>"
    book = b"<workbook/>"
    return [
        (
            "[Content_Types].xml",
            deflate(content_types),
            len(content_types),
            zlib.crc32(content_types),
        ),
        ("xl/workbook.xml", deflate(book), len(book), zlib.crc32(book)),
        ("xl/worksheets/sheet1.xml", sheet, size, crc),
    ]


def listed_parts(
    sheet: bytes | list[bytes], size: int, crc: int = 0
) -> list[tuple[str, bytes | list[bytes], int, int]]:
    """minimal_parts with the sheet listed in the workbook, as a reader finds it."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    book = (
        f'<workbook xmlns="{main}" xmlns:r="{relationships}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ).encode()
    rels = (
        f'<Relationships xmlns="{package}"><Relationship Id="rId1" '
        f'Type="{relationships}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ).encode()
    parts = [p for p in minimal_parts(sheet, size, crc) if p[0] != "xl/workbook.xml"]
    return [
        *parts[:1],
        ("xl/workbook.xml", deflate(book), len(book), zlib.crc32(book)),
        ("xl/_rels/workbook.xml.rels", deflate(rels), len(rels), zlib.crc32(rels)),
        *parts[1:],
    ]


def test_decompression_bomb_is_refused_from_the_directory(tmp_path: Path, edition: Edition) -> None:
    size = 2 * GiB
    path = write_zip(tmp_path / "bomb.xlsx", minimal_parts(zeros_deflated(size), size))
    assert path.stat().st_size < 3 * MiB
    for engine in ("calamine", "stream", "openpyxl"):
        problem = refused(path, edition, engine)
        assert problem.code == "workbook.bomb"
        assert problem.params["part"] == "xl/worksheets/sheet1.xml"
        assert problem.params["ratio"] > 1000
        assert problem.describe() == (
            f"bomb.xlsx: The workbook part 'xl/worksheets/sheet1.xml' would expand "
            f"{problem.params['ratio']}-fold (to 2.0 GiB); real workbooks expand at most "
            "100-fold: this looks like a decompression bomb; expected a workbook as Excel or "
            "LibreOffice saves it"
        )


def test_bomb_with_a_lying_header_is_stopped_at_the_declared_size(
    tmp_path: Path, edition: Edition
) -> None:
    # Declares 1 KiB, expands to 64 MiB: the directory looks fine, the inflating budget
    # stops it after 1 KiB + 1 byte.
    path = write_zip(tmp_path / "liar.xlsx", listed_parts(zeros_deflated(64 * MiB), 1024))
    for engine in ("calamine", "stream"):
        problem = refused(path, edition, engine)
        assert problem.code == "workbook.damaged"
        assert problem.message == (
            "The workbook part 'xl/worksheets/sheet1.xml' does not match its declared size "
            "or checksum: the file is damaged or crafted"
        )


def test_copy_checks_sizes_and_crc(tmp_path: Path) -> None:
    data = b"<worksheet>" + b"x" * 5000 + b"</worksheet>"
    good = write_zip(
        tmp_path / "good.xlsx", minimal_parts(deflate(data), len(data), zlib.crc32(data))
    )
    copy_parts_verified(check_workbook_zip(good), tmp_path / "copy.xlsx", wanted=lambda n: True)
    with zipfile.ZipFile(tmp_path / "copy.xlsx") as archive:
        assert archive.read("xl/worksheets/sheet1.xml") == data
        assert archive.getinfo("xl/worksheets/sheet1.xml").compress_type == zipfile.ZIP_STORED
    bad = write_zip(tmp_path / "bad.xlsx", minimal_parts(deflate(data), len(data), 12345))
    with pytest.raises(InputRefused) as caught:
        copy_parts_verified(check_workbook_zip(bad), tmp_path / "copy2.xlsx", wanted=lambda n: True)
    assert caught.value.problems[0].code == "workbook.damaged"


def test_limits_on_size_and_count(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1001)])
    with pytest.raises(InputRefused) as caught:
        check_workbook_zip(path, ZipLimits(max_entries=3))
    problem = caught.value.problems[0]
    assert problem.code == "workbook.too_many_parts"
    assert problem.message.endswith("more than the limit of 3")
    with pytest.raises(InputRefused) as caught:
        check_workbook_zip(path, ZipLimits(max_total_bytes=1000))
    assert caught.value.problems[0].code == "workbook.too_large"
    with pytest.raises(InputRefused) as caught:
        check_workbook_zip(path, ZipLimits(max_entry_bytes=1000))
    assert caught.value.problems[0].code == "workbook.part_too_large"


def test_overlapping_entries_are_refused(tmp_path: Path) -> None:
    data = b"<worksheet/>"
    path = write_zip(tmp_path / "set.xlsx", minimal_parts(deflate(data), len(data)))
    raw = bytearray(path.read_bytes())
    # Point the second entry's directory record at the first entry's bytes.
    records = [i for i in range(len(raw)) if raw[i : i + 4] == b"PK\x01\x02"]
    struct.pack_into("<L", raw, records[1] + 42, 0)
    path.write_bytes(bytes(raw))
    with pytest.raises(InputRefused) as caught:
        check_workbook_zip(path)
    assert caught.value.problems[0].code == "workbook.damaged"


def test_truncated_workbook(tmp_path: Path, edition: Edition) -> None:
    path = write_xlsx(tmp_path / "set.xlsx", [row(1000 + i) for i in range(50)])
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    problem = refused(path, edition)
    assert problem.code == "file.truncated"
    assert problem.describe() == (
        "set.xlsx: The workbook is incomplete or damaged (cut off during download or copy?); "
        "expected the complete file: download or copy it again"
    )


def test_password_protected_or_xls(tmp_path: Path, edition: Edition) -> None:
    path = tmp_path / "set.xlsx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 4096)
    problem = refused(path, edition)
    assert problem.code == "file.encrypted"
    assert problem.describe() == (
        "set.xlsx: The file is password-protected or an old .xls file, not an .xlsx workbook; "
        "expected an .xlsx workbook without a password (in Excel: remove the password, or "
        "Save As 'Excel Workbook (.xlsx)')"
    )


def test_zero_bytes(tmp_path: Path, edition: Edition) -> None:
    path = tmp_path / "set.xlsx"
    path.write_bytes(b"")
    problem = refused(path, edition)
    assert problem.describe() == "set.xlsx: The file is empty (0 bytes); expected a submission set"


def test_text_file_named_xlsx(tmp_path: Path, edition: Edition) -> None:
    path = tmp_path / "set.xlsx"
    path.write_text("Submission ID,Project title\n1001,Clinics\n", encoding="utf-8")
    problem = refused(path, edition)
    assert problem.describe() == (
        "set.xlsx: The file is not an Excel workbook; expected an .xlsx workbook saved by "
        "Excel or LibreOffice"
    )


def test_zip_that_is_not_a_workbook(tmp_path: Path, edition: Edition) -> None:
    path = tmp_path / "set.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    problem = refused(path, edition)
    assert (problem.code, problem.message) == (
        "file.not_workbook",
        "The file is a zip archive but not an Excel workbook",
    )


def test_damaged_xml_is_refused_by_either_engine(tmp_path: Path, edition: Edition) -> None:
    data = b"<worksheet><sheetData><row"
    parts = minimal_parts(deflate(data), len(data), zlib.crc32(data))
    path = write_zip(tmp_path / "set.xlsx", parts)
    for engine in ("calamine", "stream", "openpyxl"):
        assert refused(path, edition, engine).code == "workbook.damaged"


@pytest.mark.parametrize("name", ["set.xls", "set.ods", "set.txt", "set"])
def test_unknown_extension(tmp_path: Path, edition: Edition, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"anything")
    problem = refused(path, edition)
    assert problem.code == "file.unsupported_type"
    assert problem.expected == ".xlsx (Excel workbook) or .csv (UTF-8 text)"


def test_engine_choice_by_size(tmp_path: Path) -> None:
    def sized(cell_bytes: int) -> WorkbookZip:
        return WorkbookZip(tmp_path / "x.xlsx", (), cell_bytes, cell_bytes)

    assert choose_engine(sized(10 * MiB)) == "calamine"
    assert choose_engine(sized(CALAMINE_MAX_CELL_BYTES)) == "calamine"
    assert choose_engine(sized(CALAMINE_MAX_CELL_BYTES + 1)) == "stream"
    assert choose_engine(sized(3 * GiB)) == "stream"
    assert choose_engine(sized(3 * GiB), "calamine") == "calamine"
    assert choose_engine(sized(1), "openpyxl") == "openpyxl"


def test_openpyxl_parses_through_defusedxml() -> None:
    assert openpyxl.xml.DEFUSEDXML is True


def test_the_streaming_reader_refuses_a_document_type_declaration(
    tmp_path: Path, edition: Edition
) -> None:
    """Entities (a "billion laughs" expansion among them) come with a DTD, which neither
    Excel nor LibreOffice writes: the streaming reader refuses any."""
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    data = (
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY l0 "ha">' + laughs + "]>"
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    path = write_zip(
        tmp_path / "laughs.xlsx", listed_parts(deflate(data), len(data), zlib.crc32(data))
    )
    problem = refused(path, edition, "stream")
    assert problem.code == "workbook.damaged"
    assert "document type declaration" in problem.message
