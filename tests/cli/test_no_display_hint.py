"""Without a display, the window says what to run instead, and that command works here."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.subprocess


def no_display_env() -> dict[str, str]:
    return {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }


@pytest.mark.parametrize("cwd", [ROOT, ROOT / "reader"])
def test_the_hint_names_a_command_that_runs_from_here(tmp_path: Path, cwd: Path) -> None:
    """Started as ``python main.py`` from a checkout (``tasks.py run`` starts the script)."""
    db = str(tmp_path / "x.sqlite")
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", db],
        capture_output=True,
        text=True,
        env=no_display_env(),
        cwd=cwd,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    found = re.search(r"use the folio command line \('([^']+)'\)", result.stderr)
    assert found, result.stderr
    assert "xvfb-run" in result.stderr
    words = shlex.split(found.group(1))
    assert words[-1] == "--help"
    hinted = subprocess.run(
        [*words[:-1], "--db", db, "stats"],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    assert hinted.returncode == 0, hinted.stderr
