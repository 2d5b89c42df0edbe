"""The fast feed reader against feedparser: what Folio stores must be the same, field by field.

feedparser is the reference. For every document of the corpus, and for documents made up at
random, the feed and entries :func:`parse_feed` returns (ids, links made absolute, titles,
summaries and content after sanitising, dates, authors, enclosures, tags) are compared with the
fast reader allowed and with feedparser alone. Where the fast reader cannot match feedparser it
must refuse the document, and the corpus says which documents it is expected to read itself.
"""

from __future__ import annotations

import copy
import dataclasses
import random as random_module
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from reader.core.limits import MAX_AUTHOR_CHARS
from reader.services import feed_lxml
from reader.services.feeds import decode_document, fast_reading_refused, parse_feed
from reader.services.parsed_feed import ParsedFeed
from tests.services.feed_corpus import CASES, URL, Case

NOW = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)


def _differences(reference: ParsedFeed, fast: ParsedFeed) -> list[str]:
    found: list[str] = []
    for name in ("title", "site_url", "kind", "description", "icon_url", "language"):
        if getattr(reference, name) != getattr(fast, name):
            found.append(f"feed {name}: {getattr(reference, name)!r} != {getattr(fast, name)!r}")
    if (reference.warnings, reference.found_entries) != (fast.warnings, fast.found_entries):
        found.append("warnings or trimming differ")
    if len(reference.entries) != len(fast.entries):
        found.append(f"{len(reference.entries)} entries != {len(fast.entries)}")
    for index, (ours, theirs) in enumerate(zip(reference.entries, fast.entries, strict=False)):
        if ours.key != theirs.key:
            found.append(f"entry {index} key: {ours.key!r} != {theirs.key!r}")
        for field in dataclasses.fields(ours.article):
            a, b = getattr(ours.article, field.name), getattr(theirs.article, field.name)
            if a != b:
                found.append(f"entry {index} {field.name}: {a!r:.120} != {b!r:.120}")
    return found


def _assert_same(document: bytes, *, url: str = URL, headers: dict[str, str] | None = None) -> None:
    try:
        reference = parse_feed(document, url=url, headers=headers, now=NOW, fast=False)
    except Exception as exc:
        # Then nothing is stored either way (feedparser itself fails on some documents).
        with pytest.raises(type(exc)):
            parse_feed(document, url=url, headers=headers, now=NOW)
        return
    fast = parse_feed(document, url=url, headers=headers, now=NOW)
    assert _differences(reference, fast) == []
    assert fast == reference


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_corpus_stores_what_feedparser_stores(case: Case) -> None:
    _assert_same(case.document, url=case.url, headers=case.headers)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_corpus_is_read_fast_where_expected(case: Case) -> None:
    refused = fast_reading_refused(case.document, url=case.url, headers=case.headers)
    if case.fast:
        assert refused is None
    else:
        assert refused


def test_a_fault_in_the_fast_reader_falls_back_to_feedparser(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    document = CASES[0].document
    reference = parse_feed(document, url=URL, now=NOW, fast=False)

    def broken(data: bytes, *, url: str, language: str | None = None) -> dict[str, object]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(feed_lxml, "read_feed", broken)
    assert parse_feed(document, url=URL, now=NOW) == reference
    assert "the fast reading of" in caplog.text


def _rss_items(count: int, author: str = "Ann") -> bytes:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    items = "".join(
        f"<item><title>Item {n}</title><guid isPermaLink='false'>g{n}</guid>"
        f"<pubDate>{format_datetime(start + timedelta(hours=n))}</pubDate>"
        f"<author>{author}</author><description>Body {n}</description></item>"
        for n in range(count)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Many</title>"
        f"<link>https://example.org/</link>{items}</channel></rss>"
    ).encode()


def test_the_fast_reader_keeps_the_newest_items_as_feedparser_does() -> None:
    document = _rss_items(30)
    assert fast_reading_refused(document, url=URL) is None
    reference = parse_feed(document, url=URL, now=NOW, max_items=10, fast=False)
    fast = parse_feed(document, url=URL, now=NOW, max_items=10)
    assert fast == reference
    assert fast.found_entries == 30
    assert {e.article.title for e in fast.entries} == {f"Item {n}" for n in range(20, 30)}


def test_the_fast_reader_reads_capped_authors() -> None:
    document = _rss_items(2, author="A" * (MAX_AUTHOR_CHARS * 4))
    assert fast_reading_refused(document, url=URL) is None
    fast = parse_feed(document, url=URL, now=NOW)
    assert fast == parse_feed(document, url=URL, now=NOW, fast=False)
    assert fast.entries[0].article.author is not None
    assert len(fast.entries[0].article.author) <= MAX_AUTHOR_CHARS


# -- documents made up at random -------------------------------------------------------------

_WORDS = st.sampled_from(
    ["news", "Caf\u00e9", "&amp;", "&lt;b&gt;bold&lt;/b&gt;", "<![CDATA[<i>x</i> & y]]>",
     "\u20ac", "caf\u00c3\u00a9", "\u0093q\u0094", "  ", "\n", "&#8220;", "a\u00a0b", "3 > 2"]
)  # fmt: skip
_TEXT = st.lists(_WORDS, max_size=6).map(" ".join)
_LINKS = st.sampled_from(
    ["https://example.org/a", "/rel/b", "c.html", "https://example.org/q?a=1&amp;b=2",
     "HTTPS://Example.ORG:443/d#frag", "https://example.org/e?utm_source=x", ""]
)  # fmt: skip
_MOMENTS = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)
_OFFSETS = st.sampled_from([0, 60, -300, 330, -570])


