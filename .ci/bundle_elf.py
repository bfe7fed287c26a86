"""What a Linux library asks of the loader, read from the file itself (no binutils): the
libraries it names (DT_NEEDED) and whether it carries debugging sections. Used by
build_installer.spec (what to keep, what to strip) and .ci/bundle_archive.py (what the
bundle needs from the system). 64-bit little-endian ELF, as on x86-64 and arm64 Linux.
"""

from __future__ import annotations

from pathlib import Path

ELF_MAGIC = b"\x7fELF"
DT_NULL, DT_NEEDED = 0, 1


class Elf:
    def __init__(self, path: str | Path) -> None:
        with open(path, "rb") as file:
            self.data = file.read(4096)
            if self.data[:4] != ELF_MAGIC or self.data[4] != 2 or self.data[5] != 1:
                self.sections: dict[str, tuple[int, int, int]] = {}
                self._offsets: list[tuple[int, int]] = []
                return
            file.seek(0)
            self.data = file.read()
        shoff, shentsize = self._word(40, 8), self._word(58, 2)
        shnum, shstrndx = self._word(60, 2), self._word(62, 2)
        headers = [shoff + i * shentsize for i in range(shnum)] if shoff else []
        # Each section's (offset, size), by index; its name, type and link by name.
        self._offsets = [(self._word(h + 24, 8), self._word(h + 32, 8)) for h in headers]
        self.sections = {}
        if shstrndx < len(headers):
            names_at = self._offsets[shstrndx][0]
            for index, header in enumerate(headers):
                name = self._string(names_at + self._word(header, 4))
                self.sections[name] = (index, self._word(header + 4, 4), self._word(header + 40, 4))

    def _word(self, at: int, size: int) -> int:
        return int.from_bytes(self.data[at : at + size], "little")

    def _string(self, at: int) -> str:
        return self.data[at : self.data.index(b"\0", at)].decode("ascii", "replace")

    def needed(self) -> set[str]:
        """The libraries named as DT_NEEDED: what the loader loads with this file."""
        if ".dynamic" not in self.sections:
            return set()
        index, _kind, link = self.sections[".dynamic"]
        offset, size = self._offsets[index]
        strings_at = self._offsets[link][0]
        names = set()
        for entry in range(offset, offset + size, 16):
            tag = self._word(entry, 8)
            if tag == DT_NULL:
                break
            if tag == DT_NEEDED:
                names.add(self._string(strings_at + self._word(entry + 8, 8)))
        return names

    def has_debug_info(self) -> bool:
        return ".debug_info" in self.sections


def needed_libraries(path: str | Path) -> set[str]:
    return Elf(path).needed()


def has_debug_info(path: str | Path) -> bool:
    return Elf(path).has_debug_info()
