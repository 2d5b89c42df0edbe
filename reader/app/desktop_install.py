"""``folio install-desktop``: Folio's menu entry, icons and file types, for this user.

Everything goes under $XDG_DATA_HOME (``~/.local/share``), as the freedesktop.org specs ask:
``applications/folio.desktop``, the icon in ``icons/hicolor`` (drawn from its SVG at each size
the icon theme spec names, plus the SVG), and ``mime/packages/folio.xml`` for OPML. A record of
what was written (with each file's digest) lets ``--remove`` take away exactly that, and leave
a file the user changed since. The desktop's caches are brought up to date with the usual
tools when they are there; without them the desktop reads the files on its next start.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from reader import APP_NAME
from reader.app.launch_command import launch_command
from reader.app.resources import resource_path
from reader.core.errors import UserError

log = logging.getLogger(__name__)

# The desktop file's name is the application's id: Qt gives it to Wayland as the window's
# app_id (QGuiApplication.setDesktopFileName), which is how the desktop finds the icon.
APP_ID = "folio"
DESKTOP_FILE = f"applications/{APP_ID}.desktop"
MIME_FILE = f"mime/packages/{APP_ID}.xml"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
RECORD_FILE = "desktop-install.json"
# update-desktop-database's cache of which entries open which types.
MIME_CACHE = "mimeinfo.cache"
MIME_CACHE_RECORD = f"applications/{MIME_CACHE}"
# What "Open with Folio" is offered for: saved pages (HTML, XHTML, MHTML), pages saved as
# text, Markdown, and OPML subscription lists. Folio's own export and other services'
# exports are JSON, CSV or zip files, types Folio must not claim for every such file.
MIME_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "application/x-mimearchive",
    "text/plain",
    "text/markdown",
    "text/x-opml+xml",
)
_TOOL_TIMEOUT_S = 60


def data_home() -> Path:
    given = os.environ.get("XDG_DATA_HOME", "")
    # The spec ignores a relative value.
    return Path(given) if given and Path(given).is_absolute() else Path.home() / ".local/share"


def record_path(home: Path) -> Path:
    return home / APP_NAME / RECORD_FILE


# -- what is written ---------------------------------------------------------------------------
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_argument(arg: str) -> str:
    """One argument of an Exec line: quoted as the desktop entry spec asks when it holds a
    reserved character, with ``%`` doubled (it starts field codes)."""
    arg = arg.replace("%", "%%")
    if not arg or any(c in _EXEC_RESERVED for c in arg):
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        arg = f'"{escaped}"'
    return arg


def _string_value(text: str) -> str:
    """A desktop entry string value: backslashes and line ends escaped."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def desktop_entry(command: Sequence[str]) -> str:
    exec_line = " ".join(exec_argument(a) for a in command) + " %U"
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        f"Name={APP_NAME}",
        "GenericName=Feed and Article Reader",
        "GenericName[de]=Feed- und Artikelleser",
        "Comment=Read saved articles and feeds, private and offline",
        "Comment[de]=Gespeicherte Artikel und Feeds lesen, privat und offline",
        f"Icon={APP_ID}",
        f"TryExec={_string_value(command[0])}",
        f"Exec={_string_value(exec_line)}",
        "Terminal=false",
        "StartupNotify=true",
        f"StartupWMClass={APP_NAME}",
        "Categories=Network;Feed;News;",
        "Keywords=RSS;Atom;feed;news;read later;article;Pocket;OPML;",
        "Keywords[de]=RSS;Atom;Feed;Nachrichten;später lesen;Artikel;Pocket;OPML;",
        "MimeType=" + "".join(f"{t};" for t in MIME_TYPES),
    ]
    return "\n".join(lines) + "\n"


def mime_package() -> str:
    """OPML as shared-mime-info knows it, for systems whose database predates it."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">\n'
        '  <mime-type type="text/x-opml+xml">\n'
        "    <comment>OPML subscription list</comment>\n"
        '    <comment xml:lang="de">OPML-Abonnementliste</comment>\n'
        "    <acronym>OPML</acronym>\n"
        "    <expanded-acronym>Outline Processor Markup Language</expanded-acronym>\n"
        '    <sub-class-of type="application/xml"/>\n'
        '    <alias type="text/x-opml"/>\n'
        '    <generic-icon name="text-html"/>\n'
        '    <glob pattern="*.opml"/>\n'
        '    <magic priority="70">\n'
        '      <match type="string" value="&lt;opml " offset="0:256"/>\n'
        "    </magic>\n"
        "  </mime-type>\n"
        "</mime-info>\n"
    )


def render_icon(svg: Path, size: int) -> bytes:
    """The SVG drawn at ``size`` pixels square, as PNG."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise UserError(f"Folio's icon {svg} cannot be read")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 takes the format as str, though its stubs say bytes.
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


