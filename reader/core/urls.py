"""URL normalisation: one spelling per article, without tracking noise."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that only tell a site where a click came from; they never change the page.
_TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hsa_", "__hs", "_hs")
_TRACKING_NAMES = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "yclid",
        "igshid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "_ga",
        "_gl",
        "ref_src",
        "ref_url",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "wickedid",
        "rb_clickid",
        "s_cid",
        "ncid",
        "cmpid",
        "spm",
        "share",
    }
)


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def normalize_url(url: str) -> str:
    """Drop the fragment and tracking parameters; lower-case scheme and host.

    Anything that is not an http(s) URL comes back stripped but otherwise unchanged.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return url
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking_param(k)
    ]
    netloc = parts.netloc.lower()
    scheme = parts.scheme.lower()
    if (scheme == "http" and netloc.endswith(":80")) or (
        scheme == "https" and netloc.endswith(":443")
    ):
        netloc = netloc.rsplit(":", 1)[0]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def is_http_url(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


# Site keys: a host written backwards, label by label, each label followed by a dot
# ("news.example.com" -> "com.example.news."). A site and every subdomain of it then share the
# site's key as a prefix, so "site:example.com" is one range on an index instead of a scan.


def _label(label: str) -> str:
    if label.startswith("xn--"):
        # Punycode and Unicode spellings of a domain must give one key.
        try:
            return label[4:].encode("ascii").decode("punycode").lower()
        except UnicodeError:
            return label
    return label


def _labels(host: str) -> list[str]:
    return [label for label in map(_label, host.lower().split(".")) if label]


def _key(labels: list[str]) -> str | None:
    return "".join(label + "." for label in reversed(labels)) if labels else None


def _hostname(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:  # a malformed address ("http://[oops/") has no host
        return None


def host_key(url: str | None) -> str | None:
    """The site key of the host of ``url`` (port and user left out), or None when it has
    no host (a file path, "mailto:", nothing)."""
    if not url:
        return None
    host = _hostname(url.strip())
    return _key(_labels(host)) if host else None


def site_hosts(url: str | None, canonical_url: str | None) -> tuple[str | None, str | None]:
    """The site keys an article is found under: its canonical address's host (its address's
    when it has no canonical one), and its address's host when that is another one (a link
    through a redirector or a feed proxy), else None."""
    main = host_key(canonical_url or url)
    if not canonical_url or url == canonical_url:
        return main, None
    other = host_key(url)
    return main, (other if other != main else None)


def site_key(value: str) -> str | None:
    """The key prefix ``site:VALUE`` looks for: a domain or an address as typed, where
    "www.", a port, a path and a leading "*." are left out. None when it names no host."""
    text = value.strip()
    if "://" not in text:
        text = "//" + text.lstrip("/")
    host = _hostname(text)
    labels = [label for label in _labels(host or "") if label != "*"]
    if len(labels) > 1 and labels[0] == "www":
        labels = labels[1:]
    return _key(labels)


# Schemes a stored or exported link may have: a click on anything else (javascript:, data:,
# vbscript:, file:) could run something or read the disk.
_SAFE_SCHEMES = frozenset({"http", "https"})


def safe_link(url: str | None, *, mailto: bool = False) -> str | None:
    """``url`` (stripped) when it is a web address short enough to store, else None.
    ``mailto`` also lets ``mailto:`` addresses through (links inside an article's text)."""
    if not url:
        return None
    from reader.core.limits import MAX_URL_CHARS

    text = url.strip()
    if not text or len(text) > MAX_URL_CHARS:
        return None
    # Browsers drop tabs, newlines and control characters inside a scheme ("java\tscript:")
    # before they read it; so does this check.
    head = "".join(ch for ch in text[:32] if ch > " " and ch != "\x7f").lower()
    scheme, colon, _ = head.partition(":")
    if not colon:
        return None
    if scheme in _SAFE_SCHEMES:
        return text if _hostname(text) else None
    if mailto and scheme == "mailto":
        return text
    return None
