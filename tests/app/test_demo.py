"""The demo library: the sample set served on loopback and loaded through the library API."""

from __future__ import annotations

import json
import urllib.request
from datetime import UTC, datetime

from reader.app.demo import DemoSession, SampleServer, fill_placeholders, sample_dir
from reader.core.types import ArticleFilter


def test_placeholders() -> None:
    now = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    text = fill_placeholders("@BASE@/x @AGO:2:iso@ @AGO:24:rfc822@", base="http://h", now=now)
    assert text == "http://h/x 2024-05-01T10:00:00Z Tue, 30 Apr 2024 12:00:00 +0000"


def test_server_serves_only_the_sample() -> None:
    server = SampleServer()
    try:
        with urllib.request.urlopen(server.url("feeds/field-notes.xml")) as response:
            body = response.read().decode()
        assert "@AGO" not in body and "<rss" in body
        try:
            urllib.request.urlopen(server.url("../../pyproject.toml"))
        except urllib.error.HTTPError as exc:
            assert exc.code == 404
        else:
            raise AssertionError("a file outside the sample was served")
    finally:
        server.close()


def test_demo_session_fills_and_removes_a_library() -> None:
    manifest = json.loads((sample_dir() / "sample.json").read_text())
    demo = DemoSession(language="en")
    try:
        library = demo.library
        assert demo.report.problems == []
        assert demo.report.feeds == len(manifest["feeds"])
        assert demo.report.articles == len(manifest["articles"])
        titles = {a.title for a in library.list_articles(ArticleFilter(saved=True), limit=50)}
        assert "How a Lighthouse Lens Works" in titles
        assert "A Week of Sourdough" in titles
        assert {f.title for f in library.list_feeds()} == {
            "Field Notes",
            "The Workshop",
            "Folio Notes",
        }
        tags = {t.name for t in library.list_tags()}
        assert {"reading", "science", "cooking"} <= tags
        starred = library.list_articles(ArticleFilter(starred=True))
        assert [a.title for a in starred] == ["The Case for Reading Slowly"]
        lighthouse = next(
            a
            for a in library.list_articles(ArticleFilter(saved=True), limit=50)
            if a.title == "How a Lighthouse Lens Works"
        )
        html = library.get_article(lighthouse.id).content_html or ""
        assert "folio-image:" in html
        digest = html.split("folio-image:", 1)[1][:64]
        image = library.image(digest)
        assert image is not None and image[0] == "image/png"
        summary = library.refresh(force=True)
        assert not summary.errors
    finally:
        demo.close()
    assert not demo.folder.exists()


def test_a_german_window_gets_the_german_sample_set() -> None:
    manifest = json.loads((sample_dir() / "sample.json").read_text())["de"]
    demo = DemoSession(language="de")
    try:
        library = demo.library
        assert demo.report.problems == []
        assert demo.report.articles == len(manifest["articles"])
        saved = library.list_articles(ArticleFilter(saved=True), limit=50)
        assert {a.title for a in saved} == {
            "Ein Plädoyer für langsames Lesen",
            "Wie eine Leuchtturmlinse funktioniert",
            "Ebbe und Flut, ohne Formeln erklärt",
            "Eine Woche Sauerteig",
            "Fünf kleine Gewohnheiten für eine aufgeräumte Leseliste",
        }
        assert {f.title for f in library.list_feeds()} == {
            "Folio-Notizen",
            "Field Notes",
            "The Workshop",
        }
        assert {"wissenschaft", "geschichte", "lesen"} <= {t.name for t in library.list_tags()}
        lighthouse = next(a for a in saved if a.title == "Wie eine Leuchtturmlinse funktioniert")
        # Its picture came along, as a web page's does.
        assert "folio-image:" in (library.get_article(lighthouse.id).content_html or "")
    finally:
        demo.close()
    assert not demo.folder.exists()
