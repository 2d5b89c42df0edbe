from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.urls import host_key, is_http_url, normalize_url, site_hosts, site_key


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


def test_is_http_url() -> None:
    assert is_http_url("https://a.example/x")
    assert not is_http_url("ftp://a.example/x")
    assert not is_http_url("/home/me/page.html")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://News.Example.com:8080/a?b=c", "com.example.news."),
        ("http://user:secret@example.org/", "org.example."),
        ("https://www.example.com/", "com.example.www."),
        ("https://example.com./trailing-dot", "com.example."),
        ("https://xn--bcher-kva.example/", "example.bücher."),
        ("http://127.0.0.1:8000/x", "1.0.0.127."),
        ("//cdn.example.net/lib.js", "net.example.cdn."),
        ("mailto:someone@example.com", None),
        ("/home/me/page.html", None),
        ("example.com/no-scheme", None),
        ("http://[not-closed/x", None),
        ("", None),
        (None, None),
    ],
)
def test_host_key_writes_the_host_backwards(url: str | None, expected: str | None) -> None:
    assert host_key(url) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("example.com", "com.example."),
        ("EXAMPLE.com", "com.example."),
        ("www.example.com", "com.example."),
        ("https://www.example.com/some/page?x=1", "com.example."),
        ("example.com:8443", "com.example."),
        ("*.example.com", "com.example."),
        (".example.com.", "com.example."),
        ("news.example.com", "com.example.news."),
        ("bücher.example", "example.bücher."),
        ("xn--bcher-kva.example", "example.bücher."),
        ("www", "www."),
        ("", None),
        ("https://", None),
        ("[", None),
        ("/", None),
    ],
)
def test_site_key_reads_a_domain_or_an_address(value: str, expected: str | None) -> None:
    assert site_key(value) == expected


def test_a_site_key_is_a_prefix_of_its_subdomains_keys_only() -> None:
    key = site_key("example.com")
    assert key is not None
    for inside in ("https://example.com/", "https://www.example.com/", "http://a.b.example.com"):
        assert (host_key(inside) or "").startswith(key)
    for outside in ("https://badexample.com/", "https://example.com.evil.net/", "https://com/"):
        assert not (host_key(outside) or "").startswith(key)


def test_site_hosts_keeps_a_second_host_only_when_it_differs() -> None:
    assert site_hosts("https://a.example/x", "https://a.example/x") == ("example.a.", None)
    assert site_hosts("https://a.example/x", None) == ("example.a.", None)
    # A link through a redirector: found under the page's own site and under the link's.
    assert site_hosts("https://t.example/abc", "https://news.example.org/story") == (
        "org.example.news.",
        "example.t.",
    )
    assert site_hosts(None, "https://b.example/") == ("example.b.", None)
    assert site_hosts("urn:isbn:123", None) == (None, None)


@given(st.text())
def test_any_typed_site_or_stored_address_gives_a_key_or_none(text: str) -> None:
    for value in (text, "https://" + text, "http://xn--" + text):
        for key in (host_key(value), site_key(value)):
            assert key is None or key.endswith(".")


_LABEL = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)


@given(st.lists(_LABEL, min_size=1, max_size=3), st.lists(_LABEL, max_size=2))
def test_every_subdomain_of_a_site_has_its_key_as_prefix(site: list[str], sub: list[str]) -> None:
    key = site_key(".".join(site))
    assert key is not None
    assert (host_key("https://" + ".".join([*sub, *site]) + "/x") or "").startswith(key)
