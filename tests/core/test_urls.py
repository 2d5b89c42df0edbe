from __future__ import annotations

import pytest

from reader.core.urls import host_of, is_http_url, normalize_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://Example.COM/a?utm_source=x&id=3#part", "https://example.com/a?id=3"),
        ("http://example.com:80", "http://example.com/"),
        ("https://example.com:443/p?fbclid=1&gclid=2&mc_eid=3", "https://example.com/p"),
        ("https://example.com/p?q=a+b&UTM_medium=m", "https://example.com/p?q=a+b"),
        ("  https://example.com/x  ", "https://example.com/x"),
        ("mailto:someone@example.com", "mailto:someone@example.com"),
        ("not a url", "not a url"),
    ],
)
def test_normalize_url(given: str, expected: str) -> None:
    assert normalize_url(given) == expected


def test_is_http_url_and_host() -> None:
    assert is_http_url("https://a.example/x")
    assert not is_http_url("ftp://a.example/x")
    assert not is_http_url("/home/me/page.html")
    assert host_of("https://Sub.Example.org:8080/x") == "sub.example.org"
