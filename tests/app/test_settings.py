from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from pytestqt.qtbot import QtBot

from reader.app.settings import (
    DEFAULT_FONT_SIZE,
    DEFAULT_MARK_READ_DELAY_MS,
    MAX_FONT_SIZE,
    Settings,
    ThemeChoice,
)


def test_defaults(settings: Settings) -> None:
    assert settings.theme is ThemeChoice.SYSTEM
    assert settings.font_size == DEFAULT_FONT_SIZE
    assert settings.mark_read_delay_ms == DEFAULT_MARK_READ_DELAY_MS
    assert settings.newest_first is True
    assert settings.window_state("geometry") is None


def test_values_persist_and_announce_changes(
    settings: Settings, tmp_path: Path, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(settings.changed) as blocker:
        settings.theme = ThemeChoice.DARK
    assert blocker.args == ["appearance/theme"]
    settings.font_size = 99
    settings.mark_read_delay_ms = 2500
    settings.newest_first = False
    settings.set_window_state("splitter", QByteArray(b"\x01\x02"))
    settings.set_last_view("feed\t3")
    settings.sync()
    again = Settings(QSettings(str(tmp_path / "folio.ini"), QSettings.Format.IniFormat))
    assert again.theme is ThemeChoice.DARK
    assert again.font_size == MAX_FONT_SIZE
    assert again.mark_read_delay_ms == 2500
    assert again.newest_first is False
    assert bytes(again.window_state("splitter").data()) == b"\x01\x02"  # type: ignore[union-attr]
    assert again.last_view() == "feed\t3"


def test_damaged_values_fall_back(settings: Settings) -> None:
    settings.store.setValue("appearance/theme", "purple")
    settings.store.setValue("appearance/font_size", "huge")
    settings.store.setValue("reading/mark_read_delay_ms", -5)
    assert settings.theme is ThemeChoice.SYSTEM
    assert settings.font_size == DEFAULT_FONT_SIZE
    assert settings.mark_read_delay_ms == 0


def test_setting_the_same_value_is_quiet(settings: Settings, qtbot: QtBot) -> None:
    settings.font_size = 14
    with qtbot.assertNotEmitted(settings.changed):
        settings.font_size = 14
