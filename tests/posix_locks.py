"""Which files this process holds POSIX locks on, read from /proc/locks (Linux)."""

from __future__ import annotations

import os
from pathlib import Path

LOCKS = Path("/proc/locks")


def holds_lock(path: Path, pid: int | None = None) -> bool:
    """Whether process ``pid`` (this one by default) holds a POSIX lock on ``path``."""
    info = path.stat()
    key = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    wanted = str(pid or os.getpid())
    for line in LOCKS.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 6 and parts[1] == "POSIX" and parts[4] == wanted and parts[5] == key:
            return True
    return False
