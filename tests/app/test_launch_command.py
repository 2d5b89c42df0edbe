"""The command that starts this Folio again, as a hint and as a menu entry's Exec line."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from reader.app.launch_command import launch_command, launch_hint

ROOT = Path(__file__).resolve().parents[2]


def fake_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A virtual environment's bin folder with a python and a folio script."""
    bin_dir = tmp_path / "env" / "bin"
    bin_dir.mkdir(parents=True)
    python = bin_dir / "python"
    python.symlink_to(sys.executable)
    script = bin_dir / "folio"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(python))
    return script


def test_the_folio_script_on_path_is_named_by_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = fake_install(tmp_path, monkeypatch)
    monkeypatch.setattr(sys, "argv", [str(script), "gui"])
    monkeypatch.setenv("PATH", f"{script.parent}{os.pathsep}/usr/bin")
    assert launch_command() == ["folio"]
    assert launch_hint("--help") == "folio --help"
    # A menu entry does not depend on the desktop session's PATH.
    assert launch_command(absolute=True) == [str(script)]


def test_a_script_off_path_is_named_as_typed_from_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = fake_install(tmp_path, monkeypatch)
    monkeypatch.setattr(sys, "argv", [str(ROOT / "main.py")])
    monkeypatch.setenv("PATH", "/usr/bin")
    monkeypatch.chdir(tmp_path)
    assert launch_command() == [str(Path("env", "bin", "folio"))]
    monkeypatch.chdir(ROOT)
    assert launch_command() == [str(script)]


def test_a_checkout_without_a_script_runs_main_py(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = tmp_path / "python3.11"
    python.symlink_to(sys.executable)
    monkeypatch.setattr(sys, "executable", str(python))
    monkeypatch.setattr(sys, "argv", [str(ROOT / "main.py")])
    monkeypatch.setenv("PATH", "/nowhere")
    monkeypatch.chdir(ROOT)
    assert launch_command() == [str(python), "./main.py"]
    assert launch_command(absolute=True) == [str(python), str(ROOT / "main.py")]
    monkeypatch.setattr(sys, "argv", ["-m"])
    assert launch_command(absolute=True) == [str(python), "-m", "reader"]


def test_a_virtual_environment_python_is_not_mistaken_for_the_system_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The environment's python links to the system's; only the first sees Folio's packages."""
    bin_dir = tmp_path / "env" / "bin"
    bin_dir.mkdir(parents=True)
    system = tmp_path / "usr" / "bin"
    system.mkdir(parents=True)
    (system / "python3").symlink_to(sys.executable)
    (bin_dir / "python").symlink_to(system / "python3")
    monkeypatch.setattr(sys, "executable", str(bin_dir / "python"))
    monkeypatch.setattr(sys, "argv", [str(ROOT / "main.py")])
    monkeypatch.setenv("PATH", str(system))
    monkeypatch.chdir(ROOT)
    assert launch_command()[0] == str(bin_dir / "python")
    monkeypatch.setattr(sys, "executable", str(system / "python3"))
    assert launch_command()[0] == "python3"
