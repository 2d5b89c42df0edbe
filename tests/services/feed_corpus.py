"""Small feeds of every shape Folio reads, for the differential test of the two feed readers.

Each :class:`Case` is a document with its response headers and whether the fast reader is
expected to read it itself (``fast``) or to leave it to feedparser. Whatever it does, the
entries stored must be the same.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

URL = "https://example.org/blog/feed.xml"


@dataclass(frozen=True)
class Case:
    name: str
    document: bytes
    fast: bool
    headers: dict[str, str] = field(default_factory=dict)
    url: str = URL


def _rss(items: str, *, channel: str = "", version: str = "2.0", namespaces: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="{version}" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:media="http://search.yahoo.com/mrss/" '
        'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
        'xmlns:atom="http://www.w3.org/2005/Atom" '
        f"{namespaces}>\n<channel>\n<title>Example blog</title>\n"
        "<link>https://example.org/</link>\n<description>Notes &amp; links</description>\n"
        f"{channel}{items}</channel>\n</rss>\n"
    )


def _atom(entries: str, *, feed: str = "", attributes: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" {attributes}>\n'
        "<title>Atom example</title>\n<id>urn:example:feed</id>\n"
        '<link rel="alternate" type="text/html" href="https://example.org/"/>\n'
        '<link rel="self" href="https://example.org/feed.atom"/>\n'
        f"<updated>2025-05-01T10:00:00Z</updated>\n{feed}{entries}</feed>\n"
    )


def _item(body: str) -> str:
    return f"<item>{body}</item>\n"


def _entry(body: str) -> str:
    return f"<entry>{body}</entry>\n"


BODY = (
    "<p>First <b>bold</b> words with <a href='/rel/page?utm_source=rss&amp;x=1'>a link</a>"
    "<img src='img/a.png' alt='pic'> and a <img src='https://t.example/p.gif' width='1'"
    " height='1'> pixel.</p><ul><li>one</li><li>two</li></ul><script>alert(1)</script>"
)


def _cases() -> list[Case]:
    cases: list[Case] = []

    def add(name: str, text: str, *, fast: bool, **extra: object) -> None:
        cases.append(Case(name, text.encode("utf-8"), fast, **extra))  # type: ignore[arg-type]

    # -- RSS 2.0 and its elders -------------------------------------------------------------
    add(
        "rss20 wordpress",
        _rss(
            _item(
                "<title>Hello world</title><link>https://example.org/hello/</link>"
                "<comments>https://example.org/hello/#comments</comments>"
                "<dc:creator><![CDATA[Ann Author]]></dc:creator>"
                "<pubDate>Mon, 02 Jun 2025 10:00:00 +0000</pubDate>"
                "<category><![CDATA[News]]></category><category><![CDATA[news]]></category>"
                "<category>Other</category>"
                '<guid isPermaLink="false">https://example.org/?p=1</guid>'
                "<description><![CDATA[A teaser [&#8230;]]]></description>"
                f"<content:encoded><![CDATA[{BODY}]]></content:encoded>"
                '<wfw:commentRss xmlns:wfw="http://wellformedweb.org/CommentAPI/">'
                "https://example.org/hello/feed/</wfw:commentRss>"
                '<slash:comments xmlns:slash="http://purl.org/rss/1.0/modules/slash/">3'
                "</slash:comments>"
            ),
            channel='<atom:link href="https://example.org/feed/" rel="self" '
            'type="application/rss+xml"/><language>en-US</language>'
            '<sy:updatePeriod xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">hourly'
            "</sy:updatePeriod><generator>https://wordpress.org/?v=6.5</generator>",
        ),
        fast=True,
    )
    add(
        "rss20 content before description",
        _rss(
            _item(
                "<title>Order</title><link>https://example.org/o</link>"
                f"<content:encoded><![CDATA[{BODY}]]></content:encoded>"
                "<description>Short</description>"
            )
        ),
        fast=True,
    )
    add(
        "rss20 description only, escaped html",
        _rss(
            _item(
                "<title>Escaped</title><link>/relative/post</link>"
                "<description>&lt;p&gt;Escaped &amp;amp; <![CDATA[<b>mixed</b>]]>&lt;/p&gt;"
                "</description>"
            )
        ),
        fast=True,
    )
    add(
        "rss20 guid is the link",
        _rss(
            _item("<title>Permalink</title><guid>https://example.org/p/1</guid>")
            + _item("<title>Relative permalink</title><guid>p/2</guid>")
            + _item('<title>Not a link</title><guid isPermaLink="false">tag-3</guid>')
            + _item(
                "<title>Link then guid</title><link>https://example.org/4</link>"
                "<guid>https://example.org/guid/4</guid>"
            )
            + _item("<guid>https://example.org/5</guid><link>https://example.org/five</link>")
        ),
        fast=True,
    )
    add(
        "rss20 missing guid, link, title",
        _rss(
            _item("<description>Only words, no title or link or guid</description>")
            + _item("<title>Only a title</title>")
            + _item("<link>https://example.org/only-link</link>")
        ),
        fast=True,
    )
    add(
        "rss20 entities in titles",
        _rss(
            _item(
                "<title>AT&amp;T &amp; &lt;b&gt;bold&lt;/b&gt; &#8220;quoted&#8221; caf\u00e9"
                "</title><link>https://example.org/e?a=1&amp;b=2</link>"
            )
            + _item("<title><![CDATA[Tom & Jerry <3 > 2]]></title><guid>x1</guid>")
            + _item("<title>  spaced\n\t title  </title><guid>x2</guid>")
        ),
        fast=True,
    )
    add(
        "rss20 authors",
        _rss(
            _item("<title>a</title><guid>a</guid><author>bob@example.com (Bob Builder)</author>")
            + _item("<title>b</title><guid>b</guid><author>bob@example.com</author>")
            + _item("<title>c</title><guid>c</guid><author>Carol &lt;c@example.com&gt;</author>")
            + _item("<title>d</title><guid>d</guid><itunes:author>Dan</itunes:author>")
            + _item("<title>e</title><guid>e</guid><author>Eve (eve@example.com)</author>")
            + _item("<title>f</title><guid>f</guid><author>  </author>")
        ),
        fast=True,
    )
    add(
        "rss20 two authors",
        _rss(
            _item(
                "<title>e</title><guid>e</guid><dc:creator>Eve</dc:creator>"
                "<author>eve@example.com</author>"
            )
        ),
        fast=False,
    )
    add(
        "rss20 enclosures and media",
        _rss(
            _item(
                "<title>Episode</title><guid>ep1</guid>"
                '<enclosure url="https://example.org/ep1.mp3" length="12345" type="Audio/MPEG"/>'
                '<enclosure url="/ep1.ogg" length="x" type="audio/ogg"/>'
                '<enclosure url="https://example.org/ep1.mp3" length="1" type="audio/mpeg"/>'
                '<media:thumbnail url="thumbs/1.jpg" width="100"/>'
                '<media:content url="https://example.org/v.mp4" medium="video"/>'
            )
            + _item(
                "<title>Picture</title><guid>pic</guid>"
                '<media:group><media:content url="https://example.org/big.jpg" type="image/jpeg"/>'
                '<media:content url="https://example.org/small.jpg" type="image/jpeg"/>'
                "</media:group>"
            )
            + _item(
                "<title>Image enclosure</title><guid>ie</guid>"
                '<enclosure url="https://example.org/i.png" type="image/png" length="10"/>'
            )
        ),
        fast=True,
    )
    add(
        "rss20 categories with domains",
        _rss(
            _item(
                "<title>Cats</title><guid>c</guid>"
                '<category domain="https://example.org/tags">Tagged</category>'
                '<category domain="x"/><category>After empty</category>'
                "<dc:subject>Subject</dc:subject>"
                '<media:category scheme="urn:x">Media cat</media:category>'
                "<category>  </category>"
            )
        ),
        fast=True,
    )
    usual_dates = (
        "Mon, 02 Jun 2025 10:00:00 GMT",
        "Mon, 2 Jun 2025 10:00 +0200",
        "Sun, 01 Jun 2025 23:30:00 -0730",
        "Tue, 03 Jun 2025 01:02:03 EST",
        "Tue, 03 Jun 2025 01:02:03 PDT",
        "03 Jun 2025 01:02:03 UT",
        "Tue, 03 Jun 2025 01:02:03 Z",
        "Tue, 03 June 2025 01:02:03 +02:00",
        "Wednesday, 04 Jun 2025 12:00:00 GMT",
        "2025-06-01T10:00:00Z",
        "2025-06-01T10:00:00.123+02:00",
        "2025-06-01T10:00:00-05:30",
        "2025-06-01",
        "2025-06-01T10:00",
        "0001-01-01T00:00:00Z",
        "2100-01-01T00:00:00Z",
    )
    odd_dates = (
        "Tue, 03 Jun 2025 01:02:03 CEST",
        "Tue, 31 Jun 2025 01:02:03 GMT",
        "2025-06-01 10:00:00",
        "2025-06-01T10:00:00+0130",
        "yesterday",
        "Tue, 03 Jun 25 01:02:03 GMT",
        "Tue 03 Jun 2025 01:02:03 GMT",
        "2025-06-01T25:00:00Z",
        "Di, 03 Jun 2025 01:02:03 +0200",
    )
    for fast, dates in ((True, usual_dates), *((False, (date,)) for date in odd_dates)):
        add(
            f"rss20 dates {dates[0] if len(dates) == 1 else 'usual'}",
            _rss(
                "".join(
                    _item(f"<title>d{n}</title><guid>d{n}</guid><pubDate>{date}</pubDate>")
                    for n, date in enumerate(dates)
                )
            ),
            fast=fast,
        )
        add(
            f"atom10 dates {dates[0] if len(dates) == 1 else 'usual'}",
            _atom(
                "".join(
                    _entry(f"<title>d{n}</title><id>urn:d{n}</id><updated>{date}</updated>")
                    for n, date in enumerate(dates)
                )
            ),
            fast=fast,
        )
    add(
        "rss20 plain dates",
        _rss(
            _item(
                "<title>a</title><guid>a</guid><pubDate>Mon, 02 Jun 2025 10:00:00 +0100"
                "</pubDate><dc:date>2025-06-03T00:00:00Z</dc:date>"
            )
            + _item("<title>b</title><guid>b</guid><dc:date>2025-05-03T00:00:00+01:00</dc:date>")
            + _item("<title>c</title><guid>c</guid><pubDate></pubDate>")
        ),
        fast=True,
    )
    add(
        "rss20 itunes podcast",
        _rss(
            _item(
                "<title>Ep 2</title><guid>ep2</guid><itunes:duration>12:00</itunes:duration>"
                "<itunes:explicit>no</itunes:explicit><itunes:summary>Sum</itunes:summary>"
                '<enclosure url="https://example.org/ep2.mp3" type="audio/mpeg" length="9"/>'
            ),
            channel='<itunes:image href="https://example.org/cover.jpg"/>'
            "<itunes:author>Pod</itunes:author><itunes:category text='Tech'/>",
        ),
        fast=True,
    )
    add(
        "rss20 podcast",
        _rss(
            _item(
                "<title>Ep 3</title><guid>ep3</guid><description><![CDATA[<p>Show "
                "<b>notes</b></p>]]></description><itunes:summary>Longer plain summary of the "
                "episode\n\nin two paragraphs</itunes:summary>"
                "<itunes:subtitle>Sub</itunes:subtitle>"
                "<itunes:keywords>tech, talk,, Tech </itunes:keywords>"
                "<itunes:title>T</itunes:title>"
                '<itunes:category text="Science"><itunes:category text="Physics"/>'
                "</itunes:category>"
                '<itunes:image href="https://example.org/ep3.jpg"/>'
                '<enclosure url="https://example.org/ep3.mp3" type="audio/mpeg" length="9"/>'
            )
            + _item(
                "<title>Ep 4</title><guid>ep4</guid><itunes:summary>Only a summary</itunes:summary>"
            )
            + _item(
                "<title>Ep 5</title><guid>ep5</guid><content:encoded><![CDATA[<p>Body</p>]]>"
                "</content:encoded><itunes:summary>After content</itunes:summary>"
            ),
            channel="<itunes:subtitle>Channel subtitle</itunes:subtitle>"
            "<itunes:owner><itunes:name>O</itunes:name><itunes:email>o@example.org"
            "</itunes:email></itunes:owner><itunes:explicit>false</itunes:explicit>",
        ),
        fast=True,
    )
    add(
        "rss20 three summaries",
        _rss(
            _item(
                "<title>3</title><guid>3</guid><description>a</description>"
                "<itunes:summary>b</itunes:summary><media:description>c</media:description>"
            )
        ),
        fast=False,
    )
    add(
        "rss20 summary as content that looks like html",
        _rss(
            _item(
                "<title>h</title><guid>h</guid><description>a</description>"
                "<itunes:summary>x &amp;amp; y</itunes:summary>"
            )
        ),
        fast=False,
    )
    add(
        "rss20 media titles",
        _rss(
            _item("<guid>m1</guid><media:title>Only media</media:title>")
            + _item("<guid>m2</guid><media:title>Media first</media:title><title>Core</title>")
            + _item(
                "<guid>m3</guid><title>Core first</title><media:group>"
                "<media:title>Deeper</media:title></media:group>"
            )
        ),
        fast=True,
    )
    add(
        "rss20 empty title beside a media title",
        _rss(_item("<guid>m</guid><title></title><media:title>Media</media:title>")),
        fast=False,
    )
    add(
        "atom10 youtube",
        _atom(
            _entry(
                "<id>yt:video:abc</id><yt:videoId>abc</yt:videoId><yt:channelId>UC1</yt:channelId>"
                "<title>A video &amp; more</title>"
                '<link rel="alternate" href="https://www.youtube.com/watch?v=abc"/>'
                "<author><name>Channel</name><uri>https://www.youtube.com/channel/UC1</uri>"
                "</author><published>2025-05-01T10:00:00+00:00</published>"
                "<updated>2025-05-02T10:00:00+00:00</updated>"
                "<media:group><media:title>A video &amp; more</media:title>"
                '<media:content url="https://www.youtube.com/v/abc?version=3" '
                'type="application/x-shockwave-flash" width="640" height="390"/>'
                '<media:thumbnail url="https://i.ytimg.com/vi/abc/hqdefault.jpg" width="480" '
                'height="360"/><media:description>Line one\nhttps://example.org/link\n\n'
                "Line &lt;two&gt;</media:description><media:community>"
                '<media:starRating count="10" average="5.00" min="1" max="5"/>'
                '<media:statistics views="100"/></media:community></media:group>'
            ),
            attributes='xmlns:yt="http://www.youtube.com/xml/schemas/2015" '
            'xmlns:media="http://search.yahoo.com/mrss/"',
        ),
        fast=True,
    )
    add(
        "rss20 channel image",
        _rss(
            _item("<title>x</title><guid>x</guid>"),
            channel="<image><url>/logo.png</url><title>Logo</title>"
            "<link>https://example.org/</link></image>",
        ),
        fast=True,
    )
    add(
        "rss20 itunes image channel",
        _rss(
            _item("<title>x</title><guid>x</guid>"),
            channel='<itunes:image href="https://example.org/cover.jpg"/>',
        ),
        fast=True,
    )
    add(
        "rss 0.91",
        _rss(_item("<title>Old</title><link>http://old.example/1</link>"), version="0.91"),
        fast=True,
    )
    add("rss 0.92", _rss(_item("<description>Only</description>"), version="0.92"), fast=True)
    add(
        "rss 0.91 netscape doctype",
        '<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91'
        '//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91">'
        "<channel><title>Old &amp; new</title><link>http://old.example/</link>"
        "<description>d</description><item><title>Item</title>"
        "<link>http://old.example/1</link></item></channel></rss>",
        fast=False,
    )
    add(
        "rss20 xml:base",
        _rss(
            _item(
                "<title>Based</title><link>post.html</link>"
                '<description xml:base="https://cdn.example/assets/">'
                "&lt;img src='x.png'&gt;&lt;a href='y.html'&gt;y&lt;/a&gt;</description>"
            ).replace("<item>", '<item xml:base="https://example.org/sub/dir/">'),
        ),
        fast=True,
    )
    add(
        "rss20 language from header",
        _rss(_item("<title>Sprache</title><guid>s</guid>")).replace(
            "<description>Notes &amp; links</description>", "<description>x</description>"
        ),
        fast=True,
        headers={"Content-Language": "de-DE"},
    )
    add(
        "rss20 xml:lang on root",
        _rss(_item("<title>Langue</title><guid>l</guid>")).replace(
            '<rss version="2.0"', '<rss version="2.0" xml:lang="fr_FR"'
        ),
        fast=True,
    )
    add(
        "rss20 item language",
        _rss(_item("<title>Item lang</title><guid>l</guid><dc:language>pt-BR</dc:language>")),
        fast=True,
    )
    add(
        "rss20 atom link in item",
        _rss(
            _item(
                '<title>Atom link</title><atom:link href="/alt" rel="alternate"/>'
                '<atom:link href="/self" rel="self"/>'
            )
        ),
        fast=True,
    )
    add(
        "rss20 unknown namespace",
        _rss(
            _item(
                "<title>Ext</title><guid>e</guid><ex:rating>5</ex:rating>"
                "<ex:box><ex:inner>x</ex:inner></ex:box>"
            ),
            namespaces='xmlns:ex="https://ext.example/ns"',
        ),
        fast=True,
    )
    add(
        "rss20 unknown namespace hiding a title",
        _rss(
            _item("<title>Ext</title><guid>e</guid><ex:box><title>Inner</title></ex:box>"),
            namespaces='xmlns:ex="https://ext.example/ns"',
        ),
        fast=False,
    )
    add(
        "rss20 known prefix on another namespace",
        _rss(
            _item("<title>Fake</title><guid>f</guid><mediax:title>Other</mediax:title>"),
            namespaces='xmlns:mediax="https://ext.example/media"',
        )
        .replace("mediax", "media")
        .replace('xmlns:media="http://search.yahoo.com/mrss/" ', ""),
        fast=False,
    )
    add(
        "rss20 dc prefix renamed",
        _rss(
            _item("<title>Renamed</title><guid>r</guid><d:creator>Dee</d:creator>"),
            namespaces='xmlns:d="http://purl.org/dc/elements/1.1/"',
        ),
        fast=True,
    )
    add(
        "rss20 media title and description",
        _rss(
            _item(
                "<media:title>Media title</media:title><guid>m</guid>"
                "<media:description>Media words</media:description>"
            )
        ),
        fast=True,
    )
    add(
        "rss20 two descriptions",
        _rss(
            _item("<title>Two</title><description>one</description><description>two</description>")
        ),
        fast=True,
    )
    add(
        "rss20 markup in description",
        _rss(_item("<title>Raw</title><description><p>not escaped</p></description>")),
        fast=False,
    )
    add(
        "rss20 html entity not in xml",
        _rss(_item("<title>Caf&eacute; &nbsp;</title><guid>h</guid>")),
        fast=False,
    )
    add(
        "rss20 not well formed",
        _rss(_item("<title>Broken & bad</title><guid>b</guid>")),
        fast=False,
    )
    add(
        "rss20 mojibake and c1",
        _rss(
            _item(
                "<title>caf\u00c3\u00a9 \u0080uro \u0093quoted\u0094</title><guid>m</guid>"
                "<description>\u00c3\u00bcber</description>"
            )
        ),
        fast=True,
    )
    add(
        "rss20 summary element guessed as html",
        _rss(_item("<title>S</title><guid>s</guid><summary>a &amp;amp; &lt;/b&gt;</summary>")),
        fast=False,
    )
    add(
        "rss20 comments in text",
        _rss(
            _item(
                "<title>Com<!-- hidden -->ment</title><guid>c</guid>"
                "<description>a<!-- x -->b</description>"
            )
        ),
        fast=True,
    )
    add(
        "rss20 source",
        _rss(
            _item(
                '<title>Src</title><guid>s</guid><source url="https://o.example/rss">Other</source>'
            )
        ),
        fast=True,
    )
    add(
        "rss20 channel itunes summary before description",
        _rss(_item("<title>x</title><guid>x</guid>")).replace(
            "<description>Notes &amp; links</description>",
            "<itunes:summary>Sum</itunes:summary><description>Desc</description>",
        ),
        fast=False,
    )
    add(
        "rss20 channel textinput",
        _rss(
            _item("<title>x</title><guid>x</guid>"),
            channel="<textInput><title>Search</title><description>d</description>"
            "<name>q</name><link>https://example.org/s</link></textInput>",
        ),
        fast=True,
    )
    add(
        "rss20 link with spaces and entity-like query",
        _rss(_item("<title>L</title><link>\n  https://example.org/q?a=1&amp;b;=2  \n</link>")),
        fast=True,
    )
    add(
        "rss20 empty link after guid",
        _rss(_item("<title>E</title><guid>https://example.org/g</guid><link></link>")),
        fast=True,
    )
    add(
        "rss20 javascript link",
        _rss(_item("<title>J</title><link>javascript:alert(1)</link><guid>j</guid>")),
        fast=True,
    )

    # -- RSS 1.0 / RDF --------------------------------------------------------------------
    add(
        "rdf",
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-'
        'ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
        '<channel rdf:about="https://rdf.example/"><title>RDF site</title>'
        "<link>https://rdf.example/</link><description>About</description>"
        "<dc:language>de</dc:language>"
        '<items><rdf:Seq><rdf:li rdf:resource="https://rdf.example/1"/></rdf:Seq></items>'
        '<image rdf:resource="https://rdf.example/logo.png"/></channel>\n'
        '<image rdf:about="https://rdf.example/logo.png"><title>Logo</title>'
        "<url>https://rdf.example/logo.png</url><link>https://rdf.example/</link></image>\n"
        '<item rdf:about="https://rdf.example/1"><title>RDF item</title>'
        "<link>https://rdf.example/1</link><description>Hello</description>"
        "<dc:creator>Ron</dc:creator><dc:date>2025-05-01T08:00:00+02:00</dc:date>"
        "<dc:subject>Topic</dc:subject></item>\n"
        '<item rdf:about="https://rdf.example/2"><title>Second</title>'
        "<link>https://rdf.example/2</link>"
        "<content:encoded><![CDATA[<p>Full</p>]]></content:encoded></item>\n"
        "</rdf:RDF>",
        fast=True,
    )
    add(
        "rdf simple",
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-'
        'ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        '<channel rdf:about="https://rdf.example/"><title>RDF site</title>'
        "<link>https://rdf.example/</link><description>About</description>"
        '<items><rdf:Seq><rdf:li rdf:resource="https://rdf.example/1"/></rdf:Seq></items>'
        "</channel>\n"
        '<item rdf:about="https://rdf.example/1"><title>RDF item</title>'
        "<link>https://rdf.example/1</link><description>Hello</description>"
        "<dc:creator>Ron</dc:creator><dc:date>2025-05-01T08:00:00+02:00</dc:date>"
        "<dc:subject>Topic</dc:subject></item>\n"
        "</rdf:RDF>",
        fast=True,
    )
    add(
        "rdf with xml:lang and a text input",
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-'
        'ns#" xmlns="http://purl.org/rss/1.0/" xml:lang="fr">\n'
        '<channel rdf:about="https://rdf.example/"><title>RDF</title>'
        "<link>https://rdf.example/</link><description>d</description>"
        '<textinput rdf:resource="https://rdf.example/search"/></channel>\n'
        '<item rdf:about="https://rdf.example/1"><title>Un</title>'
        "<link>https://rdf.example/1</link></item>\n"
        '<textinput rdf:about="https://rdf.example/search"><title>Search</title>'
        "<description>d</description><name>q</name><link>https://rdf.example/search</link>"
        "</textinput>\n</rdf:RDF>",
        fast=True,
    )
    add(
        "rss20 image with markup in its title",
        _rss(
            _item("<title>x</title><guid>x</guid>"),
            channel="<image><url>/logo.png</url><title>Logo <b>bold</b></title></image>",
        ),
        fast=False,
    )
    add(
        "rss 0.90",
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-'
        'ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>Zero nine</title>'
        "<link>http://old.example/</link><description>d</description></channel>"
        "<item><title>Old</title><link>http://old.example/1</link></item></rdf:RDF>",
        fast=False,
    )

    # -- Atom ---------------------------------------------------------------------------------
    add(
        "atom10 blog",
        _atom(
            _entry(
                "<title>Entry one</title><id>tag:example.org,2025:1</id>"
                '<link rel="alternate" type="text/html" href="/posts/one"/>'
                '<link rel="replies" href="/posts/one#comments"/>'
                "<published>2025-05-01T10:00:00+01:00</published>"
                "<updated>2025-05-02T10:00:00Z</updated>"
                "<author><name>Bo</name><email>bo@example.org</email></author>"
                '<category term="tech" label="Technology"/><category term="misc"/>'
                "<summary>A summary</summary>"
                f'<content type="html">{BODY.replace("&", "&amp;").replace("<", "&lt;")}'
                "</content>"
            )
            + _entry(
                "<title type='html'>Two &lt;em&gt;emph&lt;/em&gt;</title><id>urn:2</id>"
                "<link href='https://example.org/two'/><updated>2025-04-02T00:00:00Z</updated>"
                "<content type='text'>Plain text &lt;body&gt;\n\nsecond para</content>"
            )
            + _entry(
                "<title>Only summary</title><id>urn:3</id>"
                "<summary type='html'>&lt;p&gt;html summary&lt;/p&gt;</summary>"
            )
            + _entry("<title>Duplicate</title><id>tag:example.org,2025:1</id>")
        ),
        fast=True,
    )
    add(
        "atom10 xml:base",
        _atom(
            _entry(
                "<title>Based</title><id>urn:b</id><link href='one.html'/>"
                "<content type='html'>&lt;a href='rel.html'&gt;r&lt;/a&gt;</content>"
            ).replace("<entry>", '<entry xml:base="https://atom.example/posts/">')
            + _entry("<title>Root based</title><id>urn:c</id><link href='two.html'/>"),
            attributes='xml:base="https://atom.example/base/"',
            feed="<icon>/favicon.png</icon><logo>logo.png</logo><subtitle>Sub</subtitle>",
        ),
        fast=True,
    )
    add(
        "atom10 xhtml content",
        _atom(
            _entry(
                "<title>X</title><id>urn:x</id><content type='xhtml'>"
                "<div xmlns='http://www.w3.org/1999/xhtml'><p>Hi<br/>there</p></div></content>"
            )
        ),
        fast=False,
    )
    add(
        "atom10 enclosure links",
        _atom(
            _entry(
                "<title>Pod</title><id>urn:p</id><link href='https://example.org/p'/>"
                '<link rel="enclosure" type="audio/mpeg" length="100" href="/p.mp3"/>'
                '<link rel="enclosure" type="image/jpeg" href="https://example.org/p.jpg"/>'
            )
        ),
        fast=True,
    )
    add(
        "atom10 no alternate link",
        _atom(
            _entry("<title>No link</title><id>urn:uuid:1234</id><link rel='self' href='/s'/>")
            + _entry("<title>Web id</title><id>https://example.org/id/2</id>")
        ),
        fast=True,
    )
    add(
        "atom10 authors",
        _atom(
            _entry("<title>a</title><id>urn:a</id><author><email>e@example.org</email></author>")
            + _entry(
                "<title>b</title><id>urn:b</id><author><name>B</name>"
                "<uri>https://b.example/</uri></author>"
            )
            + _entry(
                "<title>c</title><id>urn:c</id><author><name>C1</name></author>"
                "<author><name>C2</name></author>"
            )
        ),
        fast=False,
    )
    add(
        "atom10 single authors",
        _atom(
            _entry("<title>a</title><id>urn:a</id><author><email>e@example.org</email></author>")
            + _entry(
                "<title>b</title><id>urn:b</id><author><name>B</name>"
                "<uri>https://b.example/</uri></author>"
            )
            + _entry("<title>c</title><id>urn:c</id><author></author>")
        ),
        fast=True,
    )
    add(
        "atom10 content before summary",
        _atom(
            _entry(
                "<title>cs</title><id>urn:cs</id><content type='html'>&lt;p&gt;Body&lt;/p&gt;"
                "</content><summary>Sum</summary>"
            )
        ),
        fast=True,
    )
    add(
        "atom10 source and rights",
        _atom(
            _entry(
                "<title>s</title><id>urn:s</id><rights>CC</rights>"
                "<source><id>urn:other</id><title>Other</title>"
                "<link href='https://other.example/'/><updated>2020-01-01T00:00:00Z</updated>"
                "<author><name>O</name></author></source>"
            )
        ),
        fast=True,
    )
    add(
        "atom10 feed xml:lang",
        _atom(_entry("<title>l</title><id>urn:l</id>"), attributes='xml:lang="nl"'),
        fast=True,
    )
    add(
        "atom03",
        '<?xml version="1.0" encoding="utf-8"?>\n<feed version="0.3" '
        'xmlns="http://purl.org/atom/ns#"><title>Old atom</title>'
        '<link rel="alternate" type="text/html" href="https://old.example/"/>'
        "<modified>2005-01-01T00:00:00Z</modified><entry><title>Old entry</title>"
        '<link rel="alternate" type="text/html" href="https://old.example/1"/>'
        "<id>tag:old.example,2005:1</id><issued>2005-01-01T00:00:00Z</issued>"
        "<modified>2005-01-02T00:00:00Z</modified>"
        '<content type="text/html" mode="escaped">&lt;p&gt;Hi&lt;/p&gt;</content>'
        "</entry></feed>",
        fast=False,
    )
    add(
        "atom10 base64 content",
        _atom(
            _entry(
                "<title>b64</title><id>urn:b</id>"
                "<content type='application/octet-stream'>aGVsbG8=</content>"
            )
        ),
        fast=False,
    )
    add(
        "atom10 out of line content",
        _atom(
            _entry(
                "<title>src</title><id>urn:s</id>"
                "<content type='text/html' src='https://example.org/c.html'/>"
            )
        ),
        fast=False,
    )

    # -- encodings ----------------------------------------------------------------------------
    french = "D\u00e9j\u00e0 vu \u00e0 l'h\u00f4tel \u2013 cr\u00e8me br\u00fbl\u00e9e"
    latin = _rss(_item(f"<title>{french.replace(chr(0x2013), '-')}</title><guid>f</guid>"))
    cases.append(
        Case(
            "latin-1 declared",
            latin.replace('encoding="utf-8"', 'encoding="ISO-8859-1"').encode("latin-1"),
            True,
        )
    )
    cases.append(
        Case("latin-1 undeclared", latin.replace(' encoding="utf-8"', "").encode("latin-1"), True)
    )
    cases.append(
        Case(
            "windows-1252 from http header",
            latin.replace(' encoding="utf-8"', "").encode("cp1252"),
            True,
            headers={"Content-Type": "application/rss+xml; charset=windows-1252"},
        )
    )
    utf8 = _rss(_item(f"<title>{french}</title><guid>f</guid>"))
    cases.append(Case("utf-8 with bom", codecs.BOM_UTF8 + utf8.encode(), True))
    cases.append(
        Case(
            "utf-16 with bom",
            utf8.replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16"),
            True,
        )
    )
    russian = "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440"
    cases.append(
        Case(
            "windows-1251 declared",
            _rss(_item(f"<title>{russian}</title><guid>r</guid>"))
            .replace('encoding="utf-8"', 'encoding="windows-1251"')
            .encode("cp1251"),
            True,
        )
    )
    return cases


CASES = _cases()
