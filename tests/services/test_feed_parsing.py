"""Parsing feed bytes: formats, encodings, entries, dates, sanitizing."""

from __future__ import annotations

import json
import pickle
from datetime import UTC, datetime

import pytest

from reader.core.errors import FeedError
from reader.services.feeds import decode_document, parse_feed

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
URL = "https://example.org/blog/feed.xml"

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>Example &amp; Co</title>
  <link>https://example.org/</link>
  <description>All about examples</description>
  <language>en-GB</language>
  <item>
    <title>First post</title>
    <link>https://example.org/first?utm_source=rss</link>
    <guid isPermaLink="false">post-1</guid>
    <pubDate>Mon, 02 Jun 2025 10:00:00 +0200</pubDate>
    <dc:creator>Ann Author</dc:creator>
    <category>Python</category>
    <category>python</category>
    <category>Databases</category>
    <description>Short teaser</description>
    <content:encoded><![CDATA[<p>Full <b>body</b> with <a href="/rel/link">a link</a>
      <img src="/img/a.png" alt="pic"><script>alert(1)</script>
      <img src="https://t.example/pixel.gif" width="1" height="1"></p>
      <p onclick="evil()">Second paragraph
      <a href="javascript:alert(1)">bad</a></p>]]></content:encoded>
    <enclosure url="https://example.org/ep1.mp3" length="12345" type="audio/mpeg"/>
  </item>
  <item>
    <title>Second post</title>
    <link>https://example.org/second</link>
    <description>&lt;p&gt;Only a description here&lt;/p&gt;</description>
  </item>
  <item>
    <description>No title, no link, no guid, just words to read</description>
  </item>
</channel>
</rss>
"""


def test_rss_feed_and_entries() -> None:
    feed = parse_feed(RSS, url=URL, headers={"Content-Type": "application/rss+xml"}, now=NOW)
    assert feed.title == "Example & Co"
    assert feed.site_url == "https://example.org/"
    assert feed.description == "All about examples"
    assert feed.language == "en"
    assert feed.kind == "rss20"
    assert len(feed.entries) == 3
    first = feed.entries[0]
    assert first.key == "guid:post-1"
    a = first.article
    assert a.title == "First post"
    assert a.url == "https://example.org/first"
    assert a.canonical_url == "https://example.org/first"
    assert a.author == "Ann Author"
    # 2 June is after NOW, so the date is clamped (see test_dates_become_utc for the real one).
    assert a.published == NOW
    assert a.categories == ("Python", "Databases")
    assert a.summary == "Short teaser"
    assert a.language == "en"
    assert a.site_name == "Example & Co"
    assert a.enclosures[0].url == "https://example.org/ep1.mp3"
    assert a.enclosures[0].length == 12345
    assert a.enclosures[0].type == "audio/mpeg"


def test_content_is_sanitized_and_links_resolved() -> None:
    a = parse_feed(RSS, url=URL, now=NOW).entries[0].article
    html = a.content_html
    assert "<script" not in html and "alert(1)" not in html
    assert "onclick" not in html
    assert "javascript:" not in html
    assert "pixel.gif" not in html
    assert 'href="https://example.org/rel/link"' in html
    assert 'src="https://example.org/img/a.png"' in html
    assert "Full body with a link" in a.text
    assert a.word_count >= 6


def test_description_only_entry_and_missing_fields() -> None:
    feed = parse_feed(RSS, url=URL, now=NOW)
    second = feed.entries[1].article
    assert second.content_html == "<p>Only a description here</p>"
    assert second.summary == "Only a description here"
    assert second.published is None  # the store uses the first-seen time
    assert feed.entries[1].key == "link:https://example.org/second"
    third = feed.entries[2]
    assert third.key.startswith("hash:")
    assert third.article.title == "No title, no link, no guid, just words to read"


def test_future_dates_are_clamped() -> None:
    doc = RSS.replace(b"Mon, 02 Jun 2025 10:00:00 +0200", b"Fri, 01 Jan 2100 00:00:00 GMT")
    a = parse_feed(doc, url=URL, now=NOW).entries[0].article
    assert a.published == NOW


def test_dates_become_utc() -> None:
    later = datetime(2025, 7, 1, tzinfo=UTC)
    a = parse_feed(RSS, url=URL, now=later).entries[0].article
    assert a.published == datetime(2025, 6, 2, 8, 0, tzinfo=UTC)
    assert a.published.tzinfo is not None


def test_a_date_without_a_time_is_marked_as_a_day() -> None:
    later = datetime(2025, 7, 1, tzinfo=UTC)
    timed = parse_feed(RSS, url=URL, now=later).entries[0].article
    assert not timed.published_date_only
    doc = RSS.replace(
        b"<pubDate>Mon, 02 Jun 2025 10:00:00 +0200</pubDate>", b"<dc:date>2025-06-02</dc:date>"
    )
    day = parse_feed(doc, url=URL, now=later).entries[0].article
    assert day.published_date_only
    # Its noon, the same day almost everywhere, rather than feedparser's midnight UTC.
    assert day.published == datetime(2025, 6, 2, 12, tzinfo=UTC)


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/base/">
  <title type="html">Atom &lt;i&gt;feed&lt;/i&gt;</title>
  <link rel="alternate" href="/home"/>
  <link rel="self" href="/feed.atom"/>
  <icon>/favicon.png</icon>
  <id>urn:feed</id>
  <updated>2025-05-01T10:00:00Z</updated>
  <entry xml:base="https://atom.example/posts/">
    <title>Entry one</title>
    <id>urn:entry:1</id>
    <link href="one.html"/>
    <updated>2025-05-01T10:00:00+01:00</updated>
    <author><name>Bo</name></author>
    <summary>A summary</summary>
    <content type="html">&lt;p&gt;Body with
      &lt;a href="rel.html"&gt;relative&lt;/a&gt;&lt;/p&gt;</content>
    <category term="tech" label="Technology"/>
  </entry>
  <entry>
    <title>Entry two</title>
    <id>urn:entry:2</id>
    <link href="two.html"/>
    <published>2025-04-01T00:00:00Z</published>
    <updated>2025-04-02T00:00:00Z</updated>
    <content type="text">Plain text &lt;body&gt;</content>
  </entry>
  <entry>
    <title>Duplicate of one</title>
    <id>urn:entry:1</id>
  </entry>
</feed>
"""


