"""A command loads only what it needs: its own command's parser and the parts it calls."""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
from pathlib import Path

from reader.cli import COMMAND_MODULES, COMMAND_NAMES, build_parser

# Modules a command that only reads the library must not import: each costs start-up time.
HEAVY = (
    "PySide6",
    "feedparser",
    "trafilatura",
    "lxml",
    "httpx",
    "keyring",
    "http.client",
    "urllib.request",
    "reader.services",
    "reader.library.refresh",
    "reader.library.saving",
    "reader.store.search_index",
    # The locale's dates and counts: loaded by a command that prints one.
    "babel",
)


def _choices(parser: argparse.ArgumentParser) -> list[str]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(action.choices)


def test_the_command_list_names_what_each_module_registers() -> None:
    for module, names in COMMAND_MODULES.items():
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"reader.cli.{module}").register(sub)
        assert set(sub.choices) == set(names), module
    assert set(_choices(build_parser())) == COMMAND_NAMES


def test_a_command_builds_only_its_own_parser_and_the_help_lists_every_command() -> None:
    assert set(_choices(build_parser(["--db", "x.sqlite", "list", "--json"]))) == {
        "gui",
        *COMMAND_MODULES["articles"],
    }
    assert set(_choices(build_parser(["--help", "list"]))) == COMMAND_NAMES
    assert set(_choices(build_parser(["no-such-command"]))) == COMMAND_NAMES
    assert _choices(build_parser([])) == ["gui"]


def _modules_loaded_by(
    args: list[str], tmp_path: Path, env: dict[str, str] | None = None
) -> set[str]:
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('MODULES', ' '.join(sys.modules), file=sys.stderr))\n"
        "from reader.main import run\n"
        f"run({args!r})\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES "))
    return set(line.split()[1:])


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_listing_loads_no_network_parsing_or_window_code(tmp_path: Path) -> None:
    db = str(tmp_path / "library.sqlite")
    german = {**os.environ, "LC_ALL": "de_DE.UTF-8"}
    # Made first: a new library is indexed. Its counts are the locale's.
    assert "babel" in _modules_loaded_by(["--db", db, "stats"], tmp_path, german)
    for args in (["--db", db, "list", "--json"], ["--help"]):
        modules = _modules_loaded_by(args, tmp_path, german)
        assert _heavy(modules) == [], args
    # A command that fetches does load them: the list above names modules that exist.
    assert "reader.library.refresh" in _modules_loaded_by(["--db", db, "refresh"], tmp_path)
