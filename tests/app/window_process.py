"""A real Folio window in its own process, offscreen, for tests of what crosses processes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtNetwork import QLocalSocket

from reader.app.single_instance import server_name

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"
# A window process needs a few seconds to start on a busy machine.
START_TIMEOUT_MS = 60_000


@contextmanager
def short_runtime_dir() -> Iterator[Path]:
    """A private XDG_RUNTIME_DIR with a short path: a Unix socket's path has a length limit
    that pytest's temporary folders come near."""
    folder = Path(tempfile.mkdtemp(prefix="folio-rt-"))
    folder.chmod(0o700)
    old = os.environ.get("XDG_RUNTIME_DIR")
    os.environ["XDG_RUNTIME_DIR"] = str(folder)
    try:
        yield folder
    finally:
        if old is None:
            os.environ.pop("XDG_RUNTIME_DIR", None)
        else:
            os.environ["XDG_RUNTIME_DIR"] = old
        shutil.rmtree(folder, ignore_errors=True)


def window_env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen")


def settings_file() -> Path:
    """Where a window process started with :func:`window_env` keeps its preferences."""
    return Path(os.environ["XDG_CONFIG_HOME"]) / "Folio" / "Folio.conf"


def write_setting(key: str, value: str) -> None:
    store = QSettings(str(settings_file()), QSettings.Format.IniFormat)
    store.setValue(key, value)
    store.sync()


def folio(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(MAIN), *args],
        capture_output=True,
        text=True,
        env=window_env(),
        timeout=timeout,
        check=False,
    )


def listening(library: Path) -> bool:
    """Whether a window on ``library`` takes connections (connects and goes away at once)."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(library))
    connected = socket.waitForConnected(200)
    socket.abort()
    return connected


@contextmanager
def window_process(*args: str) -> Iterator[subprocess.Popen[str]]:
    """``folio ARGS`` running, ended with SIGTERM (the window quits and closes the library)."""
    process = subprocess.Popen(
        [sys.executable, str(MAIN), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=window_env(),
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        process.communicate()


def stop(process: subprocess.Popen[str]) -> tuple[int, str]:
    """End the window as the desktop would and return its exit code and stderr."""
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=60)
    return process.returncode, err