def test_atom_with_xml_base() -> None:
    feed = parse_feed(ATOM, url="https://atom.example/feed.atom", now=NOW)
    assert feed.title == "Atom feed"
    assert feed.site_url == "https://atom.example/home"
    assert feed.icon_url == "https://atom.example/favicon.png"
    assert feed.kind == "atom10"
    # A duplicate id within one document is dropped: the first wins.
    assert [e.key for e in feed.entries] == ["guid:urn:entry:1", "guid:urn:entry:2"]
    one = feed.entries[0].article
    assert one.url == "https://atom.example/posts/one.html"
    assert 'href="https://atom.example/posts/rel.html"' in one.content_html
    assert one.summary == "A summary"
    assert one.author == "Bo"
    assert one.categories == ("Technology",)
    assert one.published == datetime(2025, 5, 1, 9, 0, tzinfo=UTC)
    two = feed.entries[1].article
    assert two.published == datetime(2025, 4, 1, tzinfo=UTC)
    assert two.updated == datetime(2025, 4, 2, tzinfo=UTC)
    assert "Plain text &lt;body&gt;" in two.content_html


RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://rdf.example/"><title>RDF site</title><link>https://rdf.example/</link>
  <description>d</description></channel>
  <item rdf:about="https://rdf.example/1"><title>RDF item</title><link>https://rdf.example/1</link>
  <description>Hello</description></item>
</rdf:RDF>"""


def test_rss_1_rdf() -> None:
    feed = parse_feed(RDF, url="https://rdf.example/rss", now=NOW)
    assert feed.title == "RDF site"
    assert feed.entries[0].article.url == "https://rdf.example/1"


RSS091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title>
<link>http://old.example/</link><description>x</description>
<item><title>Old item</title><link>http://old.example/1</link></item></channel></rss>"""


