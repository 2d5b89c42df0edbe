from __future__ import annotations

from datetime import UTC, datetime

from reader.services.markdown_input import extract_markdown, parse_front_matter

NOTE = """\
---
title: "Notizen zum Garten"
date: 2025-11-03 09:15
author: Jana Beispiel
tags: [garten, herbst]
categories:
  - Natur
  - garten
description: Was im Herbst zu tun ist
url: https://example.org/garten
lang: de-DE
---
# Notizen zum Garten

Im Herbst schneiden wir die **Stauden** zurück und legen [Laub](https://example.org/laub)
auf die *Beete*.

## Zwiebeln

- Tulpen
- Narzissen

1. Loch graben
2. Zwiebel setzen

> Wer im Herbst pflanzt, freut sich im Frühling.

Inline `code` und ein Block:

```
pflanzen --tiefe 15
```
"""


def test_structure_is_kept_as_sanitized_html() -> None:
    page = extract_markdown(NOTE)
    assert "<h2>Zwiebeln</h2>" in page.html
    assert "<strong>Stauden</strong>" in page.html
    assert "<em>Beete</em>" in page.html
    assert '<a href="https://example.org/laub"' in page.html
    assert "<ul>\n<li>Tulpen</li>\n<li>Narzissen</li>\n</ul>" in page.html
    assert "<ol>\n<li>Loch graben</li>" in page.html
    assert "<blockquote>" in page.html
    assert "<code>code</code>" in page.html
    assert "<pre><code>pflanzen --tiefe 15\n</code></pre>" in page.html
    # The title is shown above the body, not repeated in it.
    assert "<h1>" not in page.html
    assert "Im Herbst schneiden wir die Stauden zurück" in page.text
    assert page.method == "markdown"


def test_metadata_from_front_matter() -> None:
    page = extract_markdown(NOTE)
    assert page.title == "Notizen zum Garten"
    assert page.published == datetime(2025, 11, 3, 9, 15, tzinfo=UTC)
    assert page.author == "Jana Beispiel"
    assert page.tags == ("garten", "herbst", "Natur")
    assert page.description == "Was im Herbst zu tun ist"
    assert page.url == "https://example.org/garten"
    assert page.language == "de"
    assert "title:" not in page.text


def test_without_front_matter_the_first_heading_is_the_title() -> None:
    text = (
        "Some intro line before any heading.\n\n"
        "Planting *Bulbs* in Autumn\n==========================\n\n"
        "Autumn is the best season to plant the bulbs that flower in spring.\n"
    )
    page = extract_markdown(text, "https://example.org/bulbs")
    assert page.title == "Planting Bulbs in Autumn"
    assert page.published is None
    assert page.tags == ()
    assert page.url == "https://example.org/bulbs"
    assert page.language == "en"


def test_a_heading_inside_a_code_fence_is_not_the_title() -> None:
    page = extract_markdown("```\n# not a title\n```\n\n## Real Title\n\nBody text here.\n")
    assert page.title == "Real Title"


def test_raw_html_is_sanitized() -> None:
    page = extract_markdown(
        '# T\n\n<script>alert(1)</script>\n\n<a href="javascript:alert(1)">x</a> '
        '<img src="https://example.org/a.png" onerror="alert(1)">\n'
    )
    assert "<script" not in page.html
    assert "javascript:" not in page.html
    assert "onerror" not in page.html


def test_no_heading_and_no_front_matter() -> None:
    page = extract_markdown("Just a line of text.\n\nAnd another one.\n")
    assert page.title == "Just a line of text."
    assert page.text == "Just a line of text.\n\nAnd another one."


def test_empty_markdown() -> None:
    page = extract_markdown("")
    assert page.title == ""
    assert page.html == ""
    assert page.text == ""


def test_front_matter_parsing_edges() -> None:
    data, body = parse_front_matter(
        "---\ntitle: 'Quoted: with colon'\ndraft: true  # for now\nempty:\n"
        "nested:\n  key: value\n---\nBody\n"
    )
    assert data["title"] == "Quoted: with colon"
    assert data["draft"] == "true"
    assert data["empty"] == []
    assert body == "Body\n"
    # A thematic break that is not at the very start is not front matter.
    assert parse_front_matter("Text\n---\nmore\n") == ({}, "Text\n---\nmore\n")
