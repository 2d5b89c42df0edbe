"""Shared fixtures. Qt runs offscreen everywhere, set before any Qt import."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library import Library
from reader.library.writer import THREAD_NAME as WRITER_THREAD
from reader.store.write_watch import unwatch_writes, watch_writes


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the user's real library, settings or logs."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("FOLIO_DB", raising=False)


@pytest.fixture(autouse=True)
def _one_writer(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every write to a library file, in every test, runs on a library's writer thread: a
    test whose code writes from any other thread fails."""
    stray: list[str] = []

    def report(thread: str, table: str) -> None:
        if thread != WRITER_THREAD:
            stray.append(f"thread {thread!r} wrote to {table!r}")

    watch_writes(report)
    try:
        yield
    finally:
        unwatch_writes(report)
    if stray and request.node.get_closest_marker("writes_outside_the_writer") is None:
        pytest.fail("writes outside the library's writer thread: " + "; ".join(sorted(set(stray))))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite"


@pytest.fixture
def library(db_path: Path) -> Iterator[Library]:
    lib = Library(db_path)
    try:
        yield lib
    finally:
        lib.close()
