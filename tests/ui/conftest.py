"""Fixtures for the window's tests: settings in a temporary file, a window on a library."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.app.pyside_workarounds import protect_singletons
from reader.app.settings import Settings
from reader.library import Library
from reader.ui.main_window import MainWindow
from tests.ui.scripted_prompts import ScriptedPrompts

protect_singletons()

# The offscreen platform has no window system to pass size limits, raising or keyboard grabs
# to (pop-ups such as the tag completer ask for them), and says so; no fault of the window.
OFFSCREEN_NOISE = "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def settings(tmp_path: Path, qapp: QApplication) -> Settings:
    store = QSettings(str(tmp_path / "folio.ini"), QSettings.Format.IniFormat)
    settings = Settings(store)
    # Tests that are about the delay set their own.
    settings.mark_read_delay_ms = 0
    return settings


@pytest.fixture
def prompts() -> ScriptedPrompts:
    """The answers to the window's modal questions (every test window asks these)."""
    return ScriptedPrompts()


@pytest.fixture
def make_window(qtbot: QtBot, settings: Settings, prompts: ScriptedPrompts) -> Iterator[object]:
    windows: list[MainWindow] = []

    def make(library: Library, **kwargs: object) -> MainWindow:
        kwargs.setdefault("prompts", prompts)
        window = MainWindow(library, settings=kwargs.pop("settings", settings), **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.resize(1200, 760)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        # Shortcuts only reach the active window.
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        qtbot.waitUntil(lambda: window.sidebar_controller.loaded)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
    assert not prompts.unused(), f"answers no question took: {prompts.unused()}"


@pytest.fixture
def window(make_window: object, library: Library) -> MainWindow:
    return make_window(library)  # type: ignore[operator, no-any-return]
