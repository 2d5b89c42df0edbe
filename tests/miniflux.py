"""A real Miniflux on 127.0.0.1 for the sync tests, with nothing installed system-wide.

``prepare()`` puts Debian's miniflux binary in a cache folder: it downloads the package of the
next Debian release with apt, through a private sources list whose mirror is the one this
machine's apt already uses, and unpacks it with ``dpkg-deb -x``. ``MinifluxServer`` starts a
throw-away PostgreSQL (Debian's, in a temporary data folder, on a free port) and Miniflux on
it, creates a user and turns its Google Reader API on.

Standard library only: ``python3 tasks.py test`` runs ``python3 tests/miniflux.py prepare``
before the tests, so CI fills the cache in its install step and the tests themselves need no
network beyond 127.0.0.1.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

RELEASE = "trixie"
MINIMUM = (2, 2)
CACHE_ENV = "FOLIO_TEST_CACHE"
_SOURCES = (Path("/etc/apt/sources.list.d/debian.sources"), Path("/etc/apt/sources.list"))
_KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"


class MinifluxUnavailable(RuntimeError):
    """Miniflux cannot be run here; the message says why in one line."""


def cache_folder() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override) / "miniflux"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path("~/.cache").expanduser()
    return base / "folio-test" / "miniflux"


def binary(cache: Path | None = None) -> Path:
    return (cache or cache_folder()) / "x" / "usr" / "bin" / "miniflux"


def version_of(path: Path) -> tuple[int, ...]:
    out = subprocess.run(
        [str(path), "-version"], capture_output=True, text=True, timeout=30, check=False
    ).stdout
    found = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", out)
    if not found:
        raise MinifluxUnavailable(f"{path} -version printed no version: {out.strip()!r}")
    return tuple(int(part) for part in found.groups() if part is not None)


def debian_mirror() -> str:
    """The Debian mirror this machine's apt uses (not a commented snapshot address)."""
    for source in _SOURCES:
        if not source.is_file():
            continue
        for raw in source.read_text().splitlines():
            line = raw.strip()
            if line.startswith("URIs:"):
                for uri in line.split()[1:]:
                    if "security" not in uri:
                        return uri.rstrip("/")
            elif line.startswith("deb ") and "security" not in line:
                parts = [p for p in line.split()[1:] if not p.startswith("[")]
                if parts:
                    return parts[0].rstrip("/")
    raise MinifluxUnavailable("no Debian mirror found in this machine's apt sources")


