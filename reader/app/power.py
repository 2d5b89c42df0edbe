"""Whether background work should wait: the computer runs on its battery, or the network
connection is metered (a phone's hotspot). Work the user asks for never waits."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)

POWER_SUPPLIES = Path("/sys/class/power_supply")


def on_battery(root: Path = POWER_SUPPLIES) -> bool:
    """Whether the computer runs on its battery: it has one that is discharging and no mains
    adapter is plugged in. Unknown (no such information, another system) counts as no."""
    if sys.platform != "linux" or not root.is_dir():
        return False
    discharging = False
    try:
        for supply in root.iterdir():
            kind = _read(supply / "type")
            if kind == "Mains" and _read(supply / "online") == "1":
                return False
            if kind == "Battery" and _read(supply / "status") == "Discharging":
                discharging = True
    except OSError:
        return False
    return discharging


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return ""


class MeteredCheck:
    """Whether the network connection is metered, as the system's network backend says
    (NetworkManager on Linux); no backend means no."""

    def __init__(self) -> None:
        self._info: object | None = None
        self._loaded = False

    def __call__(self) -> bool:
        info = self._load()
        if info is None:
            return False
        try:
            return bool(info.isMetered())  # type: ignore[attr-defined]
        except RuntimeError:
            return False

    def _load(self) -> object | None:
        if not self._loaded:
            self._loaded = True
            from PySide6.QtNetwork import QNetworkInformation

            try:
                if QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Metered):
                    self._info = QNetworkInformation.instance()
            except (RuntimeError, AttributeError):
                log.info("no network information backend: metered connections not detected")
        return self._info
