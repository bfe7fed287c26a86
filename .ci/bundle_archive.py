"""Pack the bundle PyInstaller left in DIST into the archive an expert downloads.

    python .ci/bundle_archive.py dist            # the archive, beside the bundle
    python .ci/bundle_archive.py dist --parts    # and the bundle's size by part, and (Linux)
                                                 # the libraries it needs from the system

Linux: panel-app-VERSION-linux-ARCH.tar.gz of the folder; Windows: a .zip of the folder;
macOS: a .zip of "WSIS Panel.app" made by ditto (it keeps the app's symlinks and extended
attributes, which a plain zip loses). Run by `./dev bundle` with the bundle's own Python
(any Python 3.11 will do: this file uses the standard library only).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_BUNDLE = "WSIS Panel.app"


def version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"])


def system_tag() -> str:
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(
        sys.platform, sys.platform
    )
    machine = platform.machine().lower().replace("amd64", "x86_64")
    return f"{system}-{machine}"


def make_archive(dist: Path) -> Path:
    name = f"panel-app-{version()}"
    base = dist / f"{name}-{system_tag()}"
    if sys.platform == "darwin":
        archive = base.with_suffix(".zip")
        archive.unlink(missing_ok=True)
        subprocess.run(
            ["ditto", "-c", "-k", "--sequesterRsrc", "--keepParent", str(dist / APP_BUNDLE),
             str(archive)],
            check=True,
        )  # fmt: skip
        return archive
    folder = dist / name
    if sys.platform == "win32":
        return Path(shutil.make_archive(str(base), "zip", root_dir=dist, base_dir=name))
    archive = Path(f"{base}.tar.gz")
    # gzip's default level: level 9 takes twice as long for 1% less.
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=name)
    return archive


def part_of(relative: Path) -> str:
    """The part a file of the bundle belongs to, for the size report."""
    parts = relative.parts
    if parts[0] != "_internal":
        return parts[0]  # the executables
    inner = parts[1:]
    if inner[0] == "PySide6" and len(inner) > 2 and inner[1] == "Qt":
        if inner[2] == "lib":
            return f"PySide6/Qt/lib/{inner[3]}" if len(inner) > 3 else "PySide6/Qt/lib"
        return f"PySide6/Qt/{inner[2]}"
    if inner[0] in ("PySide6", "shiboken6", "scipy", "numpy") and len(inner) > 2:
        return f"{inner[0]}/{inner[1]}"
    return inner[0]


def report_parts(folder: Path) -> None:
    sizes: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        data = path.read_bytes()
        entry = sizes[part_of(path.relative_to(folder))]
        entry[0] += 1
        entry[1] += len(data)
        entry[2] += len(zlib.compress(data, 6))
    total = [sum(values[i] for values in sizes.values()) for i in range(3)]
    print(f"{'part':56} {'files':>6} {'MB':>8} {'gz MB':>8}")
    for part, (files, size, packed) in sorted(sizes.items(), key=lambda item: -item[1][2]):
        if packed >= 200_000:
            print(f"{part:56} {files:6} {size / 1e6:8.1f} {packed / 1e6:8.1f}")
    print(f"{'total':56} {total[0]:6} {total[1] / 1e6:8.1f} {total[2] / 1e6:8.1f}")


def report_system_libraries(folder: Path) -> None:
    """Linux: the libraries the bundle's files name (DT_NEEDED) that it does not carry,
    each with one file that needs it: what the system must have (the README's list)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bundle_elf import needed_libraries

    carried = {path.name for path in folder.rglob("*")}
    needs: dict[str, list[str]] = defaultdict(list)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            for name in needed_libraries(path):
                if name not in carried:
                    needs[name].append(str(path.relative_to(folder)))
    print("needed from the system:")
    for name, users in sorted(needs.items()):
        print(f"  {name:28} by {users[0]} and {len(users) - 1} more")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dist", type=Path)
    parser.add_argument("--parts", action="store_true", help="print the size of each part")
    args = parser.parse_args()
    folder = args.dist / f"panel-app-{version()}"
    if args.parts:
        report_parts(folder)
        if sys.platform.startswith("linux"):
            report_system_libraries(folder)
    archive = make_archive(args.dist)
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
    files = sum(1 for f in folder.rglob("*") if f.is_file())
    print(f"bundle {folder}: {files} files, {size / 1e6:.1f} MB")
    print(f"archive {archive}: {archive.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    os.umask(0o022)
    raise SystemExit(main())
