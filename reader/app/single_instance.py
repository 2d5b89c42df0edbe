"""One window per library: a second ``folio`` on the same library hands its files and web
addresses to the window already open, which comes forward; the second process then ends.

The first process holds an exclusive lock on a file named after the library (``flock``: the
system lets go of it when the process ends, however it ends, so a crash leaves nothing stale)
and listens on a local socket named the same way. A later process that cannot take the lock
connects, sends one JSON line and waits for ``ok``. The socket left behind by a crashed window
is removed by the next one to take the lock, since no one else can be using it.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from reader.core.errors import UserError

if TYPE_CHECKING:
    # Qt's network module is loaded when a second process hands over or the window listens,
    # not before the first window is painted.
    from PySide6.QtNetwork import QLocalSocket

log = logging.getLogger(__name__)

PROTOCOL_VERSION = 1
# How long a second process keeps trying to reach the first: it may be starting (between
# taking the lock and listening) or busy opening a large library.
CONNECT_DEADLINE_S = 30.0
REPLY_TIMEOUT_MS = 10_000
MAX_REQUEST_BYTES = 1024 * 1024
# Unix socket paths are limited to about a hundred bytes.
_MAX_SOCKET_PATH = 100


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def runtime_dir() -> Path:
    """A folder only this user can enter, for locks and sockets: $XDG_RUNTIME_DIR when the
    session has one, else a private folder under the system's temporary folder."""
    given = os.environ.get("XDG_RUNTIME_DIR")
    if given and Path(given).is_dir() and os.access(given, os.W_OK | os.X_OK):
        folder = Path(given) / "folio"
    else:
        folder = Path(tempfile.gettempdir()) / f"folio-{_user()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the folder for Folio's locks {folder}: {exc}") from exc
    if hasattr(os, "getuid"):
        info = folder.stat()
        if info.st_uid != os.getuid() or info.st_mode & 0o077:
            raise UserError(
                f"{folder} belongs to another user or is open to others; Folio will not use it"
                " for its locks (remove it, or set XDG_RUNTIME_DIR)"
            )
    return folder


def instance_key(path: Path) -> str:
    """A short name for a library (or any file) and the user running Folio on it."""
    resolved = Path(path).expanduser().absolute().resolve()
    digest = hashlib.sha256(f"{_user()}\0{resolved}".encode()).hexdigest()
    return digest[:20]


def server_name(library_path: Path) -> str:
    key = f"folio-{instance_key(library_path)}"
    if sys.platform == "win32":
        return key
    socket = runtime_dir() / f"{key}.sock"
    # A full path keeps the socket in the private folder; Qt puts a bare name in /tmp.
    return str(socket) if len(os.fsencode(socket)) <= _MAX_SOCKET_PATH else key


class ProcessLock:
    """An exclusive lock on a file, held until :meth:`release` or the end of the process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> bool:
        """Take the lock if no other process holds it; True when this process holds it."""
        if self._handle is not None:
            return True
        try:
            import fcntl
        except ImportError:  # not a POSIX system: the socket alone decides
            return True
        try:
            handle = self.path.open("a+b")
        except OSError as exc:
            # Without the lock file Folio still runs: a lock must never keep a window shut.
            log.warning("cannot open the lock file %s (%s); going on without it", self.path, exc)
            return True
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n".encode())
        handle.flush()
        self._handle = handle
        return True

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            handle.close()


@dataclass(frozen=True)
class OpenRequest:
    """What a second ``folio`` asked the window for: files and addresses to open (none: just
    come forward), and the token a Wayland desktop gives a launch to let it raise a window."""

    sources: tuple[str, ...]
    activation_token: str | None = None


def encode_request(request: OpenRequest) -> bytes:
    message = {
        "version": PROTOCOL_VERSION,
        "sources": list(request.sources),
        "activation_token": request.activation_token,
    }
    return json.dumps(message).encode() + b"\n"


def decode_request(line: bytes) -> OpenRequest:
    """Raises ValueError for anything but a request this version understands."""
    data = json.loads(line.decode("utf-8"))
    if not isinstance(data, dict) or data.get("version") != PROTOCOL_VERSION:
        raise ValueError("not a Folio request")
    sources = data.get("sources")
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise ValueError("sources must be a list of strings")
    token = data.get("activation_token")
    return OpenRequest(tuple(sources), token if isinstance(token, str) and token else None)


def send_request(name: str, request: OpenRequest, *, connect_ms: int = 1000) -> bool:
    """Hand ``request`` to the window listening on ``name``. False when nothing listens;
    UserError when a window listens but does not take it."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(connect_ms):
        return False
    socket.write(encode_request(request))
    socket.waitForBytesWritten(REPLY_TIMEOUT_MS)
    reply = b""
    deadline = time.monotonic() + REPLY_TIMEOUT_MS / 1000
    while b"\n" not in reply:
        remaining = int((deadline - time.monotonic()) * 1000)
        if remaining <= 0 or not socket.waitForReadyRead(remaining):
            if socket.bytesAvailable():
                reply += bytes(socket.readAll().data())
                continue
            socket.abort()
            raise UserError(
                "Folio is already open on this library but did not answer; close that window"
                " and try again"
            )
        reply += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    answer = reply.split(b"\n", 1)[0].decode("utf-8", "replace").strip()
    if answer != "ok":
        raise UserError(f"the Folio window open on this library refused the request: {answer}")
    return True


