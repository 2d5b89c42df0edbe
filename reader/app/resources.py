"""Finding Folio's icons, stylesheets and sample library, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

import reader

_PACKAGE = Path(reader.__file__).resolve().parent


def resources_dir() -> Path:
    """``reader/resources`` inside an installed wheel, else ``resources/`` of the checkout."""
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if (candidate / "icons").is_dir():
            return candidate
    raise FileNotFoundError("Folio's resources folder is missing from this installation")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
