"""Set-up and checks with nothing but Python: ``python3 tasks.py run`` or ``python3 tasks.py test``.

Each command first creates or refreshes ``.venv`` from pyproject.toml (only when pyproject.toml
changed since the last install), then runs. ``python3 tasks.py import-cycles`` runs one of the
checks on its own: no module of ``reader`` may import itself through others.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".folio-installed"

# Import cycles that exist and are yet to be broken, as sorted module names. The check fails on
# any other cycle, and on an entry here that is no longer a cycle, so the list only shrinks.
KNOWN_CYCLES: set[tuple[str, ...]] = {
    # The saved-search tools reach back into the window that makes them (for type hints).
    ("reader.ui.main_window", "reader.ui.saved_search_section"),
}


def _wanted_stamp() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return f"{digest} {sys.version_info[:2]}"


def ensure_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - tasks.py may be started by an older python3
        sys.exit(f"Folio needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if STAMP.exists() and STAMP.read_text() == _wanted_stamp() and PYTHON.exists():
        return
    if not PYTHON.exists():
        print("Creating .venv …", flush=True)
        try:
            venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
        except (subprocess.CalledProcessError, OSError) as exc:
            sys.exit(
                f"Could not create .venv ({exc}). On Debian or Ubuntu install the venv module"
                " first: apt install python3-venv"
            )
    print("Installing Folio and its test tools into .venv …", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "--editable", f"{ROOT}[test]"], check=True)
    STAMP.write_text(_wanted_stamp())


def _run(*args: str, env: dict[str, str] | None = None) -> int:
    print("$", " ".join(args), flush=True)
    return subprocess.run(args, cwd=ROOT, env=env, check=False).returncode


def run_app(extra: list[str]) -> int:
    ensure_venv()
    return _run(str(PYTHON), str(ROOT / "main.py"), "gui", *extra)


def run_tests(extra: list[str]) -> int:
    ensure_venv()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    checks = [
        (str(BIN / "ruff"), "check", "."),
        (str(BIN / "ruff"), "format", "--check", "."),
        (str(BIN / "lint-imports"),),
        (str(BIN / "mypy"),),
        (str(PYTHON), str(ROOT / "tasks.py"), "import-cycles"),
    ]
    failed = [Path(check[0]).name for check in checks if _run(*check, env=env)]
    code = _run(str(PYTHON), "-m", "pytest", *extra, env=env)
    if failed:
        print("Failed checks:", ", ".join(failed), flush=True)
        return 1
    return code


def _import_cycles(package: str, *, cache: bool = True) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (the strongly
    connected components of the import graph, found with Tarjan's algorithm). Imports inside
    functions and under ``TYPE_CHECKING`` count: a lazy import hides a cycle, it does not
    break it."""
    import grimp  # installed with import-linter

    graph = grimp.build_graph(package) if cache else grimp.build_graph(package, cache_dir=None)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        # An explicit stack of (module, next edge to follow): deep chains need no recursion.
        work = [(root, 0)]
        while work:
            module, position = work.pop()
            if position == 0:
                index[module] = low[module] = len(index)
                stack.append(module)
                on_stack.add(module)
            targets = edges.get(module, [])
            if position < len(targets):
                work.append((module, position + 1))
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[module] = min(low[module], index[target])
                continue
            if low[module] == index[module]:
                group: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    cycles.append(sorted(group))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
    return cycles


def check_import_cycles() -> int:
    found = {tuple(group) for group in _import_cycles("reader")}
    new = sorted(found - KNOWN_CYCLES)
    stale = sorted(KNOWN_CYCLES - found)
    for group in new:
        print("Import cycle:", " <-> ".join(group))
    for group in stale:
        print("No longer a cycle; remove it from KNOWN_CYCLES in tasks.py:", " <-> ".join(group))
    if not new and not stale:
        print(f"No import cycles in reader ({len(found)} known, listed in tasks.py)")
    return 1 if new or stale else 0


def main() -> int:
    if len(sys.argv) >= 2 and sys.argv[1] == "import-cycles":
        ensure_venv()
        if Path(sys.prefix).resolve() != VENV.resolve():  # grimp is only inside .venv
            return subprocess.run([str(PYTHON), __file__, "import-cycles"], check=False).returncode
        return check_import_cycles()
    if len(sys.argv) < 2 or sys.argv[1] not in ("run", "test", "setup"):
        print(__doc__)
        return 2
    command, extra = sys.argv[1], sys.argv[2:]
    if command == "setup":
        ensure_venv()
        return 0
    if command == "run":
        return run_app(extra)
    return run_tests(extra)


if __name__ == "__main__":
    sys.exit(main())
