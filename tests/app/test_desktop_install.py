"""``folio install-desktop``: a valid menu entry that starts this Folio, icons at every size,
file types, and a removal that takes away exactly what was installed."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from reader.app.desktop_install import (
    DESKTOP_FILE,
    ICON_SIZES,
    MIME_TYPES,
    desktop_entry,
    exec_argument,
)

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR = shutil.which("desktop-file-validate")
needs_validator = pytest.mark.skipif(
    VALIDATOR is None,
    reason="desktop-file-validate is not installed (Debian: apt install desktop-file-utils)",
)


def folio(home: Path, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=dict(os.environ, XDG_DATA_HOME=str(home)),
        cwd=cwd,
        timeout=120,
        check=False,
    )


def validate(path: Path) -> None:
    assert VALIDATOR is not None
    result = subprocess.run([VALIDATOR, str(path)], capture_output=True, text=True, check=False)
    # Hints are advice; errors and warnings fail.
    problems = [
        line for line in (result.stdout + result.stderr).splitlines() if "hint:" not in line
    ]
    assert result.returncode == 0 and not problems, result.stdout + result.stderr


def exec_words(entry: Path) -> list[str]:
    """The Exec line read back as the desktop entry spec says a launcher reads it."""
    parser = configparser.RawConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(entry, encoding="utf-8")
    value = parser["Desktop Entry"]["Exec"]
    # String value escapes first, then the Exec quoting.
    value = value.replace("\\\\", "\\")
    words: list[str] = []
    current = ""
    quoted = False
    index = 0
    while index < len(value):
        char = value[index]
        if quoted and char == "\\":
            index += 1
            current += value[index]
        elif char == '"':
            quoted = not quoted
        elif char == " " and not quoted:
            if current:
                words.append(current)
            current = ""
        else:
            current += char
        index += 1
    if current:
        words.append(current)
    return [w.replace("%%", "%") for w in words if w not in ("%U", "%u", "%F", "%f")]


def tree(home: Path) -> set[str]:
    return {p.relative_to(home).as_posix() for p in home.rglob("*")}


@pytest.mark.subprocess
def test_install_then_remove_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    home = tmp_path / "data"
    home.mkdir()
    (home / "applications").mkdir()
    (home / "applications" / "other.desktop").write_text(
        "[Desktop Entry]\nType=Application\nName=Other\nExec=true\n"
    )
    before = tree(home)
    installed = folio(home, "install-desktop")
    assert installed.returncode == 0, installed.stderr
    assert "Installed Folio's menu entry" in installed.stdout
    entry = home / DESKTOP_FILE
    for size in ICON_SIZES:
        image = QImage(str(home / f"icons/hicolor/{size}x{size}/apps/folio.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
    assert (home / "icons/hicolor/scalable/apps/folio.svg").read_bytes() == (
        ROOT / "resources/icons/folio.svg"
    ).read_bytes()
    assert "text/x-opml+xml" in (home / "mime/packages/folio.xml").read_text()
    text = entry.read_text(encoding="utf-8")
    assert "MimeType=" + "".join(f"{t};" for t in MIME_TYPES) in text
    if shutil.which("update-mime-database"):
        assert (home / "mime" / "mime.cache").exists()
    # The entry starts this Folio from anywhere: here, it prints its version.
    words = exec_words(entry)
    started = subprocess.run(
        [*words, "--version"], capture_output=True, text=True, cwd="/", timeout=120, check=False
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.startswith("folio ")

    # Installing again changes nothing and removes nothing.
    again = folio(home, "install-desktop")
    assert again.returncode == 0, again.stderr
    assert entry.read_text(encoding="utf-8") == text

    removed = folio(home, "install-desktop", "--remove")
    assert removed.returncode == 0, removed.stderr
    assert tree(home) == before
    gone = folio(home, "install-desktop", "--remove")
    assert gone.returncode == 1
    assert gone.stderr.startswith("folio: error: Folio's menu entry is not installed")


@needs_validator
@pytest.mark.subprocess
def test_the_installed_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    home = tmp_path / "share"
    installed = folio(home, "install-desktop")
    assert installed.returncode == 0, installed.stderr
    validate(home / DESKTOP_FILE)


@pytest.mark.subprocess
def test_remove_keeps_a_file_changed_since(tmp_path: Path) -> None:
    home = tmp_path / "share"
    assert folio(home, "install-desktop").returncode == 0
    changed = home / "icons/hicolor/48x48/apps/folio.png"
    changed.write_bytes(b"the user's own icon")
    removed = folio(home, "install-desktop", "--remove")
    assert removed.returncode == 0, removed.stderr
    assert f"kept {changed}" in removed.stdout
    assert tree(home) == {
        "icons",
        "icons/hicolor",
        "icons/hicolor/48x48",
        "icons/hicolor/48x48/apps",
        "icons/hicolor/48x48/apps/folio.png",
    }


@pytest.mark.parametrize(
    "arg",
    ["/opt/folio/bin/folio", "/home/anna/My Apps/folio", '/x/"quoted"/$HOME/`cmd`/a\\b', "50%"],
)
def test_exec_arguments_survive_quoting(arg: str, tmp_path: Path) -> None:
    entry = tmp_path / "folio.desktop"
    entry.write_text(desktop_entry([arg, "-m", "reader"]), encoding="utf-8")
    assert exec_words(entry) == [arg, "-m", "reader"]


def test_plain_arguments_stay_plain() -> None:
    assert exec_argument("/usr/bin/folio") == "/usr/bin/folio"
    assert exec_argument("a b") == '"a b"'


@needs_validator
@pytest.mark.parametrize(
    "arg", ["/home/anna/My Apps/folio", '/x/"quoted"/$HOME/`cmd`/a\\b', "/opt/50%/folio"]
)
def test_odd_paths_give_a_valid_entry(arg: str, tmp_path: Path) -> None:
    entry = tmp_path / "folio.desktop"
    entry.write_text(desktop_entry([arg]), encoding="utf-8")
    validate(entry)


@needs_validator
def test_the_validator_is_strict_here(tmp_path: Path) -> None:
    """The check above would catch a broken entry."""
    broken = tmp_path / "broken.desktop"
    broken.write_text("[Desktop Entry]\nType=Application\nName=Folio\nVersion=1.5\n")
    with pytest.raises(AssertionError):
        validate(broken)
