"""RSS 2.0, 0.92 and 0.91 documents of the differential test (dates in Atom too)."""

from __future__ import annotations

from tests.services.feed_documents import BODY, Case, Cases, atom, entry, item, rss


def rss_cases() -> list[Case]:
    cases = Cases()
    add = cases.add

    # -- RSS 2.0 and its elders -------------------------------------------------------------
    add(
        "rss20 wordpress",
        rss(
            item(
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
        rss(
            item(
                "<title>Order</title><link>https://example.org/o</link>"
                f"<content:encoded><![CDATA[{BODY}]]></content:encoded>"
                "<description>Short</description>"
            )
        ),
        fast=True,
    )
    add(
        "rss20 description only, escaped html",
        rss(
            item(
                "<title>Escaped</title><link>/relative/post</link>"
                "<description>&lt;p&gt;Escaped &amp;amp; <![CDATA[<b>mixed</b>]]>&lt;/p&gt;"
                "</description>"
            )
        ),
        fast=True,
    )
    add(
        "rss20 guid is the link",
        rss(
            item("<title>Permalink</title><guid>https://example.org/p/1</guid>")
            + item("<title>Relative permalink</title><guid>p/2</guid>")
            + item('<title>Not a link</title><guid isPermaLink="false">tag-3</guid>')
            + item(
                "<title>Link then guid</title><link>https://example.org/4</link>"
                "<guid>https://example.org/guid/4</guid>"
            )
            + item("<guid>https://example.org/5</guid><link>https://example.org/five</link>")
        ),
        fast=True,
    )
    add(
        "rss20 missing guid, link, title",
        rss(
            item("<description>Only words, no title or link or guid</description>")
            + item("<title>Only a title</title>")
            + item("<link>https://example.org/only-link</link>")
        ),
        fast=True,
    )
    add(
        "rss20 entities in titles",
        rss(
            item(
                "<title>AT&amp;T &amp; &lt;b&gt;bold&lt;/b&gt; &#8220;quoted&#8221; caf\u00e9"
                "</title><link>https://example.org/e?a=1&amp;b=2</link>"
            )
            + item("<title><![CDATA[Tom & Jerry <3 > 2]]></title><guid>x1</guid>")
            + item("<title>  spaced\n\t title  </title><guid>x2</guid>")
        ),
        fast=True,
    )
    add(
        "rss20 authors",
        rss(
            item("<title>a</title><guid>a</guid><author>bob@example.com (Bob Builder)</author>")
            + item("<title>b</title><guid>b</guid><author>bob@example.com</author>")
            + item("<title>c</title><guid>c</guid><author>Carol &lt;c@example.com&gt;</author>")
            + item("<title>d</title><guid>d</guid><itunes:author>Dan</itunes:author>")
            + item("<title>e</title><guid>e</guid><author>Eve (eve@example.com)</author>")
            + item("<title>f</title><guid>f</guid><author>  </author>")
        ),
        fast=True,
    )
    add(
        "rss20 two authors",
        rss(
            item(
                "<title>e</title><guid>e</guid><dc:creator>Eve</dc:creator>"
                "<author>eve@example.com</author>"
            )
        ),
        fast=False,
    )
    add(
        "rss20 enclosures and media",
        rss(
            item(
                "<title>Episode</title><guid>ep1</guid>"
                '<enclosure url="https://example.org/ep1.mp3" length="12345" type="Audio/MPEG"/>'
                '<enclosure url="/ep1.ogg" length="x" type="audio/ogg"/>'
                '<enclosure url="https://example.org/ep1.mp3" length="1" type="audio/mpeg"/>'
                '<media:thumbnail url="thumbs/1.jpg" width="100"/>'
                '<media:content url="https://example.org/v.mp4" medium="video"/>'
            )
            + item(
                "<title>Picture</title><guid>pic</guid>"
                '<media:group><media:content url="https://example.org/big.jpg" type="image/jpeg"/>'
                '<media:content url="https://example.org/small.jpg" type="image/jpeg"/>'
                "</media:group>"
            )
            + item(
                "<title>Image enclosure</title><guid>ie</guid>"
                '<enclosure url="https://example.org/i.png" type="image/png" length="10"/>'
            )
        ),
        fast=True,
    )
    add(
        "rss20 categories with domains",
        rss(
            item(
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
            rss(
                "".join(
                    item(f"<title>d{n}</title><guid>d{n}</guid><pubDate>{date}</pubDate>")
                    for n, date in enumerate(dates)
                )
            ),
            fast=fast,
        )
        add(
            f"atom10 dates {dates[0] if len(dates) == 1 else 'usual'}",
            atom(
                "".join(
                    entry(f"<title>d{n}</title><id>urn:d{n}</id><updated>{date}</updated>")
                    for n, date in enumerate(dates)
                )
            ),
            fast=fast,
        )
    add(
        "rss20 plain dates",
        rss(
            item(
                "<title>a</title><guid>a</guid><pubDate>Mon, 02 Jun 2025 10:00:00 +0100"
                "</pubDate><dc:date>2025-06-03T00:00:00Z</dc:date>"
            )
            + item("<title>b</title><guid>b</guid><dc:date>2025-05-03T00:00:00+01:00</dc:date>")
            + item("<title>c</title><guid>c</guid><pubDate></pubDate>")
        ),
        fast=True,
    )
    add(
        "rss20 itunes podcast",
        rss(
            item(
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
        rss(
            item(
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
            + item(
                "<title>Ep 4</title><guid>ep4</guid><itunes:summary>Only a summary</itunes:summary>"
            )
            + item(
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
        rss(
            item(
                "<title>3</title><guid>3</guid><description>a</description>"
                "<itunes:summary>b</itunes:summary><media:description>c</media:description>"
            )
        ),
        fast=False,
    )
    add(
        "rss20 summary as content that looks like html",
        rss(
            item(
                "<title>h</title><guid>h</guid><description>a</description>"
                "<itunes:summary>x &amp;amp; y</itunes:summary>"
            )
        ),
        fast=False,
    )
    add(
        "rss20 media titles",
        rss(
            item("<guid>m1</guid><media:title>Only media</media:title>")
            + item("<guid>m2</guid><media:title>Media first</media:title><title>Core</title>")
            + item(
                "<guid>m3</guid><title>Core first</title><media:group>"
                "<media:title>Deeper</media:title></media:group>"
            )
        ),
        fast=True,
    )
    add(
        "rss20 empty title beside a media title",
        rss(item("<guid>m</guid><title></title><media:title>Media</media:title>")),
        fast=False,
    )
    add(
        "atom10 youtube",
        atom(
            entry(
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
        rss(
            item("<title>x</title><guid>x</guid>"),
            channel="<image><url>/logo.png</url><title>Logo</title>"
            "<link>https://example.org/</link></image>",
        ),
        fast=True,
    )
    add(
        "rss20 itunes image channel",
        rss(
            item("<title>x</title><guid>x</guid>"),
            channel='<itunes:image href="https://example.org/cover.jpg"/>',
        ),
        fast=True,
    )
    add(
        "rss 0.91",
        rss(item("<title>Old</title><link>http://old.example/1</link>"), version="0.91"),
        fast=True,
    )
    add("rss 0.92", rss(item("<description>Only</description>"), version="0.92"), fast=True)
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
        rss(
            item(
                "<title>Based</title><link>post.html</link>"
                '<description xml:base="https://cdn.example/assets/">'
                "&lt;img src='x.png'&gt;&lt;a href='y.html'&gt;y&lt;/a&gt;</description>"
            ).replace("<item>", '<item xml:base="https://example.org/sub/dir/">'),
        ),
        fast=True,
    )
    add(
        "rss20 language from header",
        rss(item("<title>Sprache</title><guid>s</guid>")).replace(
            "<description>Notes &amp; links</description>", "<description>x</description>"
        ),
        fast=True,
        headers={"Content-Language": "de-DE"},
    )
    add(
        "rss20 xml:lang on root",
        rss(item("<title>Langue</title><guid>l</guid>")).replace(
            '<rss version="2.0"', '<rss version="2.0" xml:lang="fr_FR"'
        ),
        fast=True,
    )
    add(
        "rss20 item language",
        rss(item("<title>Item lang</title><guid>l</guid><dc:language>pt-BR</dc:language>")),
        fast=True,
    )
    add(
        "rss20 atom link in item",
        rss(
            item(
                '<title>Atom link</title><atom:link href="/alt" rel="alternate"/>'
                '<atom:link href="/self" rel="self"/>'
            )
        ),
        fast=True,
    )
    add(
        "rss20 unknown namespace",
        rss(
            item(
                "<title>Ext</title><guid>e</guid><ex:rating>5</ex:rating>"
                "<ex:box><ex:inner>x</ex:inner></ex:box>"
            ),
            namespaces='xmlns:ex="https://ext.example/ns"',
        ),
        fast=True,
    )
    add(
        "rss20 unknown namespace hiding a title",
        rss(
            item("<title>Ext</title><guid>e</guid><ex:box><title>Inner</title></ex:box>"),
            namespaces='xmlns:ex="https://ext.example/ns"',
        ),
        fast=False,
    )
    add(
        "rss20 known prefix on another namespace",
        rss(
            item("<title>Fake</title><guid>f</guid><mediax:title>Other</mediax:title>"),
            namespaces='xmlns:mediax="https://ext.example/media"',
        )
        .replace("mediax", "media")
        .replace('xmlns:media="http://search.yahoo.com/mrss/" ', ""),
        fast=False,
    )
    add(
        "rss20 dc prefix renamed",
        rss(
            item("<title>Renamed</title><guid>r</guid><d:creator>Dee</d:creator>"),
            namespaces='xmlns:d="http://purl.org/dc/elements/1.1/"',
        ),
        fast=True,
    )
    add(
        "rss20 media title and description",
        rss(
            item(
                "<media:title>Media title</media:title><guid>m</guid>"
                "<media:description>Media words</media:description>"
            )
        ),
        fast=True,
    )
    add(
        "rss20 two descriptions",
        rss(item("<title>Two</title><description>one</description><description>two</description>")),
        fast=True,
    )
    add(
        "rss20 markup in description",
        rss(item("<title>Raw</title><description><p>not escaped</p></description>")),
        fast=False,
    )
    add(
        "rss20 html entity not in xml",
        rss(item("<title>Caf&eacute; &nbsp;</title><guid>h</guid>")),
        fast=False,
    )
    add(
        "rss20 not well formed",
        rss(item("<title>Broken & bad</title><guid>b</guid>")),
        fast=False,
    )
    add(
        "rss20 mojibake and c1",
        rss(
            item(
                "<title>caf\u00c3\u00a9 \u0080uro \u0093quoted\u0094</title><guid>m</guid>"
                "<description>\u00c3\u00bcber</description>"
            )
        ),
        fast=True,
    )
    add(
        "rss20 summary element guessed as html",
        rss(item("<title>S</title><guid>s</guid><summary>a &amp;amp; &lt;/b&gt;</summary>")),
        fast=False,
    )
    add(
        "rss20 comments in text",
        rss(
            item(
                "<title>Com<!-- hidden -->ment</title><guid>c</guid>"
                "<description>a<!-- x -->b</description>"
            )
        ),
        fast=True,
    )
    add(
        "rss20 source",
        rss(
            item(
                '<title>Src</title><guid>s</guid><source url="https://o.example/rss">Other</source>'
            )
        ),
        fast=True,
    )
    add(
        "rss20 channel itunes summary before description",
        rss(item("<title>x</title><guid>x</guid>")).replace(
            "<description>Notes &amp; links</description>",
            "<itunes:summary>Sum</itunes:summary><description>Desc</description>",
        ),
        fast=False,
    )
    add(
        "rss20 channel textinput",
        rss(
            item("<title>x</title><guid>x</guid>"),
            channel="<textInput><title>Search</title><description>d</description>"
            "<name>q</name><link>https://example.org/s</link></textInput>",
        ),
        fast=True,
    )
    add(
        "rss20 link with spaces and entity-like query",
        rss(item("<title>L</title><link>\n  https://example.org/q?a=1&amp;b;=2  \n</link>")),
        fast=True,
    )
    add(
        "rss20 empty link after guid",
        rss(item("<title>E</title><guid>https://example.org/g</guid><link></link>")),
        fast=True,
    )
    add(
        "rss20 javascript link",
        rss(item("<title>J</title><link>javascript:alert(1)</link><guid>j</guid>")),
        fast=True,
    )
    return cases
