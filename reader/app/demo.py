"""``folio gui --demo``: a temporary library filled from the sample set in resources/sample.

The sample's feeds and articles are files; a small HTTP server on 127.0.0.1 serves them for as
long as the demo runs, so subscribing, refreshing and saving go through the same code as for
the web, and nothing leaves the computer. The library and its folder are deleted when the demo ends.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale

from reader.app.resources import resource_path
from reader.app.save_controller import save_source
from reader.app.translations import DEFAULT_LANGUAGE, language_code
from reader.library import Library

log = logging.getLogger(__name__)

_AGO = re.compile(r"@AGO:(\d+):(rfc822|iso)@")
_TYPES = {
    ".xml": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".html": "text/html; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


def sample_dir() -> Path:
    return resource_path("sample")


def fill_placeholders(text: str, *, base: str, now: datetime) -> str:
    """``@BASE@`` becomes the server's address; ``@AGO:5:iso@`` a date five hours ago."""

    def date(match: re.Match[str]) -> str:
        when = now - timedelta(hours=int(match.group(1)))
        if match.group(2) == "iso":
            return when.isoformat().replace("+00:00", "Z")
        return format_datetime(when)

    return _AGO.sub(date, text.replace("@BASE@", base))


class SampleServer:
    """Serves resources/sample on 127.0.0.1 from a daemon thread."""

    def __init__(self, root: Path | None = None, *, now: datetime | None = None) -> None:
        self.root = (root or sample_dir()).resolve()
        self._now = now or datetime.now(UTC)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                log.debug("sample server: " + format, *args)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name="folio-demo-server", daemon=True
        )
        self._thread.start()

    def answer(self, request: BaseHTTPRequestHandler) -> None:
        relative = request.path.split("?", 1)[0].lstrip("/")
        path = (self.root / relative).resolve()
        if not path.is_file() or self.root not in path.parents:
            request.send_error(404)
            return
        data = path.read_bytes()
        if path.suffix in (".xml", ".atom"):
            text = fill_placeholders(data.decode("utf-8"), base=self.base, now=self._now)
            data = text.encode("utf-8")
        request.send_response(200)
        request.send_header("Content-Type", _TYPES.get(path.suffix, "application/octet-stream"))
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    def url(self, relative: str) -> str:
        return f"{self.base}/{relative}"

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


@dataclass
class DemoLoadReport:
    articles: int = 0
    feeds: int = 0
    problems: list[str] = field(default_factory=list)


def fill_demo_library(
    library: Library, server: SampleServer, language: str = "en"
) -> DemoLoadReport:
    """Save the sample articles and subscribe to the sample feeds, through the library API;
    the sample's set for ``language`` when it has one ("de"), else the English one."""
    manifest = json.loads((server.root / "sample.json").read_text(encoding="utf-8"))
    manifest = manifest.get(language, manifest)
    report = DemoLoadReport()
    for feed in manifest.get("feeds", []):
        try:
            result = library.subscribe(server.url(feed["file"]), folder=feed.get("folder"))
            if feed.get("tags"):
                library.set_feed_tags(result.feed.id, feed["tags"])
            report.feeds += 1
        except Exception as exc:  # the demo shows what it could load
            report.problems.append(f"{feed['file']}: {exc}")
    for item in manifest.get("articles", []):
        try:
            # Saved from the server rather than the file, so their images come along the way
            # a web page's do.
            saved = save_source(library, server.url(item["file"]), list(item.get("tags", [])))
            state = {key: bool(item[key]) for key in ("read", "starred", "archived") if key in item}
            if state:
                library.mark([saved.article.id], **state)
            report.articles += 1
        except Exception as exc:
            report.problems.append(f"{item['file']}: {exc}")
    for name, color in manifest.get("tag_colors", {}).items():
        try:
            library.set_tag_color(name, color)
        except Exception as exc:
            report.problems.append(f"tag {name}: {exc}")
    for problem in report.problems:
        log.warning("demo library: %s", problem)
    return report


class DemoSession:
    """A temporary library with the sample set in it; ``close()`` removes every trace."""

    def __init__(self, language: str | None = None) -> None:
        """``language``: the sample set's, by default the window's (its default locale's)."""
        self.language = language or language_code(QLocale().name()) or DEFAULT_LANGUAGE
        self.folder = Path(tempfile.mkdtemp(prefix="folio-demo-"))
        self.server = SampleServer()
        self.library = Library(self.folder / "library.sqlite")
        try:
            self.report = fill_demo_library(self.library, self.server, self.language)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        try:
            self.library.close()
        finally:
            self.server.close()
            shutil.rmtree(self.folder, ignore_errors=True)
