"""Bounding what a hostile feed document costs before it is parsed: author-like fields cut
short, only the newest items read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from reader.core.limits import MAX_AUTHOR_CHARS
from reader.services.feed_bounds import cap_people, keep_newest
from reader.services.feeds import parse_feed

NOW = datetime(2025, 11, 3, 12, 0, tzinfo=UTC)
BASE = datetime(2025, 1, 1, tzinfo=UTC)


def _rss(items: str, channel: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>'
        f"<link>https://site.example/</link>{channel}{items}</channel></rss>"
    ).encode()


def _item(n: int, *, date: datetime | None = None, extra: str = "") -> str:
    stamp = f"<pubDate>{format_datetime(date)}</pubDate>" if date is not None else ""
    return (
        f"<item><title>Item {n}</title><link>https://site.example/{n}</link>"
        f"<guid>g{n}</guid>{stamp}{extra}</item>"
    )


# -- author-like fields ------------------------------------------------------------------------


def test_a_huge_author_is_cut_before_parsing_and_the_feed_reads() -> None:
    """feedparser's e-mail search is quadratic: 256 KB of this took minutes."""
    blob = "a.b-" * 64 * 1024
    doc = _rss(_item(1, extra=f"<author>{blob}</author><dc:creator>{blob}</dc:creator>"))
    parsed = parse_feed(doc, url="https://site.example/feed", now=NOW)
    [entry] = parsed.entries
    assert entry.article.title == "Item 1"
    assert entry.article.author is not None
    assert len(entry.article.author) <= MAX_AUTHOR_CHARS
    assert entry.article.author.startswith("a.b-a.b-")


def test_cutting_never_breaks_a_character_or_an_entity() -> None:
    name = "Zoë &amp; " * 100
    doc = b"<author>" + name.encode() + b"</author>"
    capped = cap_people(doc, limit=25)
    text = capped[len(b"<author>") : -len(b"</author>")].decode("utf-8")  # still UTF-8
    assert len(text.encode()) <= 25
    assert text.count("&") == text.count("&amp;")  # no entity left half written


def test_text_in_a_cdata_section_is_cut_inside_it() -> None:
    doc = b"<dc:creator><![CDATA[" + b"x" * 1000 + b"]]></dc:creator><title>t</title>"
    assert (
        cap_people(doc, limit=10)
        == b"<dc:creator><![CDATA[xxxxxxxxxx]]></dc:creator><title>t</title>"
    )


def test_a_document_with_short_people_comes_back_as_it_was() -> None:
    doc = _rss(_item(1, extra="<author>jo@example.org (Jo)</author>"))
    assert cap_people(doc) is doc


def test_atom_people_are_capped_by_their_name_and_email() -> None:
    doc = (
        "<feed xmlns='http://www.w3.org/2005/Atom'><author><name>"
        + "n" * 5000
        + "</name><email>"
        + "e" * 5000
        + "</email></author></feed>"
    ).encode()
    capped = cap_people(doc, limit=8)
    assert b"<name>nnnnnnnn</name><email>eeeeeeee</email>" in capped


# -- the newest items only ---------------------------------------------------------------------


def test_only_the_newest_items_are_read_by_date_whatever_their_order() -> None:
    # Oldest first, as some podcast feeds list them.
    items = "".join(_item(n, date=BASE + timedelta(days=n)) for n in range(30))
    kept = keep_newest(_rss(items), 5)
    assert (kept.found, kept.kept, kept.trimmed) == (30, 5, True)
    parsed = parse_feed(kept.data, url="https://site.example/feed", now=NOW, max_items=100)
    assert [e.article.title for e in parsed.entries] == [f"Item {n}" for n in range(25, 30)]


def test_parse_feed_reports_how_many_items_the_document_had() -> None:
    items = "".join(_item(n, date=BASE - timedelta(hours=n)) for n in range(12))
    parsed = parse_feed(_rss(items), url="https://site.example/feed", now=NOW, max_items=4)
    assert [e.article.title for e in parsed.entries] == ["Item 0", "Item 1", "Item 2", "Item 3"]
    assert parsed.found_entries == 12 and parsed.trimmed


def test_a_feed_within_the_limit_is_not_marked_trimmed() -> None:
    items = "".join(_item(n) for n in range(3))
    parsed = parse_feed(_rss(items), url="https://site.example/feed", now=NOW, max_items=3)
    assert len(parsed.entries) == 3
    assert parsed.found_entries == 0 and not parsed.trimmed


