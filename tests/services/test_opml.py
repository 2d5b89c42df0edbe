"""Reading and writing OPML subscription lists."""

from __future__ import annotations

import pytest

from reader.core.errors import ImportFormatError
from reader.services.opml import OpmlFeed, parse_opml, write_opml

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="Top feed" type="rss" xmlUrl="https://top.example/feed" htmlUrl="https://top.example/"/>
    <outline text="News">
      <outline text="World" title="World news" type="rss" xmlUrl="https://world.example/rss"/>
      <outline title="Tech">
        <outline text="Gadgets" type="rss" xmlurl="https://gadgets.example/atom"/>
        <outline type="rss" xmlUrl="feed://bare.example/rss"/>
      </outline>
    </outline>
    <outline text="Empty folder"/>
  </body>
</opml>"""


def test_nested_folders() -> None:
    doc = parse_opml(NESTED)
    assert doc.title == "My feeds"
    assert [(f.url, f.title, f.folder) for f in doc.feeds] == [
        ("https://top.example/feed", "Top feed", ()),
        ("https://world.example/rss", "World", ("News",)),
        ("https://gadgets.example/atom", "Gadgets", ("News", "Tech")),
        ("http://bare.example/rss", None, ("News", "Tech")),
    ]
    assert doc.feeds[0].site_url == "https://top.example/"
    assert doc.folders == (("News",), ("News", "Tech"), ("Empty folder",))
    assert doc.problems == ()


def test_odd_outlines_are_reported_not_fatal() -> None:
    data = b"""<opml version="1.0"><body>
      <outline text="Good" xmlUrl="https://good.example/rss"/>
      <outline text="Local" xmlUrl="file:///etc/passwd"/>
      <outline text="Script" xmlUrl="javascript:alert(1)"/>
      <outline text="Again" xmlUrl="https://good.example/rss"/>
      <outline text="Lost its address" type="rss" htmlUrl="https://lost.example/"/>
      <outline text="Categorised" xmlUrl="https://cat.example/rss" category="/Science/Space"/>
    </body></opml>"""
    doc = parse_opml(data)
    assert [f.url for f in doc.feeds] == ["https://good.example/rss", "https://cat.example/rss"]
    assert doc.feeds[1].folder == ("Science", "Space")
    assert len(doc.problems) == 4
    assert any("file:///etc/passwd" in p for p in doc.problems)
    assert any("listed twice" in p for p in doc.problems)
    assert any("'Lost its address' has no feed address" in p for p in doc.problems)
    assert all(p.startswith("line ") for p in doc.problems)


def test_broken_xml_keeps_what_it_can() -> None:
    data = b"""<opml version="2.0"><body>
      <outline text="A &amp; B" xmlUrl="https://a.example/rss"/>
      <outline text="Unescaped & here" xmlUrl="https://b.example/rss"/>
    </body>"""
    doc = parse_opml(data)
    assert "https://a.example/rss" in [f.url for f in doc.feeds]
    assert "not well-formed" in doc.problems[0]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"<html><body>not opml</body></html>", "root element"),
        (b"<opml><head/></opml>", "no <body>"),
        (b"\x00\x01\x02 binary", "not an OPML file"),
    ],
)
def test_not_opml(data: bytes, words: str) -> None:
    with pytest.raises(ImportFormatError, match=words):
        parse_opml(data)


def test_write_then_read_round_trip() -> None:
    feeds = [
        OpmlFeed("https://a.example/rss", 'A <&> "quoted"', "https://a.example/", ()),
        OpmlFeed("https://b.example/rss", None, None, ("News", "Tech")),
        OpmlFeed("https://c.example/rss", "C", None, ("News",)),
    ]
    data = write_opml(feeds, folders=[("News",), ("News", "Tech"), ("Empty",)])
    assert data.startswith(b"<?xml")
    doc = parse_opml(data)
    assert doc.problems == ()
    by_url = {f.url: f for f in doc.feeds}
    assert {(f.url, f.folder, f.site_url) for f in doc.feeds} == {
        ("https://a.example/rss", (), "https://a.example/"),
        ("https://c.example/rss", ("News",), None),
        ("https://b.example/rss", ("News", "Tech"), None),
    }
    assert by_url["https://a.example/rss"].title == 'A <&> "quoted"'
    # A feed without a title is written under its address.
    assert by_url["https://b.example/rss"].title == "https://b.example/rss"
    assert set(doc.folders) == {("News",), ("News", "Tech"), ("Empty",)}