def desktop_files(command: Sequence[str]) -> dict[str, bytes]:
    """Every file installed, by its path under $XDG_DATA_HOME."""
    svg = resource_path("icons", "folio.svg")
    files = {
        DESKTOP_FILE: desktop_entry(command).encode("utf-8"),
        MIME_FILE: mime_package().encode("utf-8"),
        f"icons/hicolor/scalable/apps/{APP_ID}.svg": svg.read_bytes(),
    }
    for size in ICON_SIZES:
        files[f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png"] = render_icon(svg, size)
    return files


# -- the record of an install ------------------------------------------------------------------
@dataclass
class InstallRecord:
    files: dict[str, str] = field(default_factory=dict)  # path under data home -> sha256
    # Folders (and the "Open with" cache) that did not exist before: relative to the data
    # folder, "." for itself and ".." for those above it.
    created: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> InstallRecord | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise UserError(
                f"the record of Folio's desktop install {path} is damaged: {exc}"
            ) from exc
        files = data.get("files") if isinstance(data, dict) else None
        folders = data.get("created") if isinstance(data, dict) else None
        if not isinstance(files, dict) or not isinstance(folders, list):
            raise UserError(f"the record of Folio's desktop install {path} is damaged")
        return cls({str(k): str(v) for k, v in files.items()}, [str(f) for f in folders])

    def write(self, path: Path) -> None:
        data = {"version": 1, "files": self.files, "created": self.created}
        _write_atomically(path, json.dumps(data, indent=1, sort_keys=True).encode() + b"\n")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    partial.replace(path)


def _safe_relative(home: Path, relative: str) -> Path:
    """A recorded path, refused when it would lead outside the data folder."""
    path = (home / relative).resolve()
    if home.resolve() not in path.parents:
        raise UserError(f"the desktop install record names a file outside {home}: {relative}")
    return home / relative


# -- the desktop's caches ----------------------------------------------------------------------
def _run_tool(args: Sequence[str]) -> str | None:
    """Run a cache tool; None when it ran, else what kept it from running."""
    if shutil.which(args[0]) is None:
        return f"{args[0]} is not installed"
    try:
        done = subprocess.run(
            list(args), capture_output=True, text=True, timeout=_TOOL_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{args[0]} failed: {exc}"
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        return f"{args[0]} failed: {detail[-1] if detail else f'exit {done.returncode}'}"
    return None


def _has_files(folder: Path, *, except_names: Iterable[str] = ()) -> bool:
    skip = set(except_names)
    return any(p.is_file() and p.name not in skip for p in folder.rglob("*"))


def _lists_associations(cache: Path) -> bool:
    try:
        lines = cache.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    return any(line.strip() and not line.startswith("[") for line in lines)


def _refresh_caches(home: Path, created: set[str], *, removing: bool) -> list[str]:
    """Bring the desktop's caches up to date; on removal, drop those an install made where
    nothing else is left to cache. Returns what could not be done."""
    notes: list[str] = []
    applications = home / "applications"
    associations = applications / MIME_CACHE
    if applications.is_dir():
        note = _run_tool(["update-desktop-database", "-q", str(applications)])
        if note is not None:
            notes.append(note)
        # The "Open with" cache the install brought about goes once it lists nothing (or
        # cannot be brought up to date: without it, launchers read the entries themselves).
        if (
            removing
            and MIME_CACHE_RECORD in created
            and (note is not None or not _lists_associations(associations))
        ):
            associations.unlink(missing_ok=True)
    mime = home / "mime"
    packages = mime / "packages"
    if mime.is_dir():
        packages_left = packages.is_dir() and _has_files(packages)
        if removing and "mime" in created and not packages_left:
            # Everything in mime/ but packages/ is what update-mime-database made from them.
            shutil.rmtree(mime)
        elif (note := _run_tool(["update-mime-database", str(mime)])) is not None:
            notes.append(note)
    hicolor = home / "icons" / "hicolor"
    # A cache is only kept fresh, never started: without one the icons are read directly.
    if (hicolor / "icon-theme.cache").is_file():
        if (
            removing
            and "icons/hicolor" in created
            and not _has_files(hicolor, except_names=["icon-theme.cache"])
        ):
            (hicolor / "icon-theme.cache").unlink()
        elif (
            note := _run_tool(["gtk-update-icon-cache", "-q", "-t", "-f", str(hicolor)])
        ) is not None:
            notes.append(note)
    return notes


# -- installing and removing -------------------------------------------------------------------
@dataclass
class InstallReport:
    desktop_file: Path
    written: list[Path]
    notes: list[str]


@dataclass
class RemoveReport:
    removed: list[Path]
    kept: list[Path]
    notes: list[str]


def install_desktop(home: Path, command: Sequence[str]) -> InstallReport:
    """Write the menu entry, icons and file types under ``home`` for ``command``."""
    files = desktop_files(command)
    record_file = record_path(home)
    previous = InstallRecord.read(record_file) or InstallRecord()
    created = list(previous.created)
    created += [f for f in _missing_ancestors(home) if f not in created]
    written: list[Path] = []
    record = InstallRecord(files={}, created=created)
    for relative, data in files.items():
        target = home / relative
        for parent in reversed(Path(relative).parents):
            name = parent.as_posix()
            if name != "." and not (home / parent).exists() and name not in created:
                created.append(name)
        try:
            _write_atomically(target, data)
        except OSError as exc:
            record.files.update(previous.files)
            record.write(record_file)
            raise UserError(f"cannot write {target}: {exc.strerror or exc}") from exc
        record.files[relative] = _digest(data)
        written.append(target)
    # Files an earlier install wrote and this one does not (an icon size no longer made).
    for relative, digest in previous.files.items():
        if relative not in files:
            _remove_if_unchanged(_safe_relative(home, relative), digest)
    if not record_file.parent.exists() and APP_NAME not in created:
        created.append(APP_NAME)
    if not (home / MIME_CACHE_RECORD).exists() and MIME_CACHE_RECORD not in created:
        created.append(MIME_CACHE_RECORD)
    record.write(record_file)
    notes = _refresh_caches(home, set(created), removing=False)
    return InstallReport(home / DESKTOP_FILE, written, notes)


def _remove_if_unchanged(path: Path, digest: str) -> bool | None:
    """True when removed, False when kept (changed since), None when it was not there."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    if _digest(data) != digest:
        return False
    path.unlink()
    return True


def remove_desktop(home: Path) -> RemoveReport:
    record_file = record_path(home)
    record = InstallRecord.read(record_file)
    if record is None:
        raise UserError(f"Folio's menu entry is not installed under {home} (nothing to remove)")
    removed: list[Path] = []
    kept: list[Path] = []
    for relative, digest in record.files.items():
        path = _safe_relative(home, relative)
        outcome = _remove_if_unchanged(path, digest)
        if outcome is True:
            removed.append(path)
        elif outcome is False:
            kept.append(path)
    notes = _refresh_caches(home, set(record.created), removing=True)
    record_file.unlink()
    for folder in _removal_order(f for f in record.created if f != MIME_CACHE_RECORD):
        _remove_empty(_folder_path(home, folder))
    return RemoveReport(removed, kept, notes)


def _missing_ancestors(home: Path) -> list[str]:
    """The data folder and the folders above it that do not exist yet: ".", "..", "../.."."""
    missing: list[str] = []
    path = home
    while not path.exists() and path != path.parent:
        missing.append("/".join([".."] * len(missing)) or ".")
        path = path.parent
    return missing


def _folder_path(home: Path, name: str) -> Path:
    if name == ".":
        return home
    if name.startswith(".."):
        return home.parents[name.count("..") - 1]
    return home / name


def _removal_order(folders: Iterable[str]) -> list[str]:
    """Deepest first: the folders below the data folder, then it, then those above it."""
    below = [f for f in folders if not f.startswith(".")]
    above = [f for f in folders if f.startswith(".")]
    return [
        *sorted(below, key=lambda f: f.count("/"), reverse=True),
        *sorted(above, key=lambda f: (f != ".", f.count(".."))),
    ]


def _remove_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty (or gone): it stays
        folder.rmdir()


def run_install_command(*, removing: bool) -> int:
    """``folio install-desktop [--remove]``: what was done, or one line saying why not."""
    home = data_home()
    try:
        if sys.platform in ("win32", "darwin"):
            raise UserError("install-desktop is for Linux and other freedesktop.org desktops")
        if removing:
            removed = remove_desktop(home)
            count = len(removed.removed)
            print(f"Removed Folio's menu entry, icons and file types ({count} files)")
            for path in removed.kept:
                print(f"  kept {path}: it changed since it was installed")
            notes = removed.notes
        else:
            command = launch_command(absolute=True)
            report = install_desktop(home, command)
            print(f"Installed Folio's menu entry {report.desktop_file}, icons and file types")
            print(f"  it starts: {' '.join(command)}")
            notes = report.notes
    except UserError as exc:
        print(f"folio: error: {exc}", file=sys.stderr)
        return 1
    for note in notes:
        print(f"  note: {note}; the desktop picks the change up at its next start")
    return 0
