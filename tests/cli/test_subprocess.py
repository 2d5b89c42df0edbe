"""The real ``folio`` process: start-up without Qt, the round trip, and no display."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.subprocess


def folio(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=120,
        check=False,
    )


def test_save_list_search_round_trip(tmp_path: Path) -> None:
    db = str(tmp_path / "x.sqlite")
    page = tmp_path / "file.txt"
    page.write_text(
        "Tidal power on small islands\n\n"
        "Small islands that depend on diesel generators are testing tidal turbines anchored"
        " in the channels between them. The currents are strong and predictable.\n\n"
        "Engineers say maintenance is the hard part: salt water corrodes everything, and"
        " boats can only reach the turbines at slack tide.\n",
        encoding="utf-8",
    )
    saved = folio("--db", db, "save", str(page), "--tag", "t")
    assert saved.returncode == 0, saved.stderr
    listed = folio("--db", db, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    items = json.loads(listed.stdout)
    assert len(items) == 1
    assert items[0]["tags"] == ["t"]
    found = folio("--db", db, "search", "turbines", "--json")
    assert [i["id"] for i in json.loads(found.stdout)] == [items[0]["id"]]


def test_user_error_exit_code_and_message(tmp_path: Path) -> None:
    result = folio("--db", str(tmp_path / "x.sqlite"), "show", "42")
    assert result.returncode == 1
    assert result.stderr == "folio: error: no article with id 42\n"


def test_commands_without_a_window_import_no_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from reader.cli import main\n"
        f"rc = main(['--db', {str(tmp_path / 'x.sqlite')!r}, 'list', '--json'])\n"
        "assert rc == 0\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
        # Listing needs no HTML parsing or cleaning: those load on first use.
        "assert 'lxml' not in sys.modules and 'nh3' not in sys.modules, 'HTML tools loaded'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr


def test_the_window_without_a_display_says_what_to_do(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = folio("--db", str(tmp_path / "x.sqlite"), env=env)
    assert result.returncode == 1
    assert "xvfb-run" in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
