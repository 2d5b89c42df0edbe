"""Starting the window: what is said when it cannot open, and the application object."""

from __future__ import annotations

import ctypes
import sys

import pytest
from PySide6.QtWidgets import QApplication

from reader.app.application import create_application, platform_problem


def test_missing_x11_libraries_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    real = ctypes.CDLL

    def cdll(name: str, *args: object, **kwargs: object) -> object:
        if name in ("libxcb-icccm.so.4", "libxcb-cursor.so.0"):
            raise OSError(f"{name}: cannot open shared object file")
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ctypes, "CDLL", cdll)
    message = platform_problem()
    assert message is not None
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in message
    assert message.count(".") >= 1 and "\n" not in message


def test_other_platforms_are_not_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert platform_problem() is None
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert platform_problem() is None


def test_one_application_per_process(qapp: QApplication) -> None:
    assert create_application() is qapp
