from __future__ import annotations

from reader.services.markdown import html_to_markdown


def test_structure_survives() -> None:
    md = html_to_markdown(
        "<h2>Section</h2><p>Some <strong>bold</strong> and <em>soft</em> words,"
        ' a <a href="https://example.org/">link</a>.</p>'
        "<ul><li>first</li><li>second</li></ul><blockquote><p>quoted</p></blockquote>"
        "<pre>code\n  block</pre>"
    )
    assert "## Section" in md
    assert "**bold**" in md and "*soft*" in md
    assert "[link](https://example.org/)" in md
    assert "- first\n- second" in md
    assert "> quoted" in md
    assert "```\ncode\n  block\n```" in md


def test_empty() -> None:
    assert html_to_markdown("   ") == ""
