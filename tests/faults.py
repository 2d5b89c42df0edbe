"""Real faults for tests: a full disk, and files a user may not read or write.

A full disk is a tmpfs of a few megabytes, mounted in a mount namespace of its own (``unshare
-m``): the kernel answers ENOSPC as on any full disk, nothing outside the test sees the mount,
and it vanishes with the namespace. Permissions are checked by running folio as an ordinary
user would: when the tests run as root, with the capabilities that let root ignore them
dropped (``setpriv``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLIO = [sys.executable, str(ROOT / "main.py")]


def plain_user() -> list[str]:
    """A command prefix that makes file permissions apply (skips the test if it cannot)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be made to apply")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]


def folio(*args: str, as_plain_user: bool = False) -> subprocess.CompletedProcess[str]:
    prefix = plain_user() if as_plain_user else []
    return subprocess.run(
        [*prefix, *FOLIO, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )


_DRIVER = r"""
import json, os, shutil, subprocess, sys
mount_point, size, steps = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount_point], check=True)
filler = os.path.join(mount_point, ".filler")
results = []
for step in steps:
    kind = step[0]
    if kind == "copy":
        shutil.copy(step[1], os.path.join(mount_point, step[2]))
        results.append(None)
    elif kind == "fill":
        info = os.statvfs(mount_point)
        room = info.f_bavail * info.f_frsize - step[1]
        with open(filler, "ab") as out:
            while room > 0:
                try:
                    written = out.write(b"\0" * min(room, 1 << 20))
                    out.flush()
                except OSError:
                    break
                room -= written
        results.append(None)
    elif kind == "free":
        os.unlink(filler)
        results.append(None)
    elif kind == "run":
        done = subprocess.run(step[1], capture_output=True, text=True, timeout=300)
        results.append({"rc": done.returncode, "out": done.stdout, "err": done.stderr})
    elif kind == "files":
        found = []
        for folder, _dirs, files in os.walk(mount_point):
            for name in files:
                path = os.path.join(folder, name)
                found.append([os.path.relpath(path, mount_point), os.path.getsize(path)])
        results.append(sorted(found))
print(json.dumps(results))
"""


def _namespace() -> list[str]:
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare: a small disk cannot be mounted")
    command = [unshare, "-m", "--propagation", "private"]
    if os.geteuid() != 0:
        command.insert(1, "-r")  # a user namespace, where this user may mount a tmpfs
    probe = subprocess.run([*command, "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("mount namespaces are not allowed here: a small disk cannot be mounted")
    return command


def on_small_disk(mount_point: Path, size: str, steps: list[list[Any]]) -> list[Any]:
    """Run ``steps`` with a tmpfs of ``size`` mounted at ``mount_point`` (seen only by them).

    Steps: ``["copy", source, name]``, ``["fill", bytes_left]``, ``["free"]``,
    ``["run", argv]`` (gives rc, out, err) and ``["files"]`` (gives [name, size] pairs)."""
    mount_point.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [*_namespace(), sys.executable, "-c", _DRIVER, str(mount_point), size, json.dumps(steps)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    results: list[Any] = json.loads(done.stdout)
    return results
