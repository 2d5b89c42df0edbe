"""Sync passwords: the system keyring when one answers, else a file only the user can read."""

from __future__ import annotations

import stat
from pathlib import Path

import keyring.backend
import pytest

from reader.core.errors import UserError
from reader.services.secrets import FILE, KEYRING, SecretStore


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A real keyring backend that keeps passwords in memory."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def test_the_keyring_is_used_when_there_is_one(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    store = SecretStore(tmp_path, backend=backend)
    stored = store.store("u@https://rss.example", "pw")
    assert (stored.where, stored.warning) == (KEYRING, None)
    assert store.load("u@https://rss.example", KEYRING) == "pw"
    assert not store.path.exists()
    store.delete("u@https://rss.example", KEYRING)
    assert backend.items == {}


def test_without_a_keyring_a_private_file_and_a_warning(tmp_path: Path) -> None:
    store = SecretStore(tmp_path / "config")
    stored = store.store("u@https://rss.example", "pw")
    assert stored.where == FILE
    assert stored.warning is not None and "readable only by you" in stored.warning
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert store.load("u@https://rss.example", FILE) == "pw"
    # Widened by someone: narrowed again before it is read.
    store.path.chmod(0o644)
    assert store.load("u@https://rss.example", FILE) == "pw"
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    store.delete("u@https://rss.example", FILE)
    assert store.load("u@https://rss.example", FILE) is None


def test_a_keyring_gone_missing_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="keyring"):
        SecretStore(tmp_path).load("u@x", KEYRING)


def test_a_broken_password_file_is_one_line(tmp_path: Path) -> None:
    store = SecretStore(tmp_path)
    store.path.write_text("{not json")
    store.path.chmod(0o600)
    with pytest.raises(UserError, match="cannot read the password file"):
        store.load("u@x", FILE)
