"""The command that starts this Folio again: for hints shown to the user, and for menu entries.

Folio runs as the ``folio`` script of an installation (on PATH or not, in a virtual
environment or not), as ``python main.py`` from a checkout, or as ``python -m reader``. A hint
that says ``folio --help`` when ``folio`` is not on PATH helps nobody.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

import reader

SCRIPT_NAME = "folio.exe" if os.name == "nt" else "folio"


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return Path(a).samefile(b)
    except OSError:
        return False


def _script() -> Path | None:
    """The ``folio`` script that started this process, or the one beside its interpreter."""
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is not None and argv0.name == SCRIPT_NAME and argv0.is_file():
        return argv0
    beside = Path(sys.executable).parent / SCRIPT_NAME
    return beside if beside.is_file() else None


def _checkout_main() -> Path | None:
    """``main.py`` of the checkout this process runs from, if it was started that way."""
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is None or argv0.name != "main.py" or not argv0.is_file():
        return None
    package = Path(reader.__file__).resolve().parent
    return argv0 if _same_file(argv0.resolve().parent, package.parent) else None


def _on_path(path: Path) -> bool:
    found = shutil.which(path.name)
    return found is not None and _same_file(found, path)


def _shown(path: Path) -> str:
    """``path`` as a user would type it here: relative below the working folder."""
    absolute = path.absolute()
    try:
        relative = absolute.relative_to(Path.cwd())
    except ValueError:
        return str(absolute)
    text = str(relative)
    return text if os.sep in text else f".{os.sep}{text}"


def launch_command(*, absolute: bool = False) -> list[str]:
    """The words that start this Folio.

    With ``absolute``, every path is absolute (symbolic links kept, so a virtual environment
    stays itself), fit for a menu entry started from any folder with any PATH. Without it, the
    shortest form that works from the current folder: ``folio`` when that is the same script
    on PATH.
    """
    script = _script()
    if script is not None:
        if absolute:
            return [str(script.absolute())]
        return [script.name] if _on_path(script) else [_shown(script)]
    python = Path(sys.executable)
    if absolute:
        python_text = str(python.absolute())
    else:
        # Compared as paths, not as files: a virtual environment's python is a link to the
        # system's, but only the first one sees Folio's dependencies.
        found = shutil.which("python3")
        same = found is not None and Path(found).absolute() == python.absolute()
        python_text = "python3" if same else _shown(python)
    main = _checkout_main()
    if main is not None:
        return [python_text, str(main.absolute()) if absolute else _shown(main)]
    return [python_text, "-m", "reader"]


def launch_hint(*args: str) -> str:
    """A command line to show the user, such as ``.venv/bin/folio --help``."""
    return shlex.join([*launch_command(), *args])
