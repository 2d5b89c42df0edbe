"""What may be stored: fields within limits, links that only go to the web, sane dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.bounded import bound_article, bound_columns, sane_date
from reader.core.limits import (
    MAX_AUTHOR_CHARS,
    MAX_CONTENT_HTML_CHARS,
    MAX_TITLE_CHARS,
    cut_html,
    cut_line,
    cut_text,
    drop_controls,
)
from reader.core.types import ArticleInput, Enclosure, SourceKind
from reader.core.urls import safe_link


def _item(**fields: object) -> ArticleInput:
    values: dict[str, object] = {"title": "A title", "source_kind": SourceKind.FEED, **fields}
    return ArticleInput(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "\x01javascript:alert(1)",
        "vbscript:msgbox",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "http:///no-host",
        "/relative/path",
        "https://example.org/" + "a" * 9000,
    ],
)
def test_links_that_are_not_web_addresses_are_not_kept(url: str) -> None:
    assert safe_link(url) is None
    assert bound_article(_item(url=url, canonical_url=url, image_url=url)).url is None


def test_web_and_mail_links_are_kept() -> None:
    assert safe_link(" https://example.org/a?b=1 ") == "https://example.org/a?b=1"
    assert safe_link("HTTP://Example.org/") == "HTTP://Example.org/"
    assert safe_link("mailto:jo@example.org") is None
    assert safe_link("mailto:jo@example.org", mailto=True) == "mailto:jo@example.org"


def test_every_field_is_cut_to_its_limit() -> None:
    item = bound_article(
        _item(
            title="T" * 1_000_000,
            author="A" * 100_000,
            site_name="S" * 100_000,
            summary="x" * 100_000,
            content_html="<p>" + "y" * (MAX_CONTENT_HTML_CHARS + 10) + "</p>",
            guid="g" * 100_000,
            categories=(*(f"tag {n}" for n in range(500)), "long" * 100),
            enclosures=(
                *(Enclosure(f"https://e.example/{n}.mp3") for n in range(200)),
                Enclosure("javascript:alert(1)"),
            ),
        )
    )
    assert len(item.title) == MAX_TITLE_CHARS and item.title.endswith("…")
    assert item.author is not None and len(item.author) == MAX_AUTHOR_CHARS
    assert len(item.site_name or "") <= 300
    assert len(item.summary or "") <= 2000
    assert len(item.content_html) <= MAX_CONTENT_HTML_CHARS
    assert len(item.guid or "") <= 2048
    assert len(item.categories) == 100
    assert len(item.enclosures) == 50


def test_bounding_twice_changes_nothing() -> None:
    once = bound_article(_item(title="T  " * 400, author="\x1b[1mBold\x1b[0m", url="javascript:x"))
    assert bound_article(once) is once


def test_an_article_within_bounds_is_the_same_object() -> None:
    item = _item(url="https://example.org/", author="Jo", content_html="<p>x</p>", text="x")
    assert bound_article(item) is item


def test_control_characters_and_escapes_leave_one_line_fields() -> None:
    item = bound_article(_item(title="\x1b]0;owned\x07Nice\x1b[31m title\r\n", author="Jo\x00"))
    assert item.title == "Nice title"
    assert item.author == "Jo"


@pytest.mark.parametrize(
    "when",
    [
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=-5))),
        datetime(1899, 12, 31, tzinfo=UTC),
        datetime(9999, 12, 31, tzinfo=UTC),
    ],
)
def test_placeholder_dates_are_unknown(when: datetime) -> None:
    assert sane_date(when) is None
    assert bound_article(_item(published=when, updated=when)).published is None


def test_real_dates_are_kept() -> None:
    when = datetime(2024, 2, 29, 12, tzinfo=UTC)
    assert sane_date(when) == when
    assert sane_date(datetime(1900, 1, 1, tzinfo=UTC)) is not None


def test_rows_from_imports_and_documents_are_bounded_too() -> None:
    columns = bound_columns(
        {
            "title": "T" * 5000,
            "url": "javascript:alert(1)",
            "canonical_url": "https://example.org/",
            "published": "0001-01-01T00:00:00+00:00",
            "sort_date": "0001-01-01T00:00:00+00:00",
            "added": datetime(1, 1, 1, tzinfo=UTC),
            "enclosures": '[{"url": "javascript:x"}, {"url": "https://e.example/a.mp3"}]',
            "note": "n" * 2_000_000,
        }
    )
    assert len(columns["title"]) == MAX_TITLE_CHARS
    assert columns["url"] is None
    assert columns["canonical_url"] == "https://example.org/"
    assert columns["published"] is None
    assert "sort_date" not in columns and "added" not in columns
    assert (
        columns["enclosures"]
        == '[{"url": "https://e.example/a.mp3", "type": null, "length": null}]'
    )
    assert len(columns["note"]) == 1_000_000


def test_cutting_text_keeps_characters_whole() -> None:
    assert cut_text("e\u0301e\u0301", 3) == "e\u0301"  # é as e + accent stays whole
    assert cut_text("ab\U0001f44d\U0001f3fdc", 3) == "ab"  # a thumb with its skin tone
    assert cut_text("a\U0001f469\u200d\U0001f4bbb", 3) == "a"  # a joined emoji sequence
    assert cut_text("short", 10) == "short"


def test_cutting_html_ends_at_a_tag_and_never_inside_an_entity() -> None:
    assert cut_html("<p>hello</p><p>world</p>", 18) == "<p>hello</p>"
    assert cut_html("hello &amp; world", 9) == "hello "


def test_cut_line_marks_what_it_cut() -> None:
    assert cut_line("word " * 100, 20) == "word word word word…"
    assert cut_line(None, 20) is None


@given(st.text(), st.integers(min_value=1, max_value=50))
def test_cut_line_is_within_its_limit_and_stable(text: str, limit: int) -> None:
    once = cut_line(text, limit)
    assert once is not None and len(once) <= limit
    assert cut_line(once, limit) == once


@given(st.text())
def test_dropping_controls_leaves_no_escape_or_control(text: str) -> None:
    cleaned = drop_controls(text)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in cleaned)
    assert not any(0x7F <= ord(c) <= 0x9F for c in cleaned)
