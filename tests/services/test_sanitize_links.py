"""Stored HTML holds no address that runs something, in any attribute that holds one."""

from __future__ import annotations

import pytest

from reader.services.sanitize import sanitize_html

BASE = "https://site.example/post/"


@pytest.mark.parametrize(
    "html",
    [
        '<picture><source srcset="javascript:alert(1)"><img src="x.png"></picture>',
        '<picture><source srcset="javascript:alert(1) 2x, x.png 1x"><img src="x.png"></picture>',
        '<img src="javascript:alert(1)">',
        '<img src=" jav&#x09;ascript:alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JAVASCRIPT:alert(1)">x</a>',
        '<a href="java\nscript:alert(1)">x</a>',
        '<a href="\x01javascript:alert(1)">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
        '<blockquote cite="javascript:alert(1)">q</blockquote>',
        '<q cite="file:///etc/passwd">q</q>',
    ],
)
def test_no_script_address_survives(html: str) -> None:
    for base in (BASE, None):
        cleaned = sanitize_html(html, base)
        lowered = cleaned.lower()
        assert "script" not in lowered and "file:" not in lowered and "data:text" not in lowered


def test_srcset_keeps_its_web_candidates_resolved() -> None:
    cleaned = sanitize_html(
        '<picture><source srcset="small.png 1x, javascript:alert(1) 2x,'
        ' https://cdn.example/a,b.png 3x"><img src="small.png"></picture>',
        BASE,
    )
    assert (
        'srcset="https://site.example/post/small.png 1x, https://cdn.example/a,b.png 3x"' in cleaned
    )


def test_links_that_are_fine_stay() -> None:
    cleaned = sanitize_html(
        '<a href="#notes">n</a> <a href="mailto:jo@example.org">m</a> <a href="/about">a</a>'
        ' <img src="data:image/png;base64,AAAA"> <blockquote cite="/source">q</blockquote>',
        BASE,
    )
    assert 'href="#notes"' in cleaned
    assert 'href="mailto:jo@example.org"' in cleaned
    assert 'href="https://site.example/about"' in cleaned
    assert 'src="data:image/png;base64,AAAA"' in cleaned
    assert 'cite="https://site.example/source"' in cleaned
