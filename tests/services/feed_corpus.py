"""Small feeds of every shape Folio reads, for the differential test of the two feed readers:
the RSS documents of :mod:`tests.services.feed_corpus_rss`, and RSS 1.0, Atom and encodings here.
"""

from __future__ import annotations

import codecs

from tests.services.feed_corpus_rss import rss_cases
from tests.services.feed_documents import BODY, URL, Case, Cases, atom, entry, item, rss

__all__ = ["CASES", "URL", "Case"]


def _other_cases() -> list[Case]:
    cases = Cases()
    add = cases.add

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
        rss(
            item("<title>x</title><guid>x</guid>"),
            channel="<image><url>/logo.png</url><title>Logo <b>bold</b></title></image>",
        ),
        fast=False,
    )
    rdf_head = (
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-'
        'ns#" xmlns="http://purl.org/rss/1.0/">\n'
    )
    rdf_channel = (
        '<channel rdf:about="https://rdf.example/"><title>RDF site</title>'
        "<link>https://rdf.example/</link><description>d</description></channel>\n"
    )
    rdf_item = (
        '<item rdf:about="https://rdf.example/1"><title>Un</title>'
        "<link>https://rdf.example/1</link></item>\n"
    )
    # feedparser drops a title no deeper than the last one it read: an item's, an image's or a
    # text input's title before the channel hides the channel's.
    for name, body in (
        ("rdf item before the channel", rdf_item + rdf_channel),
        (
            "rdf image before the channel",
            '<image rdf:about="https://rdf.example/i.png"><title>Logo</title>'
            "<url>https://rdf.example/i.png</url></image>" + rdf_channel + rdf_item,
        ),
        (
            "rdf untitled item before the channel",
            '<item rdf:about="https://rdf.example/0"><link>https://rdf.example/0</link></item>'
            + rdf_channel
            + rdf_item,
        ),
    ):
        add(name, rdf_head + body + "</rdf:RDF>", fast=True)
    add(
        "rss20 text input and image before the title",
        rss(item("<title>x</title><guid>x</guid>")).replace(
            "<title>Example blog</title>",
            "<textInput><title>Search</title><name>q</name></textInput>"
            "<image><url>/i.png</url><title>Logo</title></image><title>Example blog</title>",
        ),
        fast=True,
    )
    add(
        "atom10 feed title after entries with sources",
        atom(entry("<title>e</title><id>urn:e</id><source><title>S</title></source>")).replace(
            "<title>Atom example</title>\n", ""
        )
        + "",
        fast=True,
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
        atom(
            entry(
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
            + entry(
                "<title type='html'>Two &lt;em&gt;emph&lt;/em&gt;</title><id>urn:2</id>"
                "<link href='https://example.org/two'/><updated>2025-04-02T00:00:00Z</updated>"
                "<content type='text'>Plain text &lt;body&gt;\n\nsecond para</content>"
            )
            + entry(
                "<title>Only summary</title><id>urn:3</id>"
                "<summary type='html'>&lt;p&gt;html summary&lt;/p&gt;</summary>"
            )
            + entry("<title>Duplicate</title><id>tag:example.org,2025:1</id>")
        ),
        fast=True,
    )
    add(
        "atom10 xml:base",
        atom(
            entry(
                "<title>Based</title><id>urn:b</id><link href='one.html'/>"
                "<content type='html'>&lt;a href='rel.html'&gt;r&lt;/a&gt;</content>"
            ).replace("<entry>", '<entry xml:base="https://atom.example/posts/">')
            + entry("<title>Root based</title><id>urn:c</id><link href='two.html'/>"),
            attributes='xml:base="https://atom.example/base/"',
            feed="<icon>/favicon.png</icon><logo>logo.png</logo><subtitle>Sub</subtitle>",
        ),
        fast=True,
    )
    add(
        "atom10 xhtml content",
        atom(
            entry(
                "<title>X</title><id>urn:x</id><content type='xhtml'>"
                "<div xmlns='http://www.w3.org/1999/xhtml'><p>Hi<br/>there</p></div></content>"
            )
        ),
        fast=False,
    )
    add(
        "atom10 enclosure links",
        atom(
            entry(
                "<title>Pod</title><id>urn:p</id><link href='https://example.org/p'/>"
                '<link rel="enclosure" type="audio/mpeg" length="100" href="/p.mp3"/>'
                '<link rel="enclosure" type="image/jpeg" href="https://example.org/p.jpg"/>'
            )
        ),
        fast=True,
    )
    add(
        "atom10 no alternate link",
        atom(
            entry("<title>No link</title><id>urn:uuid:1234</id><link rel='self' href='/s'/>")
            + entry("<title>Web id</title><id>https://example.org/id/2</id>")
        ),
        fast=True,
    )
    add(
        "atom10 authors",
        atom(
            entry("<title>a</title><id>urn:a</id><author><email>e@example.org</email></author>")
            + entry(
                "<title>b</title><id>urn:b</id><author><name>B</name>"
                "<uri>https://b.example/</uri></author>"
            )
            + entry(
                "<title>c</title><id>urn:c</id><author><name>C1</name></author>"
                "<author><name>C2</name></author>"
            )
        ),
        fast=False,
    )
    add(
        "atom10 single authors",
        atom(
            entry("<title>a</title><id>urn:a</id><author><email>e@example.org</email></author>")
            + entry(
                "<title>b</title><id>urn:b</id><author><name>B</name>"
                "<uri>https://b.example/</uri></author>"
            )
            + entry("<title>c</title><id>urn:c</id><author></author>")
        ),
        fast=True,
    )
    add(
        "atom10 content before summary",
        atom(
            entry(
                "<title>cs</title><id>urn:cs</id><content type='html'>&lt;p&gt;Body&lt;/p&gt;"
                "</content><summary>Sum</summary>"
            )
        ),
        fast=True,
    )
    add(
        "atom10 source and rights",
        atom(
            entry(
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
        atom(entry("<title>l</title><id>urn:l</id>"), attributes='xml:lang="nl"'),
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
        atom(
            entry(
                "<title>b64</title><id>urn:b</id>"
                "<content type='application/octet-stream'>aGVsbG8=</content>"
            )
        ),
        fast=False,
    )
    add(
        "atom10 out of line content",
        atom(
            entry(
                "<title>src</title><id>urn:s</id>"
                "<content type='text/html' src='https://example.org/c.html'/>"
            )
        ),
        fast=False,
    )

    # -- encodings ----------------------------------------------------------------------------
    french = "D\u00e9j\u00e0 vu \u00e0 l'h\u00f4tel \u2013 cr\u00e8me br\u00fbl\u00e9e"
    latin = rss(item(f"<title>{french.replace(chr(0x2013), '-')}</title><guid>f</guid>"))
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
    utf8 = rss(item(f"<title>{french}</title><guid>f</guid>"))
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
            rss(item(f"<title>{russian}</title><guid>r</guid>"))
            .replace('encoding="utf-8"', 'encoding="windows-1251"')
            .encode("cp1251"),
            True,
        )
    )
    return cases


CASES = rss_cases() + _other_cases()