def test_rss_091() -> None:
    feed = parse_feed(RSS091, url="http://old.example/rss", now=NOW)
    assert feed.kind.startswith("rss091")
    assert feed.entries[0].article.title == "Old item"


def _rss_with(text: str, declaration: str | None) -> str:
    head = f'<?xml version="1.0" encoding="{declaration}"?>' if declaration else ""
    return (
        f"{head}<rss version='2.0'><channel><title>{text}</title><link>http://e.org/</link>"
        f"<description>d</description><item><title>{text}</title><guid>1</guid>"
        f"<description>{text} {text}</description></item></channel></rss>"
    )


FRENCH = "Déjà vu à l'hôtel: crème brûlée, façade, naïve"
RUSSIAN = "Привет, мир! Съешь же ещё этих мягких французских булок да выпей чаю"


def test_iso_8859_1_declared() -> None:
    doc = _rss_with(FRENCH, "ISO-8859-1").encode("iso-8859-1")
    feed = parse_feed(doc, url=URL, now=NOW)
    assert feed.title == FRENCH
    assert feed.entries[0].article.title == FRENCH


def test_windows_1251_declared() -> None:
    doc = _rss_with(RUSSIAN, "windows-1251").encode("cp1251")
    feed = parse_feed(doc, url=URL, now=NOW)
    assert feed.title == RUSSIAN
    assert RUSSIAN in feed.entries[0].article.text


def test_charset_from_http_header_without_declaration() -> None:
    doc = _rss_with(RUSSIAN, None).encode("cp1251")
    feed = parse_feed(doc, url=URL, headers={"content-type": "text/xml; charset=windows-1251"})
    assert feed.title == RUSSIAN


def test_no_declaration_at_all_is_guessed() -> None:
    doc = _rss_with(RUSSIAN + " " + RUSSIAN, None).encode("cp1251")
    feed = parse_feed(doc, url=URL, headers={"content-type": "application/rss+xml"})
    assert feed.title == RUSSIAN + " " + RUSSIAN


def test_utf8_bytes_declared_as_latin1() -> None:
    doc = _rss_with(FRENCH, "iso-8859-1").encode("utf-8")
    assert parse_feed(doc, url=URL, now=NOW).title == FRENCH


def test_latin1_bytes_declared_as_utf8() -> None:
    doc = _rss_with(FRENCH, "utf-8").encode("iso-8859-1")
    assert parse_feed(doc, url=URL, now=NOW).title == FRENCH


def test_wrong_http_charset_loses_to_valid_utf8() -> None:
    doc = _rss_with(RUSSIAN, None).encode("utf-8")
    feed = parse_feed(doc, url=URL, headers={"content-type": "text/xml; charset=iso-8859-1"})
    assert feed.title == RUSSIAN


def test_utf16_with_bom() -> None:
    doc = _rss_with(FRENCH, "utf-16").encode("utf-16")
    assert parse_feed(doc, url=URL, now=NOW).title == FRENCH


def test_decode_document_reports_encoding() -> None:
    assert decode_document("é".encode()) == ("é", "utf-8")
    text, encoding = decode_document(_rss_with(FRENCH, "iso-8859-1").encode("latin-1"))
    assert FRENCH in text
    assert encoding == "cp1252"


def test_broken_xml_is_read_as_far_as_possible() -> None:
    doc = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Broken & bad</title>"
        b"<item><title>Still here</title><link>http://e.org/1</link></item>"
        b"<item><title>Unclosed</item></channel>"
    )
    feed = parse_feed(doc, url=URL, now=NOW)
    assert feed.entries[0].article.title == "Still here"
    assert feed.warnings and "not well-formed" in feed.warnings[0]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>", "web page"),
        (b"just some text, nothing else", "not a feed"),
        (b"   ", "empty"),
        (b"{not json", "not valid JSON"),
        (b'{"hello": "world"}', "not a JSON Feed"),
    ],
)
def test_not_a_feed(content: bytes, words: str) -> None:
    with pytest.raises(FeedError, match=words) as info:
        parse_feed(content, url=URL, now=NOW)
    assert "\n" not in str(info.value)