@pytest.mark.parametrize(
    ("element", "written", "day_only"),
    [
        ("pubDate", "2025-03-05", True),
        ("pubDate", "Wed, 05 Mar 2025 10:30:00 GMT", False),
        ("dc:date", " 2025-03-05\n", True),
        ("dc:date", "2025-03-05T10:30:00Z", False),
    ],
)
def test_the_fast_reader_marks_a_day_without_a_time_as_feedparser_does(
    element: str, written: str, day_only: bool
) -> None:
    # ("Wed, 05 Mar 2025", a day in RFC 822's spelling, is left to feedparser.)
    document = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Days</title>'
        f"<item><title>One</title><link>https://example.org/1</link>"
        f"<{element}>{written}</{element}></item></channel></rss>"
    ).encode()
    assert fast_reading_refused(document, url=URL) is None
    fast = parse_feed(document, url=URL, now=NOW).entries[0].article
    assert fast.published_date_only is day_only
    assert fast.published is not None
    _assert_same(document)


@st.composite
def _dates(draw: st.DrawFn, atom: bool) -> str:
    moment = draw(_MOMENTS).replace(microsecond=0)
    if draw(st.integers(0, 4)) == 0:
        # A day without a time of day, which the entry is marked with.
        return draw(
            st.sampled_from(
                [
                    moment.strftime("%Y-%m-%d"),
                    moment.strftime("%a, %d %b %Y"),
                    moment.strftime("%d %b %Y"),
                    f" {moment:%Y-%m-%d}\n",
                ]
            )
        )
    offset = draw(_OFFSETS)
    local = moment + timedelta(minutes=offset)
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset), 60)
    if atom or draw(st.booleans()):
        zone = "Z" if offset == 0 and draw(st.booleans()) else f"{sign}{hours:02}:{minutes:02}"
        return local.strftime("%Y-%m-%dT%H:%M:%S") + zone
    zone = draw(st.sampled_from(["GMT", f"{sign}{hours:02}{minutes:02}"])) if not offset else ""
    zone = zone or f"{sign}{hours:02}{minutes:02}"
    return local.strftime("%a, %d %b %Y %H:%M:%S ") + zone


@st.composite
def _rss_item(draw: st.DrawFn) -> str:
    parts: list[str] = []
    if draw(st.booleans()):
        parts.append(f"<title>{draw(_TEXT)}</title>")
    if draw(st.booleans()):
        parts.append(f"<link>{draw(_LINKS)}</link>")
    guid = draw(st.sampled_from(["", "g1", "https://example.org/g", "rel/g"]))
    if guid:
        permalink = draw(st.sampled_from(["", ' isPermaLink="false"', ' isPermaLink="true"']))
        parts.append(f"<guid{permalink}>{guid}</guid>")
    if draw(st.booleans()):
        parts.append(f"<pubDate>{draw(_dates(atom=False))}</pubDate>")
    if draw(st.booleans()):
        element = draw(st.sampled_from(["dc:date", "dcterms:modified", "dcterms:created"]))
        parts.append(f"<{element}>{draw(_dates(atom=True))}</{element}>")
    if draw(st.booleans()):
        parts.append(f"<dc:creator>{draw(_TEXT)}</dc:creator>")
    summary = f"<description>{draw(_TEXT)} &lt;a href='{draw(_LINKS)}'&gt;l&lt;/a&gt;</description>"
    content = f"<content:encoded><![CDATA[<p>{draw(_TEXT)}</p>]]></content:encoded>"
    summaries = [
        summary,
        f"<itunes:summary>{draw(_TEXT)}</itunes:summary>",
        f"<media:description>{draw(_TEXT)}</media:description>",
        f"<dc:description>{draw(_TEXT)}</dc:description>",
    ]
    chosen = draw(st.lists(st.sampled_from(summaries), max_size=2, unique=True))
    if draw(st.booleans()):
        chosen.insert(draw(st.integers(0, len(chosen))), content)
    parts.extend(chosen)
    if draw(st.booleans()):
        media_title = f"<media:title>{draw(_TEXT)}</media:title>"
        parts.append(
            draw(st.sampled_from([media_title, f"<media:group>{media_title}</media:group>"]))
        )
    if draw(st.booleans()):
        parts.append(f"<itunes:keywords>{draw(_TEXT)},{draw(_TEXT)}</itunes:keywords>")
    for _ in range(draw(st.integers(0, 2))):
        parts.append(f"<category>{draw(_TEXT)}</category>")
    for _ in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(["audio/mpeg", "image/jpeg", "Video/MP4"]))
        parts.append(f'<enclosure url="{draw(_LINKS)}" type="{kind}" length="12"/>')
    if draw(st.booleans()):
        parts.append(f'<media:thumbnail url="{draw(_LINKS)}"/>')
    draw(st.randoms()).shuffle(parts)
    return "<item>" + "".join(parts) + "</item>"


