"""How many of this process's file descriptors are open on a file (Linux: /proc)."""

from __future__ import annotations

import os
from pathlib import Path


def handles_on(path: Path) -> int:
    target = str(path.resolve())
    return sum(
        os.path.realpath(f"/proc/self/fd/{fd}") == target for fd in os.listdir("/proc/self/fd")
    )
