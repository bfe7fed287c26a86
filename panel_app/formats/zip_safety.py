"""Checks on an .xlsx container before any workbook parser sees it.

An .xlsx is a zip file of XML parts. A crafted one can expand to gigabytes from a few
kilobytes (a decompression bomb): python-calamine then aborts the whole process and
openpyxl streams the expansion into memory. So the container is judged from its central
directory first (entry count, declared sizes, compression ratios, overlapping entries),
which takes milliseconds whatever the file claims, and refused with a Problem.

Declared sizes can lie. Python's zipfile (openpyxl's path) never returns more than the
declared size of an entry; the Rust zip crate under calamine does not stop there. So the
calamine path reads a copy of the parts written by `copy_parts_verified`, which inflates
each part with a budget of its declared size (bounded memory) and checks its CRC.

Why a copy, and not a check without writing followed by calamine on the original file:
a lying header defeats every check of the directory (it can declare any size and a
harmless ratio, while deflate can still expand ~1000-fold), so only inflating the data
proves its size, and calamine must then not inflate it again. Measured on a 10k-row set
(128 MB of sheet XML): calamine on the original file 0.99 s, of which ~0.53 s is its own
inflating (slower than zlib's); inflating in Python and discarding 0.38 s; calamine on
the uncompressed copy 0.46 s. Checking without writing would cost 0.38 + 0.99 s, the copy
0.42 + 0.46 s (writing is done by a helper thread, see `copy_parts_verified`). The parts
are inflated with zlib-ng, not zlib: 0.31 s against 0.80 s for the same 128 MB with its
CRC (measured side by side on a busy machine); the copy is then paced by the helper's
writing and CRC, not by the inflating.
"""

from __future__ import annotations

import itertools
import struct
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO, NoReturn

from zlib_ng import zlib_ng

from panel_app.problems import InputRefused, Problem

MiB = 1024 * 1024
GiB = 1024 * MiB

# First bytes of an OLE2 compound file: an encrypted .xlsx (Excel wraps it in one) or an
# old binary .xls.
CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_EOCD = struct.Struct("<4s4H2LH")  # end of central directory record
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_CHUNK = 1 * MiB


@dataclass(frozen=True)
class ZipLimits:
    """What a real submission set may need, with room to spare.

    A realistic 100k-submission workbook is ~500 MB compressed and a few GB of XML; real
    sheet XML compresses 5-25x (measured: 7x for long texts, 24x for one value repeated
    over 1.7 million cells), a decompression bomb 1000x.
    """

    max_entries: int = 10_000
    max_entry_bytes: int = 4 * GiB
    max_total_bytes: int = 8 * GiB
    max_ratio: float = 100.0
    ratio_from_bytes: int = 1 * MiB  # small parts (styles, themes) may compress better


DEFAULT_LIMITS = ZipLimits()


@dataclass(frozen=True)
class WorkbookZip:
    """A container that passed the checks: its entries and declared sizes."""

    path: Path
    entries: tuple[zipfile.ZipInfo, ...]
    total_bytes: int  # declared uncompressed size of all entries
    cell_bytes: int  # declared uncompressed size of the worksheets and shared strings

    def names(self) -> set[str]:
        return {e.filename for e in self.entries}


