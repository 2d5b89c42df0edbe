"""The window's translations as the tests use them: compiled afresh from the .ts files, so a
test run never reads a stale .qm file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"


def qt_tool(name: str) -> str:
    """A PySide6 tool (pyside6-lupdate, pyside6-lrelease) beside the running Python."""
    return str(Path(sys.executable).parent / name)


def compile_translations(out_dir: Path) -> Path:
    """Every .ts file compiled into ``out_dir``, which is returned."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        qm = out_dir / ts.with_suffix(".qm").name
        subprocess.run(
            [qt_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
            check=True,
            capture_output=True,
        )
    return out_dir
