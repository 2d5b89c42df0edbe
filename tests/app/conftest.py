"""The app layer's tests run Qt without windows; the same guard as the application."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from reader.app.pyside_workarounds import protect_singletons
from reader.app.settings import Settings

protect_singletons()


@pytest.fixture
def settings(tmp_path: Path, qapp: QApplication) -> Settings:
    return Settings(QSettings(str(tmp_path / "folio.ini"), QSettings.Format.IniFormat))