def human_size(size: int) -> str:
    for unit, factor in (("GiB", GiB), ("MiB", MiB), ("KiB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"


def check_workbook_zip(path: Path, limits: ZipLimits = DEFAULT_LIMITS) -> WorkbookZip:
    """The container's entries if it is a safe .xlsx zip; InputRefused otherwise."""
    refuse = _Refuser(path)
    size = path.stat().st_size
    if size == 0:
        refuse("file.empty", "The file is empty (0 bytes)", expected="a submission set")
    with path.open("rb") as stream:
        head = stream.read(8)
        if head.startswith(CFB_MAGIC):
            refuse(
                "file.encrypted",
                "The file is password-protected or an old .xls file, not an .xlsx workbook",
                expected="an .xlsx workbook without a password (in Excel: remove the password, "
                "or Save As 'Excel Workbook (.xlsx)')",
            )
        if not head.startswith((ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
            refuse(
                "file.not_workbook",
                "The file is not an Excel workbook",
                expected="an .xlsx workbook saved by Excel or LibreOffice",
            )
        count = _declared_entry_count(stream, size)
    if count is not None and count > limits.max_entries:
        _too_many(refuse, count, limits)
    try:
        with zipfile.ZipFile(path) as archive:
            entries = tuple(archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        # It starts like a zip but its directory (at the end) is missing or broken.
        refuse(
            "file.truncated",
            "The workbook is incomplete or damaged (cut off during download or copy?)",
            expected="the complete file: download or copy it again",
        )
    if len(entries) > limits.max_entries:
        _too_many(refuse, len(entries), limits)
    _check_entries(refuse, entries, size, limits)
    names = {e.filename for e in entries}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        refuse(
            "file.not_workbook",
            "The file is a zip archive but not an Excel workbook",
            expected="an .xlsx workbook saved by Excel or LibreOffice",
        )
    total = sum(e.file_size for e in entries)
    cells = sum(e.file_size for e in entries if is_cell_part(e.filename))
    return WorkbookZip(path, entries, total, cells)


def is_cell_part(name: str) -> bool:
    if name == "xl/sharedStrings.xml":
        return True
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def _too_many(refuse: _Refuser, count: int, limits: ZipLimits) -> NoReturn:
    refuse(
        "workbook.too_many_parts",
        "The workbook has {count} parts, more than the limit of {limit}",
        {"count": count, "limit": limits.max_entries},
        expected="a workbook as Excel or LibreOffice saves it",
    )


def _check_entries(
    refuse: _Refuser, entries: tuple[zipfile.ZipInfo, ...], size: int, limits: ZipLimits
) -> None:
    seen: set[str] = set()
    total = 0
    for entry in entries:
        name = entry.filename
        if name in seen:
            # Two parsers may pick different copies: refuse rather than guess.
            refuse(
                "workbook.damaged",
                "The workbook part '{part}' appears twice: the file is damaged or crafted",
                {"part": name},
                expected="a workbook as Excel or LibreOffice saves it",
            )
        seen.add(name)
        if entry.flag_bits & 0x1:
            refuse(
                "file.encrypted",
                "The file is password-protected or an old .xls file, not an .xlsx workbook",
                expected="an .xlsx workbook without a password",
            )
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            refuse(
                "workbook.damaged",
                "The workbook part '{part}' uses a compression Excel does not write",
                {"part": name},
                expected="a workbook as Excel or LibreOffice saves it",
            )
        if entry.header_offset + entry.compress_size > size:
            refuse(
                "file.truncated",
                "The workbook is incomplete or damaged (cut off during download or copy?)",
                expected="the complete file: download or copy it again",
            )
        if entry.file_size > limits.max_entry_bytes:
            refuse(
                "workbook.part_too_large",
                "The workbook part '{part}' would expand to {size}, more than the limit of {limit}",
                {
                    "part": name,
                    "size": human_size(entry.file_size),
                    "limit": human_size(limits.max_entry_bytes),
                },
                expected="a workbook of at most a few GB of data",
            )
        if entry.compress_type == zipfile.ZIP_STORED and entry.compress_size != entry.file_size:
            _size_mismatch(refuse, name)
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > limits.ratio_from_bytes and ratio > limits.max_ratio:
            refuse(
                "workbook.bomb",
                "The workbook part '{part}' would expand {ratio}-fold (to {size}); real "
                "workbooks expand at most {limit}-fold: this looks like a decompression bomb",
                {
                    "part": name,
                    "ratio": int(ratio),
                    "size": human_size(entry.file_size),
                    "limit": int(limits.max_ratio),
                },
                expected="a workbook as Excel or LibreOffice saves it",
            )
        total += entry.file_size
    if total > limits.max_total_bytes:
        refuse(
            "workbook.too_large",
            "The workbook would expand to {size} in all, more than the limit of {limit}",
            {"size": human_size(total), "limit": human_size(limits.max_total_bytes)},
            expected="a workbook of at most a few GB of data",
        )
    # Entries sharing their bytes (an "overlapping" bomb) count the same data many times.
    ordered = sorted(entries, key=lambda e: e.header_offset)
    for before, after in itertools.pairwise(ordered):
        if before.header_offset + _LOCAL_HEADER.size + before.compress_size > after.header_offset:
            refuse(
                "workbook.damaged",
                "The workbook parts '{part}' and '{other}' overlap: the file is damaged or crafted",
                {"part": before.filename, "other": after.filename},
                expected="a workbook as Excel or LibreOffice saves it",
            )


def _size_mismatch(refuse: _Refuser, name: str) -> NoReturn:
    refuse(
        "workbook.damaged",
        "The workbook part '{part}' does not match its declared size or checksum: the file "
        "is damaged or crafted",
        {"part": name},
        expected="the complete file as Excel or LibreOffice saved it",
    )


def _declared_entry_count(stream: BinaryIO, size: int) -> int | None:
    """The entry count in the end-of-directory record, before zipfile parses them all."""
    tail_size = min(size, _EOCD.size + 65_535)
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _EOCD.size > len(tail):
        return None
    count = _EOCD.unpack_from(tail, at)[4]
    if count != 0xFFFF:
        return int(count)
    locator_at = at - _ZIP64_LOCATOR.size
    if locator_at < 0 or tail[locator_at : locator_at + 4] != b"PK\x06\x07":
        return None
    offset = _ZIP64_LOCATOR.unpack_from(tail, locator_at)[2]
    if offset + _ZIP64_EOCD.size > size:
        return None
    stream.seek(offset)
    record = stream.read(_ZIP64_EOCD.size)
    if len(record) < _ZIP64_EOCD.size or record[:4] != b"PK\x06\x06":
        return None
    return int(_ZIP64_EOCD.unpack(record)[7])


def copy_parts_verified(
    workbook: WorkbookZip,
    destination: Path,
    *,
    wanted: Callable[[str], bool],
    observe: Callable[[str, bytes], None] | None = None,
) -> None:
    """Write the wanted parts, inflated and checked, into an uncompressed zip.

    Each part is inflated with its declared size as the budget: a part that expands
    further, ends short or fails its CRC is refused (InputRefused) after at most its
    declared size of work, with memory bounded by two chunks. `observe` sees every
    inflated chunk, in order (the caller scans cells on the way).

    This thread reads and inflates; a helper thread writes each chunk (zipfile computes
    the CRC as it writes, so it is not computed twice) and hands it to `observe`. zlib-ng,
    crc32 and the file write release the GIL, so with two cores the writing and scanning
    hide behind the inflating: 0.42 s instead of 0.53 s for a 10k-row set, whose copy
    was 0.62 s when this thread did everything and computed its own CRC. One chunk is in
    flight at a time: memory stays bounded.
    """
    refuse = _Refuser(workbook.path)
    with (
        workbook.path.open("rb") as source,
        zipfile.ZipFile(destination, "w", zipfile.ZIP_STORED, allowZip64=True) as target,
        ThreadPoolExecutor(1, thread_name_prefix="panel-app-copy") as helper,
    ):
        for entry in workbook.entries:
            if not wanted(entry.filename):
                continue
            source.seek(entry.header_offset)
            header = source.read(_LOCAL_HEADER.size)
            if len(header) < _LOCAL_HEADER.size or header[:4] != ZIP_MAGIC:
                _size_mismatch(refuse, entry.filename)
            name_length, extra_length = _LOCAL_HEADER.unpack(header)[9:11]
            source.seek(entry.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
            info = zipfile.ZipInfo(entry.filename, date_time=entry.date_time)
            info.file_size = entry.file_size  # lets zipfile choose ZIP64 up front
            with target.open(info, "w", force_zip64=entry.file_size > 0xFFFF0000) as out:
                sink = partial(_write_chunk, out.write, entry.filename, observe)
                pending: Future[None] | None = None
                try:
                    for chunk in _inflate(source, entry, refuse):
                        if pending is not None:
                            pending.result()  # the previous chunk is written, or raise
                        pending = helper.submit(sink, chunk)
                finally:
                    if pending is not None:
                        wait((pending,))  # `out` is not closed under the helper's feet
                if pending is not None:
                    pending.result()
            # Closing `out` set the size and CRC of what was written.
            if info.file_size != entry.file_size or info.CRC != entry.CRC:
                _size_mismatch(refuse, entry.filename)


def read_part_verified(workbook: WorkbookZip, name: str) -> Iterator[bytes]:
    """One part's inflated chunks, straight from the container: the streaming reader's
    source (tabular's "stream" engine), which needs no copy. As `copy_parts_verified`,
    each part is inflated with its declared size as the budget, and its size and CRC are
    checked at its end: a part that is cut short, expands further or fails its CRC is
    refused (InputRefused), with memory bounded by a chunk."""
    refuse = _Refuser(workbook.path)
    entry = next((e for e in workbook.entries if e.filename == name), None)
    if entry is None:
        raise KeyError(name)
    with workbook.path.open("rb") as source:
        source.seek(entry.header_offset)
        header = source.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or header[:4] != ZIP_MAGIC:
            _size_mismatch(refuse, name)
        name_length, extra_length = _LOCAL_HEADER.unpack(header)[9:11]
        source.seek(entry.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
        crc = 0
        size = 0
        for chunk in _inflate(source, entry, refuse, _CHUNK):  # the rows of 1 MiB at a time
            crc = zlib_ng.crc32(chunk, crc)
            size += len(chunk)
            yield chunk
    if size != entry.file_size or crc != entry.CRC:
        _size_mismatch(refuse, name)


def _write_chunk(
    write: Callable[[bytes], object],
    name: str,
    observe: Callable[[str, bytes], None] | None,
    chunk: bytes,
) -> None:
    write(chunk)
    if observe is not None:
        observe(name, chunk)


def _inflate(
    source: BinaryIO, entry: zipfile.ZipInfo, refuse: _Refuser, most: int = 4 * _CHUNK
) -> Iterator[bytes]:
    """The part's inflated chunks (at most `most` bytes each); refused as soon as it
    expands past its declared size."""
    stored = entry.compress_type == zipfile.ZIP_STORED
    inflater = None if stored else zlib_ng.decompressobj(-zlib_ng.MAX_WBITS)
    left = entry.compress_size
    written = 0
    while left > 0:
        data = source.read(min(left, _CHUNK))
        if not data:
            break
        left -= len(data)
        while data:
            if inflater is None:
                out, data = data, b""
            else:
                # At most one byte past the budget: enough to know the size lies.
                budget = entry.file_size - written + 1
                try:
                    out = inflater.decompress(data, min(budget, most))
                except zlib_ng.error:  # type: ignore[misc]  # (a class; the stub says otherwise)
                    _size_mismatch(refuse, entry.filename)
                data = inflater.unconsumed_tail
            written += len(out)
            if written > entry.file_size:
                _size_mismatch(refuse, entry.filename)
            if out:
                yield out
            if inflater is not None and inflater.eof:
                return


class _Refuser:
    """Raise InputRefused with one file-level Problem about `path`."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __call__(
        self,
        code: str,
        template: str,
        params: dict[str, object] | None = None,
        *,
        expected: str | None = None,
    ) -> NoReturn:
        problem = Problem(code, template, params or {}, file=self.path.name, expected=expected)
        raise InputRefused([problem], subject=self.path.name)
