"""Shared fixtures. Qt runs offscreen everywhere, set before any Qt import."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No test may reach the real system keyring: the "fail" backend means "no keyring here".
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from reader.app.translations import install_translations
from reader.library import Library
from reader.library.writer import THREAD_NAME as WRITER_THREAD
from reader.store.write_watch import unwatch_writes, watch_writes
from tests import miniflux as miniflux_tools
from tests.fake_greader import FRESHRSS, MINIFLUX, FakeGReader
from tests.translation_files import compile_translations

# Read before any test moves HOME and the XDG folders to temporary ones.
MINIFLUX_CACHE = miniflux_tools.cache_folder()


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


@pytest.fixture(scope="session")
def translations_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .qm files, compiled from the .ts files of this checkout."""
    return compile_translations(tmp_path_factory.mktemp("translations"))


@pytest.fixture(scope="session")
def qapp(qapp: QApplication, translations_dir: Path) -> QApplication:
    """pytest-qt's application, speaking English as the window does on an English system
    (the English translations hold the plural forms: "1 article", "2 articles")."""
    install_translations("en", folder=translations_dir)
    return qapp


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


@pytest.fixture(scope="session")
def miniflux() -> Iterator[miniflux_tools.MinifluxServer]:
    """A real Miniflux with a PostgreSQL of its own on 127.0.0.1, for the whole session.

    Its binary comes from the cache ``python3 tasks.py test`` fills (made here when missing);
    when it cannot be had, the test fails with the reason in one line."""
    try:
        server = miniflux_tools.MinifluxServer(miniflux_tools.prepare(MINIFLUX_CACHE))
    except (miniflux_tools.MinifluxUnavailable, OSError) as exc:
        pytest.fail(f"no real Miniflux for the sync tests: {exc}", pytrace=False)
    try:
        server.start()
    except (miniflux_tools.MinifluxUnavailable, OSError) as exc:
        server.stop()
        pytest.fail(f"no real Miniflux for the sync tests: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


# -- Google Reader API servers in this process (see tests/fake_greader.py) --


@pytest.fixture(params=[MINIFLUX, FRESHRSS])
def greader(request: pytest.FixtureRequest) -> Iterator[FakeGReader]:
    with FakeGReader(request.param) as fake:
        yield fake


@pytest.fixture
def miniflux_fake() -> Iterator[FakeGReader]:
    with FakeGReader(MINIFLUX) as fake:
        yield fake


@pytest.fixture
def freshrss_fake() -> Iterator[FakeGReader]:
    with FakeGReader(FRESHRSS) as fake:
        yield fake
