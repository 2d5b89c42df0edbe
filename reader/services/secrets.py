"""Where sync passwords live: the system keyring, else a file only the user can read.

Never in the library: a library file is copied, backed up and exported, a password must not
travel with it. The keyring (the ``keyring`` library: Secret Service, KWallet, macOS Keychain,
Windows Credential Locker) is used when one answers. Without one (a headless machine, a
minimal desktop) the password goes to ``secrets.json`` in Folio's config folder, created
readable and writable by the user alone, and the caller is told so it can warn.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.errors import UserError

log = logging.getLogger(__name__)

SERVICE = "Folio sync"
KEYRING = "keyring"
FILE = "file"
FILE_NAME = "secrets.json"


@dataclass(frozen=True, slots=True)
class StoredSecret:
    """Where a password went, and the warning to show when that is a file."""

    where: str
    warning: str | None = None


def secret_key(url: str, username: str) -> str:
    return f"{username}@{url}"


def _usable_keyring(backend: Any) -> bool:
    """A keyring that would keep the password: not the "fail" or "null" stand-ins, and not a
    chain with nothing in it."""
    module = type(backend).__module__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return False
    if module.startswith("keyring.backends.chainer"):
        return bool(getattr(backend, "backends", ()))
    return True


class SecretStore:
    """Passwords by key. ``backend`` is a keyring backend (tests give one); by default the
    keyring library picks the system's."""

    def __init__(self, folder: Path | None = None, *, backend: Any = None) -> None:
        if folder is None:
            from platformdirs import user_config_path

            from reader import APP_NAME

            folder = user_config_path(APP_NAME, appauthor=False)
        self.path = Path(folder) / FILE_NAME
        self._backend = backend
        self._lock = threading.Lock()

    # -- keyring -----------------------------------------------------------------------------
    def _keyring(self) -> Any | None:
        if self._backend is not None:
            return self._backend if _usable_keyring(self._backend) else None
        try:
            import keyring
        except ImportError:
            return None
        try:
            backend = keyring.get_keyring()
        except Exception:
            log.info("no system keyring", exc_info=True)
            return None
        return backend if _usable_keyring(backend) else None

    def store(self, key: str, password: str) -> StoredSecret:
        """Keep ``password``; returns where it went."""
        backend = self._keyring()
        if backend is not None:
            try:
                backend.set_password(SERVICE, key, password)
                return StoredSecret(KEYRING)
            except Exception as exc:
                log.info("the keyring refused the password: %s", exc)
        self._write_file(key, password)
        return StoredSecret(
            FILE,
            warning=(
                f"no system keyring answered, so the password is kept in {self.path},"
                " readable only by you"
            ),
        )

    def load(self, key: str, where: str) -> str | None:
        if where == KEYRING:
            backend = self._keyring()
            if backend is None:
                raise UserError(
                    "the system keyring that holds the sync password is not available; unlock"
                    " it, or remove the account and add it again"
                )
            try:
                value = backend.get_password(SERVICE, key)
            except Exception as exc:
                raise UserError(f"the system keyring did not give the password: {exc}") from None
            return value if isinstance(value, str) else None
        return self._read_file().get(key)

    def delete(self, key: str, where: str) -> None:
        if where == KEYRING:
            backend = self._keyring()
            if backend is not None:
                with contextlib.suppress(Exception):
                    backend.delete_password(SERVICE, key)
            return
        with self._lock:
            data = self._read_file()
            if data.pop(key, None) is not None:
                self._save(data)

    # -- the file ------------------------------------------------------------------------------
    def _read_file(self) -> dict[str, str]:
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return {}
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            # Someone widened it; narrow it again before reading what it holds.
            self.path.chmod(stat.S_IRUSR | stat.S_IWUSR)
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UserError(f"cannot read the password file {self.path}: {exc}") from None
        if not isinstance(data, dict):
            return {}
        return {str(k): v for k, v in data.items() if isinstance(v, str)}

    def _write_file(self, key: str, password: str) -> None:
        with self._lock:
            data = self._read_file()
            data[key] = password
            self._save(data)

    def _save(self, data: dict[str, str]) -> None:
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            temporary = self.path.with_name(self.path.name + ".tmp")
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
            # Created with the user's bits only: the password is never readable by others,
            # not even for a moment.
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            temporary.replace(self.path)
        except OSError as exc:
            raise UserError(f"cannot write the password file {self.path}: {exc}") from None
