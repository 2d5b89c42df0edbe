"""Files that appear whole or not at all."""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def written_whole(target: Path) -> Iterator[Path]:
    """A temporary name beside ``target`` to write a file (or a new folder) to.

    When the block ends well it is renamed to ``target``, replacing a file there; when it
    fails (a full disk, an error, Ctrl-C) it is removed. So ``target`` is never left
    half-written, nor empty. The name keeps ``target``'s suffix, which some writers read."""
    temp = target.with_name(f".{target.stem}.{secrets.token_hex(4)}.partial{target.suffix}")
    try:
        yield temp
        temp.replace(target)
    except BaseException:
        if temp.is_dir() and not temp.is_symlink():
            shutil.rmtree(temp, ignore_errors=True)
        else:
            temp.unlink(missing_ok=True)
        raise
