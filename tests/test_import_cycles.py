"""The import-cycle check that ``tasks.py test`` runs finds every kind of cycle."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tasks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("folio_tasks", ROOT / "tasks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _package(root: Path, name: str, modules: dict[str, str]) -> None:
    folder = root / name
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    for module, source in modules.items():
        (folder / f"{module}.py").write_text(source)


def test_direct_lazy_and_type_only_cycles_are_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _package(
        tmp_path,
        "cyclic",
        {
            # A three-module ring, one link of it hidden inside a function.
            "a": "from cyclic import b\n",
            "b": "from cyclic import c\n",
            "c": "def later():\n    from cyclic import a\n",
            # A pair joined only for the type checker.
            "d": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from cyclic import e\n",
            "e": "from cyclic import d\n",
            "f": "from cyclic import a\n",
        },
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    cycles = _tasks()._import_cycles("cyclic", cache=False)
    assert sorted(cycles) == [["cyclic.a", "cyclic.b", "cyclic.c"], ["cyclic.d", "cyclic.e"]]


def test_a_tree_of_imports_has_no_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _package(
        tmp_path,
        "acyclic",
        {"a": "from acyclic import b, c\n", "b": "from acyclic import c\n", "c": "import json\n"},
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _tasks()._import_cycles("acyclic", cache=False) == []


def test_reader_has_no_cycles_beyond_those_listed() -> None:
    tasks = _tasks()
    found = {tuple(group) for group in tasks._import_cycles("reader")}
    assert found <= tasks.KNOWN_CYCLES
