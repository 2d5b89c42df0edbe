"""Set-up and checks with nothing but Python: ``python3 tasks.py run`` or ``python3 tasks.py test``.

Each command first creates or refreshes ``.venv`` from pyproject.toml (only when pyproject.toml
changed since the last install), then runs. ``run`` installs what the window needs; ``test`` and
``setup`` add the test tools. ``python3 tasks.py import-cycles`` runs one of the checks on its
own: no module of ``reader`` may import itself through others.

``test`` with nothing after it is the whole run CI makes: the checks (ruff, ruff format,
import-linter, mypy, vulture for dead code, the import-cycle check), then every test with its
coverage measured, and each package's coverage held to its floor. Anything after ``test`` goes
to pytest (``python3 tasks.py test tests/core -x``), and then coverage is neither measured nor
held, as a part of the tests cannot reach a whole package's figure.

The window's translations (``resources/translations/*.ts``) are built into ``.qm`` files by
``run``, ``test`` and ``setup``; ``python3 tasks.py translations`` brings the ``.ts`` files up to
date with the texts in the code (new texts come in unfinished, for a translator to fill in).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
FOLIO = BIN / ("folio.exe" if os.name == "nt" else "folio")
STAMP = VENV / ".folio-installed"
TRANSLATIONS = ROOT / "resources" / "translations"
# The code's texts are English; the English file holds only their plural forms.
PLURALS_ONLY = {"folio_en.ts"}

# Import cycles that exist and are yet to be broken, as sorted module names. The check fails on
# any other cycle, and on an entry here that is no longer a cycle, so the list only shrinks.
KNOWN_CYCLES: set[tuple[str, ...]] = set()

# The share of each package's lines the tests run, in per cent, below which a whole test run
# fails: each is a point below the package's figure when it was set, to the whole per cent
# above. Raise a floor when its figure has risen; never lower one.
COVERAGE_FLOORS: dict[str, int] = {
    "core": 97,
    "services": 91,
    "store": 95,
    "library": 94,
}


def _wanted_stamp(extras: str) -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return f"{digest} {sys.version_info[:2]} {extras}"


def _installed(with_tests: bool) -> bool:
    """Whether .venv holds this pyproject.toml's install, with the test tools if wanted."""
    if not (STAMP.exists() and PYTHON.exists()):
        return False
    stamp = STAMP.read_text()
    if stamp == _wanted_stamp("test"):
        return True
    return not with_tests and stamp == _wanted_stamp("run")


def ensure_venv(*, with_tests: bool) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - tasks.py may be started by an older python3
        sys.exit(f"Folio needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if _installed(with_tests):
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
    what = "Folio and its test tools" if with_tests else "Folio"
    print(f"Installing {what} into .venv …", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    target = f"{ROOT}[test]" if with_tests else str(ROOT)
    subprocess.run([*pip, "--editable", target], check=True)
    STAMP.write_text(_wanted_stamp("test" if with_tests else "run"))


def translation_sources() -> list[Path]:
    """The modules whose texts the window shows: every module of the app and ui packages."""
    return sorted(p for d in ("app", "ui") for p in (ROOT / "reader" / d).rglob("*.py"))


def update_translations() -> int:
    """Bring every .ts file up to date with the code's texts (no line numbers, so that a change
    elsewhere in a module leaves the files alone; texts gone from the code are dropped)."""
    ensure_venv(with_tests=False)
    sources = [str(p.relative_to(ROOT)) for p in translation_sources()]
    code = 0
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        extra = ["-pluralonly"] if ts.name in PLURALS_ONLY else []
        lupdate = [str(BIN / "pyside6-lupdate"), "-locations", "none", "-no-obsolete", *extra]
        code |= _run(*lupdate, *sources, "-ts", str(ts.relative_to(ROOT)))
    return code | build_translations(force=True)


def build_translations(*, force: bool = False) -> int:
    """Compile each .ts file into the .qm file the window loads, when it changed."""
    code = 0
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if force or not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            lrelease = [str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)]
            code |= _run(*lrelease)
    return code


def _run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = ROOT) -> int:
    print("$", " ".join(args), flush=True)
    return subprocess.run(args, cwd=cwd, env=env, check=False).returncode


def run_app(extra: list[str]) -> int:
    ensure_venv(with_tests=False)
    build_translations()
    # The window starts where the user is, so the commands it suggests (with no display, say)
    # and the files it is given read from there.
    return _run(str(FOLIO), "gui", *extra, cwd=None)


