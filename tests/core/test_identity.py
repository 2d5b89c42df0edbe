from __future__ import annotations

from reader.core.identity import entry_key, link_title_key


def test_guid_wins_over_link_and_content() -> None:
    key = entry_key(guid=" urn:x:1 ", link="https://e.org/a", title="T", content="C")
    assert key == "guid:urn:x:1"


def test_link_when_no_guid_is_normalised() -> None:
    a = entry_key(guid=None, link="HTTPS://E.org/a?utm_source=rss#top", title="T", content="C")
    b = entry_key(guid="", link="https://e.org/a", title="Other", content="Other")
    assert a == b == "link:https://e.org/a"


def test_hash_of_title_and_content_when_nothing_else() -> None:
    a = entry_key(guid=None, link=None, title="Hello  world", content="<p>x</p>")
    b = entry_key(guid=None, link=None, title="Hello world", content="<p>x</p>")
    c = entry_key(guid=None, link=None, title="Hello world", content="<p>y</p>")
    assert a.startswith("hash:")
    assert a == b
    assert a != c


def test_very_long_guid_is_hashed_to_a_bounded_key() -> None:
    key = entry_key(guid="g" * 5000, link=None, title=None, content=None)
    assert key.startswith("guid:sha256:")
    assert len(key) < 100


def test_link_title_key_needs_both() -> None:
    assert link_title_key("https://e.org/a?utm_medium=x", " A  title ") == (
        "https://e.org/a",
        "A title",
    )
    assert link_title_key(None, "A title") is None
    assert link_title_key("https://e.org/a", "  ") is None