class InstanceServer(QObject):
    """Listens for second processes; ``requested(OpenRequest)`` on the GUI thread."""

    requested = Signal(object)  # OpenRequest

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    def listen(self) -> bool:
        # Whoever holds the lock owns the name: a socket file still there was left by a window
        # that crashed, and nothing answers on it.
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)
        if self._server.listen(self.name):
            return True
        log.warning("cannot listen on %s: %s", self.name, self._server.errorString())
        return False

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()
        for socket in list(self._buffers):
            socket.abort()
        self._buffers.clear()

    @Slot()
    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is None:
                break
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        if b"\n" not in buffer:
            if len(buffer) > MAX_REQUEST_BYTES:
                self._answer(socket, "too long")
            return
        line = bytes(buffer.split(b"\n", 1)[0])
        try:
            request = decode_request(line)
        except ValueError as exc:
            self._answer(socket, f"not understood ({exc})")
            return
        self._answer(socket, "ok")
        self.requested.emit(request)

    def _answer(self, socket: QLocalSocket, answer: str) -> None:
        self._buffers.pop(socket, None)
        socket.write(answer.encode() + b"\n")
        socket.flush()
        socket.disconnectFromServer()


class InstanceGuard:
    """Decides whether this process opens the window on ``library_path`` or hands over."""

    def __init__(self, library_path: Path) -> None:
        self.name = server_name(library_path)
        folder = runtime_dir()
        self.lock = ProcessLock(folder / f"folio-{instance_key(library_path)}.lock")
        self.server: InstanceServer | None = None

    def claim(self, sources: list[str], *, deadline_s: float = CONNECT_DEADLINE_S) -> bool:
        """True when this process is the first on the library (it then holds the lock and
        should :meth:`listen` once Qt runs); False when the window already open took
        ``sources``. UserError when that window does not answer."""
        request = OpenRequest(
            tuple(sources),
            os.environ.get("XDG_ACTIVATION_TOKEN") or os.environ.get("DESKTOP_STARTUP_ID"),
        )
        deadline = time.monotonic() + deadline_s
        while True:
            if self.lock.acquire():
                return True
            if send_request(self.name, request):
                return False
            if time.monotonic() > deadline:
                raise UserError(
                    "Folio is already open on this library but does not answer; close that"
                    " window and try again"
                )
            # The other process holds the lock but does not listen yet (it is starting), or
            # it is ending and lets go of the lock in a moment: try again shortly.
            time.sleep(0.1)

    def listen(self, parent: QObject | None = None) -> InstanceServer:
        server = InstanceServer(self.name, parent)
        server.listen()
        self.server = server
        return server

    def stop_listening(self) -> None:
        """Take no more requests; the window's process does this before its QApplication, the
        server's parent, is deleted."""
        if self.server is not None:
            self.server.close()
            self.server = None

    def release(self) -> None:
        self.stop_listening()
        self.lock.release()