# Programs the tests use for real, from Debian's packages: PostgreSQL behind the Miniflux of the
# sync tests, and desktop-file-validate for the menu entry. Each maps to how to tell it is there.
def _has_initdb() -> bool:
    return any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


def _has_desktop_file_validate() -> bool:
    return shutil.which("desktop-file-validate") is not None


SYSTEM_PACKAGES: dict[str, Callable[[], bool]] = {
    "postgresql": _has_initdb,
    "desktop-file-utils": _has_desktop_file_validate,
}


def ensure_system_packages() -> None:
    """Install the missing ones when this is root on a Debian-like system; else say what lacks."""
    missing = [name for name, present in SYSTEM_PACKAGES.items() if not present()]
    if not missing:
        return
    apt = shutil.which("apt-get")
    if apt is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        print(
            f"Not installed: {', '.join(missing)} (the tests that need them will say so);"
            f" on Debian or Ubuntu: sudo apt-get install {' '.join(missing)}",
            flush=True,
        )
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = [apt, "install", "-y", "-qq", "--no-install-recommends", *missing]
    print("Installing", ", ".join(missing), "…", flush=True)
    if subprocess.run(install, env=env, check=False, stdout=subprocess.DEVNULL).returncode:
        subprocess.run([apt, "update", "-qq"], env=env, check=False)
        subprocess.run(install, env=env, check=False, stdout=subprocess.DEVNULL)


def run_tests(extra: list[str]) -> int:
    ensure_venv(with_tests=True)
    ensure_system_packages()
    build_translations()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    checks = [
        (str(BIN / "ruff"), "check", "."),
        (str(BIN / "ruff"), "format", "--check", "."),
        (str(BIN / "lint-imports"),),
        (str(BIN / "mypy"),),
        (str(BIN / "vulture"),),
        (str(PYTHON), str(ROOT / "tasks.py"), "import-cycles"),
    ]
    failed = [Path(check[0]).name for check in checks if _run(*check, env=env)]
    # The sync tests run against a real Miniflux: its package is fetched once into a cache
    # here, so the tests need no network. If that fails, they say why.
    _run(sys.executable, str(ROOT / "tests" / "miniflux.py"), "prepare")
    whole = not extra
    measure = ["--cov=reader", "--cov-report="] if whole else []
    code = _run(str(PYTHON), "-m", "pytest", *measure, *extra, env=env)
    if whole and not check_coverage():
        failed.append("coverage")
    if failed:
        print("Failed checks:", ", ".join(failed), flush=True)
        return 1
    return code


def coverage_figures() -> dict[str, float]:
    """Each package's coverage, in per cent, from the data the last measured test run left."""
    figures: dict[str, float] = {}
    for package in COVERAGE_FLOORS:
        include = f"--include=reader/{package}/*"
        report = subprocess.run(
            [str(PYTHON), "-m", "coverage", "report", "--format=total", "--precision=1", include],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        try:
            figures[package] = float(report.stdout.strip())
        except ValueError:  # no data: say so as 0 rather than pass
            print(report.stdout + report.stderr, end="", flush=True)
            figures[package] = 0.0
    return figures


def check_coverage() -> bool:
    """Whether every package holds its floor; prints each package's figure."""
    held = True
    for package, figure in coverage_figures().items():
        floor = COVERAGE_FLOORS[package]
        verdict = "" if figure >= floor else "  below its floor"
        held = held and figure >= floor
        print(f"Coverage of reader/{package}: {figure:.1f} % (floor {floor} %){verdict}")
    return held


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
        ensure_venv(with_tests=True)
        if Path(sys.prefix).resolve() != VENV.resolve():  # grimp is only inside .venv
            return subprocess.run([str(PYTHON), __file__, "import-cycles"], check=False).returncode
        return check_import_cycles()
    if len(sys.argv) < 2 or sys.argv[1] not in ("run", "test", "setup", "translations"):
        print(__doc__)
        return 2
    command, extra = sys.argv[1], sys.argv[2:]
    if command == "setup":
        ensure_venv(with_tests=True)
        return build_translations()
    if command == "translations":
        return update_translations()
    if command == "run":
        return run_app(extra)
    return run_tests(extra)


if __name__ == "__main__":
    sys.exit(main())