def prepare(cache: Path | None = None) -> Path:
    """The miniflux binary, downloaded and unpacked into the cache if not there yet."""
    cache = cache or cache_folder()
    target = binary(cache)
    if target.is_file() and version_of(target) >= MINIMUM:
        return target
    for tool in ("apt-get", "dpkg-deb"):
        if shutil.which(tool) is None:
            raise MinifluxUnavailable(f"{tool} is not installed; it fetches Debian's miniflux")
    apt = cache / "apt"
    for folder in (apt / "lists" / "partial", apt / "cache" / "archives" / "partial"):
        folder.mkdir(parents=True, exist_ok=True)
    sources = apt / "sources.list"
    sources.write_text(f"deb [signed-by={_KEYRING}] {debian_mirror()} {RELEASE} main\n")
    options = [
        "-o", f"Dir::Etc::SourceList={sources}",
        "-o", "Dir::Etc::SourceParts=/dev/null",
        "-o", f"Dir::State::Lists={apt / 'lists'}",
        "-o", f"Dir::Cache={apt / 'cache'}",
        "-o", "Debug::NoLocking=1",
    ]  # fmt: skip
    if os.geteuid() == 0:
        # Downloading as root into a folder the sandbox user cannot write.
        options += ["-o", "APT::Sandbox::User=root"]
    download = cache / "download"
    shutil.rmtree(download, ignore_errors=True)
    download.mkdir(parents=True)
    for args in (["update", "-qq"], ["download", "-qq", "miniflux"]):
        done = subprocess.run(
            ["apt-get", *options, *args],
            cwd=download,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0:
            reason = (done.stderr.strip() or done.stdout.strip()).splitlines()
            raise MinifluxUnavailable(
                f"apt-get {args[0]} failed: {reason[-1] if reason else done.returncode}"
            )
    packages = sorted(download.glob("miniflux_*.deb"))
    if not packages:
        raise MinifluxUnavailable("apt-get download left no miniflux package")
    unpacked = cache / "x.new"
    shutil.rmtree(unpacked, ignore_errors=True)
    subprocess.run(["dpkg-deb", "-x", str(packages[-1]), str(unpacked)], check=True, timeout=120)
    shutil.rmtree(cache / "x", ignore_errors=True)
    unpacked.rename(cache / "x")
    # The package lists are large and only needed to download.
    shutil.rmtree(apt / "lists", ignore_errors=True)
    shutil.rmtree(download, ignore_errors=True)
    found = version_of(target)
    if found < MINIMUM:
        raise MinifluxUnavailable(
            f"Debian's miniflux is {'.'.join(map(str, found))}; the tests need 2.2 or newer"
        )
    return target


def _postgres_bin() -> Path:
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if not candidates:
        raise MinifluxUnavailable("PostgreSQL is not installed (apt-get install postgresql)")
    return candidates[-1].parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class MinifluxServer:
    """PostgreSQL and Miniflux for one test session. ``user``/``password`` log in to the
    Google Reader API at ``url``; ``api()`` calls Miniflux's own REST API as that user."""

    user = "reader"
    password = "folio-sync-test"
    admin = "admin"
    admin_password = "folio-admin-test"

    def __init__(self, executable: Path) -> None:
        self.executable = executable
        self.folder = Path(tempfile.mkdtemp(prefix="folio-miniflux-"))
        self.pg_port = _free_port()
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._pg = _postgres_bin()
        self._miniflux: subprocess.Popen[bytes] | None = None
        self._pg_started = False

    # -- lifecycle ---------------------------------------------------------------------------
    def _as_postgres(self, *args: str) -> list[str]:
        command = [str(self._pg / args[0]), *args[1:]]
        if os.geteuid() == 0:
            # PostgreSQL refuses to run as root.
            return ["runuser", "-u", "postgres", "--", *command]
        return command

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            self._as_postgres(*args), capture_output=True, text=True, timeout=120, check=False
        )
        if done.returncode != 0:
            reason = (done.stderr.strip() or done.stdout.strip()).splitlines()
            raise MinifluxUnavailable(f"{args[0]} failed: {reason[-1] if reason else ''}")

    def start(self) -> MinifluxServer:
        data = self.folder / "pg"
        if os.geteuid() == 0:
            shutil.chown(self.folder, user="postgres")
        self._run(
            "initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"
        )
        self._run(
            "pg_ctl", "-D", str(data), "-l", str(self.folder / "postgres.log"), "-w",
            "-o", f"-p {self.pg_port} -k {self.folder} -c listen_addresses='' -c fsync=off",
            "start",
        )  # fmt: skip
        self._pg_started = True
        self._run("createdb", "-h", str(self.folder), "-p", str(self.pg_port), "miniflux")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DATABASE_URL": (
                f"host={self.folder} port={self.pg_port} user=postgres dbname=miniflux"
                " sslmode=disable"
            ),
            "RUN_MIGRATIONS": "1",
            "CREATE_ADMIN": "1",
            "ADMIN_USERNAME": self.admin,
            "ADMIN_PASSWORD": self.admin_password,
            "LISTEN_ADDR": f"127.0.0.1:{self.port}",
            "BASE_URL": self.url,
            "POLLING_FREQUENCY": "1440",
            "BATCH_SIZE": "1",
            "WORKER_POOL_SIZE": "4",
            "CLEANUP_FREQUENCY_HOURS": "1000",
            "LOG_LEVEL": "error",
        }
        log = (self.folder / "miniflux.log").open("wb")
        self._miniflux = subprocess.Popen(
            [str(self.executable)], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        self._wait_healthy()
        created = self._rest(
            "POST",
            "/v1/users",
            {"username": self.user, "password": self.password},
            auth=(self.admin, self.admin_password),
        )
        user_id = int(str(created["id"]))
        # The Google Reader API's password is the account's own (the same bcrypt hash).
        self._psql(
            "UPDATE integrations SET googlereader_enabled = true,"
            f" googlereader_username = '{self.user}',"
            f" googlereader_password = (SELECT password FROM users WHERE id = {user_id})"
            f" WHERE user_id = {user_id}"
        )
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._miniflux is not None and self._miniflux.poll() is not None:
                tail = (self.folder / "miniflux.log").read_text(errors="replace")[-300:]
                raise MinifluxUnavailable(f"miniflux exited at start: {tail.strip()}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthcheck", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.05)
        raise MinifluxUnavailable("miniflux did not answer within 60 s")

    def _psql(self, sql: str) -> None:
        self._run("psql", "-h", str(self.folder), "-p", str(self.pg_port), "-d", "miniflux",
                  "-v", "ON_ERROR_STOP=1", "-q", "-c", sql)  # fmt: skip

    def stop(self) -> None:
        if self._miniflux is not None:
            self._miniflux.terminate()
            try:
                self._miniflux.wait(10)
            except subprocess.TimeoutExpired:
                self._miniflux.kill()
                self._miniflux.wait()
            self._miniflux = None
        if self._pg_started:
            with contextlib.suppress(MinifluxUnavailable):
                self._run("pg_ctl", "-D", str(self.folder / "pg"), "-m", "immediate", "-w", "stop")
            self._pg_started = False
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> MinifluxServer:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- Miniflux's REST API, for arranging what another device would do -----------------------
    def _rest(
        self, method: str, path: str, body: object = None, *, auth: tuple[str, str] | None = None
    ) -> Any:
        user, password = auth or (self.user, self.password)
        request = urllib.request.Request(
            self.url + path,
            data=None if body is None else json.dumps(body).encode(),
            method=method,
            headers={
                "Authorization": "Basic "
                + base64.b64encode(f"{user}:{password}".encode()).decode(),
                "Content-Type": "application/json",
            },
        )
        with urllib.request.urlopen(request, timeout=120) as answer:
            text = answer.read().decode() or "{}"
        loaded = json.loads(text)
        return loaded if isinstance(loaded, dict) else {"items": loaded}

    def api(self, method: str, path: str, body: object = None) -> Any:
        return self._rest(method, path, body)


def main(argv: list[str]) -> int:
    if argv[1:2] != ["prepare"]:
        print("usage: python3 tests/miniflux.py prepare", file=sys.stderr)
        return 2
    try:
        path = prepare()
    except (MinifluxUnavailable, OSError, subprocess.SubprocessError) as exc:
        print(f"miniflux for the sync tests: {exc}", file=sys.stderr)
        return 1
    print(f"miniflux {'.'.join(map(str, version_of(path)))} for the sync tests: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