def test_undated_items_are_kept_in_document_order() -> None:
    items = "".join(_item(n) for n in range(10))
    kept = keep_newest(_rss(items), 3)
    parsed = parse_feed(kept.data, url="https://site.example/feed", now=NOW)
    assert [e.article.title for e in parsed.entries] == ["Item 0", "Item 1", "Item 2"]


def test_item_tags_inside_cdata_and_comments_are_only_text() -> None:
    body = "<description><![CDATA[<p>An <item> about </item> feeds</p>]]></description>"
    items = "<!-- <item>not one</item> -->" + "".join(
        _item(n, date=BASE + timedelta(days=n), extra=body) for n in range(4)
    )
    kept = keep_newest(_rss(items), 2)
    assert kept.found == 4
    parsed = parse_feed(kept.data, url="https://site.example/feed", now=NOW)
    assert [e.article.title for e in parsed.entries] == ["Item 2", "Item 3"]
    # Each item whole: its body was not taken for the end of one.
    assert [e.article.text for e in parsed.entries] == ["An about feeds"] * 2


def test_atom_entries_with_a_prefix_are_counted() -> None:
    entries = "".join(
        f"<a:entry><a:title>E{n}</a:title><a:id>urn:e{n}</a:id>"
        f"<a:updated>{(BASE + timedelta(days=n)).isoformat()}</a:updated></a:entry>"
        for n in range(6)
    )
    doc = f"<a:feed xmlns:a='http://www.w3.org/2005/Atom'><a:title>F</a:title>{entries}</a:feed>"
    kept = keep_newest(doc.encode(), 2)
    assert (kept.found, kept.kept) == (6, 2)
    parsed = parse_feed(kept.data, url="https://site.example/feed", now=NOW)
    assert sorted(e.article.title for e in parsed.entries) == ["E4", "E5"]


def test_a_json_feed_keeps_its_newest_items() -> None:
    import json

    items = [
        {"id": str(n), "title": f"J{n}", "date_published": (BASE + timedelta(days=n)).isoformat()}
        for n in range(20)
    ]
    doc = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}).encode()
    parsed = parse_feed(doc, url="https://site.example/feed.json", now=NOW, max_items=3)
    assert [e.article.title for e in parsed.entries] == ["J17", "J18", "J19"]
    assert parsed.found_entries == 20


# -- what the parser hands on ------------------------------------------------------------------


def test_year_one_dates_are_unknown_not_stored() -> None:
    """Go and Hugo write the zero time for "no date"; shown west of UTC it overflowed."""
    doc = _rss(
        "<item><title>Zero</title><guid>z</guid><pubDate>Mon, 01 Jan 0001 00:00:00 +0000</pubDate>"
        "</item>"
    )
    [entry] = parse_feed(doc, url="https://site.example/feed", now=NOW).entries
    assert entry.article.published is None


def test_a_json_feed_year_one_date_is_unknown() -> None:
    doc = (
        b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "title": "x",'
        b' "content_text": "x", "date_published": "0001-01-01T00:00:00-05:00"}]}'
    )
    [entry] = parse_feed(doc, url="https://site.example/feed.json", now=NOW).entries
    assert entry.article.published is None


def test_a_script_link_is_no_link() -> None:
    doc = _rss(
        "<item><title>Bad</title><guid>b</guid><link>javascript:alert(document.cookie)</link>"
        "</item>"
    )
    [entry] = parse_feed(doc, url="https://site.example/feed", now=NOW).entries
    assert entry.article.url is None
    assert entry.article.canonical_url is None


def test_a_megabyte_feed_title_is_cut_for_the_feed_and_its_articles() -> None:
    doc = _rss(_item(1)).replace(b"<title>T</title>", b"<title>" + b"Long " * 200_000 + b"</title>")
    parsed = parse_feed(doc, url="https://site.example/feed", now=NOW)
    assert len(parsed.title) <= 500
    assert len(parsed.entries[0].article.site_name or "") <= 300


def test_terminal_escapes_in_a_feed_title_are_dropped() -> None:
    doc = _rss(_item(1)).replace(b"<title>T</title>", b"<title>Red \x1b[31mtitle</title>")
    parsed = parse_feed(doc, url="https://site.example/feed", now=NOW)
    assert parsed.title == "Red title"


def test_deeply_nested_json_is_not_a_feed_but_not_a_crash() -> None:
    import pytest

    from reader.core.errors import FeedError

    doc = (
        b'{"version": "https://jsonfeed.org/version/1.1", "items": '
        + b"[" * 100_000
        + b"]" * 100_000
        + b"}"
    )
    with pytest.raises(FeedError, match="nested too deeply"):
        parse_feed(doc, url="https://site.example/feed.json", now=NOW)