def _json_feed(version: str, **extra: object) -> bytes:
    data = {
        "version": f"https://jsonfeed.org/version/{version}",
        "title": "JSON blog",
        "home_page_url": "https://json.example/",
        "feed_url": "https://json.example/feed.json",
        "favicon": "/fav.ico",
        "language": "de-DE",
        "items": [
            {
                "id": "1",
                "url": "https://json.example/1",
                "title": "HTML item",
                "content_html": "<p>Hello <a href='/x'>x</a><script>bad()</script></p>",
                "summary": "Greeting",
                "date_published": "2025-05-01T12:00:00+02:00",
                "date_modified": "2025-05-02T12:00:00Z",
                "tags": ["news", "News", "misc"],
                "attachments": [
                    {
                        "url": "https://json.example/a.mp3",
                        "mime_type": "audio/mpeg",
                        "size_in_bytes": 99,
                    }
                ],
                "image": "https://json.example/i.png",
                **extra,
            },
            {
                "id": 2,
                "content_text": "Plain words\n\nTwo paragraphs",
                "external_url": "https://else.example/",
            },
            "junk",
        ],
    }
    return json.dumps(data).encode()


def test_json_feed_1_1() -> None:
    doc = _json_feed("1.1", authors=[{"name": "Ann"}, {"name": "Bob"}])
    feed = parse_feed(doc, url="https://json.example/feed.json", now=NOW)
    assert feed.kind == "json11"
    assert feed.title == "JSON blog"
    assert feed.site_url == "https://json.example/"
    assert feed.icon_url == "https://json.example/fav.ico"
    assert feed.language == "de"
    first, second = (e.article for e in feed.entries)
    assert feed.entries[0].key == "guid:1"
    assert first.title == "HTML item"
    assert "<script" not in first.content_html
    assert 'href="https://json.example/x"' in first.content_html
    assert first.summary == "Greeting"
    assert first.author == "Ann, Bob"
    assert first.published == datetime(2025, 5, 1, 10, 0, tzinfo=UTC)
    assert first.updated == datetime(2025, 5, 2, 12, 0, tzinfo=UTC)
    assert first.categories == ("news", "misc")
    assert first.enclosures[0].length == 99
    assert first.image_url == "https://json.example/i.png"
    assert feed.entries[1].key == "guid:2"
    assert second.url == "https://else.example/"
    assert second.text == "Plain words\n\nTwo paragraphs"
    assert second.title == "Plain words Two paragraphs"


def test_json_feed_1_0_with_single_author() -> None:
    doc = _json_feed("1", author={"name": "Old Style"})
    feed = parse_feed(
        doc,
        url="https://json.example/feed.json",
        headers={"Content-Type": "application/feed+json"},
        now=NOW,
    )
    assert feed.kind == "json10"
    assert feed.entries[0].article.author == "Old Style"


def test_parsed_feed_survives_pickling() -> None:
    feed = parse_feed(RSS, url=URL, now=NOW)
    assert pickle.loads(pickle.dumps(feed)) == feed


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\n\nc"),
        ("one<br>two <br/> three", "one\ntwo\nthree"),
        ("<ul><li>x<ul><li>y</li></ul></li></ul>", "- x\n\n- y"),
        ("<p>a<script>bad()</script>b</p><style>p{}</style>c", "ab\n\nc"),
        ("<div>lead<p>para</p>tail</div>", "lead\n\npara\n\ntail"),
        ("<p>&amp;&nbsp;&lt;b&gt;</p>", "& <b>"),
        ("<pre>  keep\n    lines  </pre>", "keep\nlines"),
        ("<p>odd \ue000 mark</p>", "odd mark"),
    ],
)
def test_entry_text_keeps_the_shape_of_the_html(html: str, text: str) -> None:
    from reader.services.sanitize import html_to_text

    assert html_to_text(html) == text