@st.composite
def _atom_entry(draw: st.DrawFn) -> str:
    ids = ["urn:a", "tag:x,2025:1", "https://example.org/i", "rel"]
    parts = [f"<id>{draw(st.sampled_from(ids))}</id>"]
    if draw(st.booleans()):
        kind = draw(st.sampled_from(["", " type='html'", " type='text'"]))
        parts.append(f"<title{kind}>{draw(_TEXT)}</title>")
    for _ in range(draw(st.integers(0, 2))):
        rel = draw(st.sampled_from(["", " rel='alternate'", " rel='enclosure'", " rel='self'"]))
        parts.append(f"<link{rel} href='{draw(_LINKS) or 'x'}'/>")
    if draw(st.booleans()):
        parts.append(f"<updated>{draw(_dates(atom=True))}</updated>")
    if draw(st.booleans()):
        parts.append(f"<published>{draw(_dates(atom=True))}</published>")
    if draw(st.booleans()):
        parts.append(f"<author><name>{draw(_TEXT)}</name></author>")
    for element in ("summary", "content"):
        if draw(st.booleans()):
            kind = draw(st.sampled_from(["", " type='html'", " type='text'"]))
            parts.append(f"<{element}{kind}>{draw(_TEXT)} &lt;p&gt;x&lt;/p&gt;</{element}>")
    if draw(st.booleans()):
        parts.append(f"<category term='{draw(st.sampled_from(['a', 'B', 'b']))}'/>")
    draw(st.randoms()).shuffle(parts)
    base = draw(st.sampled_from(["", " xml:base='https://other.example/dir/'", " xml:base='sub/'"]))
    return f"<entry{base}>" + "".join(parts) + "</entry>"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_rss_item(), min_size=1, max_size=4), st.sampled_from(["2.0", "0.92", "0.91"]))
def test_random_rss_stores_what_feedparser_stores(items: list[str], version: str) -> None:
    document = (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="{version}" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:media="http://search.yahoo.com/mrss/" '
        'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">'
        "<channel><title>Random</title><link>https://example.org/</link>"
        + "".join(items)
        + "</channel></rss>"
    )
    _assert_same(document.encode())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_atom_entry(), min_size=1, max_size=4))
def test_random_atom_stores_what_feedparser_stores(entries: list[str]) -> None:
    document = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Random</title><id>urn:random</id>" + "".join(entries) + "</feed>"
    )
    _assert_same(document.encode())


# -- the corpus rearranged at random -----------------------------------------------------------

_TREES = [case for case in CASES if case.fast]


def _rearranged(case: Case, random: random_module.Random) -> bytes:
    """The case's document with a few elements copied, dropped, moved or nested in a sibling:
    the orders and places feedparser's reading depends on."""
    text, _ = decode_document(case.document, case.headers.get("Content-Type"))
    root = etree.fromstring(text.encode("utf-8").split(b"?>", 1)[-1])
    for _ in range(random.randint(1, 3)):
        parents = [e for e in root.iter() if isinstance(e.tag, str) and len(e)]
        if not parents:
            break
        parent = random.choice(parents)
        children = list(parent)
        chosen = random.choice(children)
        move = random.random()
        if move < 0.3:
            parent.insert(random.randrange(len(children) + 1), copy.deepcopy(chosen))
        elif move < 0.5:
            parent.remove(chosen)
        elif move < 0.75:
            parent.remove(chosen)
            parent.insert(random.randrange(len(children)), chosen)
        else:
            sibling = random.choice(children)
            if sibling is not chosen and isinstance(sibling.tag, str):
                parent.remove(chosen)
                sibling.append(chosen)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_TREES), st.randoms(use_true_random=False))
def test_rearranged_corpus_stores_what_feedparser_stores(
    case: Case, random: random_module.Random
) -> None:
    _assert_same(_rearranged(case, random), url=case.url)
