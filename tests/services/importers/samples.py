"""One small file in every format Folio imports, written here after each format's public
description, with the odd cases each format allows (missing fields, dates as seconds or as
ISO 8601, tags as a list or as one text). Shared by the parser, detection and library tests."""

from __future__ import annotations

import io
import json
import zipfile


def zipped(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


WALLABAG_V1 = json.dumps(
    [
        {
            "0": "3",
            "1": "Features",
            "id": "3",
            "title": "Features",
            "url": "https://wb1.example/features/",
            "is_read": "0",
            "is_fav": "1",
            "content": "<p>Here are <b>some features</b>.</p>",
            "user_id": "1",
            "tags": "reading,Tools",
        },
        {
            "id": "10",
            "title": "Finished",
            "url": "https://wb1.example/finished",
            "is_read": 1,
            "is_fav": 0,
            "content": "<p>Read already.</p>",
            "tags": "",
        },
        # wallabag 1.x wrote this title when it could not fetch the page.
        {"id": "11", "title": "Untitled", "url": "https://wb1.example/failed", "is_read": "0"},
        {"id": "12", "title": "Nowhere", "url": "", "is_read": "0", "is_fav": "0"},
    ]
)

WALLABAG_V2 = json.dumps(
    [
        {
            "is_archived": 1,
            "is_starred": 0,
            "tags": ["news"],
            "title": "Walla",
            "url": "https://wb2.example/a",
            "content": "<p>Saved text</p>",
            "created_at": "2019-05-01T12:00:00+02:00",
            "annotations": [],
        }
    ]
)

OMNIVORE_JSON = json.dumps(
    [
        {
            "title": "Deep dive",
            "slug": "deep-dive-18c",
            "url": "https://omni.example/deep",
            "pageType": "ARTICLE",
            "createdAt": "2024-03-01T09:00:00.000Z",
            "savedAt": "2024-03-01T10:00:00.000Z",
            "updatedAt": "2024-03-02T10:00:00.000Z",
            "publishedAt": "2024-02-28T08:00:00.000Z",
            "isArchived": True,
            "readingProgressPercent": 40,
            "author": "Ann Writer",
            "image": "https://omni.example/deep.png",
            "description": "All about depth",
            "labels": [{"name": "Newsletter"}, {"name": "deep"}],
            "state": "ARCHIVED",
            "siteName": "Omni Weekly",
            "content": "<p>The key point is the <em>whole</em> article.</p>",
            "highlights": [
                {
                    "type": "HIGHLIGHT",
                    "quote": "The key point",
                    "annotation": "Agreed",
                    "color": "green",
                    "createdAt": "2024-03-01T11:00:00.000Z",
                },
                {"type": "HIGHLIGHT", "quote": "Not in the text", "annotation": None},
                {"type": "NOTE", "annotation": "Read again in spring"},
            ],
        },
        {
            "title": "Half read",
            "slug": "half",
            "url": "https://omni.example/half",
            "savedAt": "2024-03-05T10:00:00Z",
            "isArchived": False,
            "readingProgressPercent": 100,
            "labels": [],
            "state": "SUCCEEDED",
        },
        {
            "title": "Gone",
            "slug": "gone",
            "url": "https://omni.example/gone",
            "savedAt": "2024-03-06T10:00:00Z",
            "state": "DELETED",
        },
    ]
)

# The export as Omnivore's API answered it, before the scripts flattened it.
OMNIVORE_API = json.dumps(
    {
        "search": {
            "edges": [
                {
                    "node": {
                        "title": "From the API",
                        "slug": "api",
                        "url": "https://omni.example/api",
                        "savedAt": "2023-12-24T18:00:00.000Z",
                        "labels": [{"name": "api"}],
                        "state": "SUCCEEDED",
                        "quote": None,
                    },
                    "cursor": "1",
                }
            ]
        }
    }
)

DELICIOUS = json.dumps(
    [
        {
            "title": "basket.js",
            "tags": ["javascript", "loader", "localStorage"],
            "url": "https://dl.example/basket",
            "description": "A script loader that caches scripts",
            "created": "1358531607",
            "others": 9,
            "owner": "someone",
            "private": "0",
        },
        {
            "title": "Review",
            "tags": [""],
            "url": "https://dl.example/review",
            "description": "",
            "created": 1358457437,
            "owner": "someone",
            "private": "0",
        },
        {
            "title": "Tags as text",
            "tags": "osx mac spoof",
            "url": "https://dl.example/spoof",
            "created": "2013-01-17T12:29:56Z",
            "owner": "someone",
            "toread": "1",
        },
    ]
)

READABILITY = json.dumps(
    {
        "bookmarks": [
            {
                "article__excerpt": "An excerpt of the article",
                "favorite": True,
                "date_archived": "2016-08-02T21:14:03",
                "article__url": "https://rd.example/one",
                "date_added": "2016-07-30T10:20:30",
                "date_favorited": "2016-08-01T09:00:00",
                "article__title": "One",
                "archive": True,
            },
            {
                "article__excerpt": None,
                "favorite": False,
                "date_archived": None,
                "article__url": "https://rd.example/two",
                "date_added": "2015-01-02T03:04:05",
                "date_favorited": None,
                "article__title": "Two",
                "archive": False,
            },
            {"article__url": "", "article__title": "No address"},
        ],
        "recommendations": [],
    }
)

ELCURATOR = json.dumps(
    [
        {
            "created_at": "2015-09-09 11:10:32 UTC",
            "title": "Qualité de code",
            "url": "https://el.example/qualite",
            "description": "Worth a read for the hooks part",
            "tags": ["php", "Git"],
            "is_saved": True,
        },
        {
            "created_at": "2016-01-01 08:00:00 UTC",
            "title": "Unsaved",
            "url": "https://el.example/other",
            "description": None,
            "tags": [],
            "is_saved": False,
        },
    ]
)

FEEDBIN = json.dumps(
    [
        {
            "id": 2077,
            "title": "Objective-C Runtime Releases",
            "author": "Michael",
            "content": "<p>Apple has released the <a href='/x'>source</a>.</p>",
            "url": "https://fb.example/2013/02/runtime",
            "published": "2013-02-03T01:00:19.000000Z",
            "created_at": "2013-02-04T01:00:19.127893Z",
        },
        {
            "id": 2078,
            "title": None,
            "author": None,
            "content": None,
            "url": "https://fb.example/2013/02/untitled",
            "published": "2013-02-05T01:00:00.000000Z",
            "created_at": "2013-02-05T02:00:00.000000Z",
        },
    ]
)

READWISE_READER = (
    "Title,URL,Document tags,Saved date,Reading progress,Location,Seen\n"
    'Getting Started,https://rw.example/start,"[\'reader\', ""how-to\'s""]",'
    "2022-12-21 10:42:20.043000+00:00,1,archive,True\n"
    "Google Lens,https://rw.example/lens,,2022-12-07 07:43:11+00:00,0.5,shortlist,False\n"
    'Half done,https://rw.example/half,"ai, long read",2022-12-08 07:43:11+00:00,0.96,later,True\n'
    "In the inbox,https://rw.example/new,[],2022-12-09 07:43:11+00:00,0,new,False\n"
    "Nowhere,,,2022-12-09 07:43:11+00:00,0,new,False\n"
)

# Readwise's export of highlights: a row per highlight, articles named by title only.
READWISE_HIGHLIGHTS = (
    "Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,"
    "Highlighted at,Document tags\n"
    '"The first step is the hardest",Getting Started,Ann,,Start small,blue,favorite,offset,12,'
    '2023-01-05 14:22:13+00:00,"reader, how-to"\n'
    '"Point it at anything",Google Lens,,,,yellow,,offset,3,2023-01-06 09:00:00+00:00,\n'
    '"A second passage",Getting Started,Ann,,,pink,,offset,40,2023-01-05 14:25:00+00:00,\n'
)

# The layout Readwise imports (and Folio's --format readwise export writes): with addresses.
READWISE_IMPORT_LAYOUT = (
    "Highlight,Title,Author,URL,Note,Location,Date\n"
    '"Sun on the south wall",Gardens,Ann,https://rwh.example/gardens,Try it,1,2024-02-01 09:00\n'
    '"Worms do the work",Gardens,Ann,https://rwh.example/gardens,,2,2024-02-01 09:05\n'
)

RAINDROP_CSV = (
    "id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite\n"
    '1,Google,"My own note",Search engine,https://rain.example/g,Unsorted,"search, app",'
    "2021-08-26T12:15:25.000Z,https://rain.example/g.png,,false\n"
    "2,Yahoo,,,https://rain.example/y,Folder/Nested folder,Work,1629980125,,"
    '"Highlight:First quote\nNote:Why it matters\n\nHighlight:Second quote",true\n'
    "3,Broken,,,javascript:alert(1),Unsorted,,1629980125,,,false\n"
)

RAINDROP_HTML = """<!DOCTYPE NETSCAPE-Bookmark-file-1>
<!-- This is an automatically generated file.
     It will be read and overwritten.
     DO NOT EDIT! -->
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Raindrop.io Bookmarks</TITLE>
<H1>Raindrop.io Bookmarks</H1>
<DL><p>
<DT><H3 ADD_DATE="0" LAST_MODIFIED="0">Unsorted</H3>
<DL><p>
<DT><A HREF="https://rain.example/paul" ADD_DATE="1596669210" LAST_MODIFIED="1596669220" \
TAGS="Read Later,books,fun" DATA-COVER="https://rain.example/cover.jpg" \
DATA-IMPORTANT="true">89 books</A>
<DD>The most comprehensive list of recommendations.
</DL><p>
<DT><H3 ADD_DATE="1596669000" LAST_MODIFIED="1596669000">Cooking</H3>
<DL><p>
<DT><A HREF="https://rain.example/soup" ADD_DATE="1596669300" TAGS="">Soup</A>
</DL><p>
</DL><p>
"""

POCKET = (
    "title,url,time_added,tags,status\n"
    "First one,https://pk.example/one,1700000000,python|reading,unread\n"
)

INSTAPAPER = "URL,Title,Selection,Folder,Timestamp,Tags\nhttps://ip.example/1,One,,Unread,1,[]\n"

POCKET_HTML = (
    '<title>Pocket Export</title><h1>Unread</h1><ul><li><a href="https://ph.example/r"'
    ' time_added="1" tags="x">R</a></li></ul>'
)

NETSCAPE = """<!DOCTYPE NETSCAPE-Bookmark-file-1>
<TITLE>Bookmarks</TITLE>
<H1>Shaarli export of all bookmarks on Mon, 17 Jul 23 14:31:25 +0200</H1>
<DL><p>
<DT><A HREF="https://sh.example/firefox-os" ADD_DATE="1686813518" LAST_MODIFIED="1686813519" \
PRIVATE="1" TAGS="private secret">The Legacy of Firefox OS</A>
<DD>In the two years since Mozilla announced the end of Firefox OS.
<DT><A HREF="https://sh.example/eleventy" ADD_DATE="1683376565" PRIVATE="0" \
TAGS="eleventy,web dev, javascript">Template Filters</A>
<DT><A HREF="?Xk3fWw" ADD_DATE="1683376600" PRIVATE="1" TAGS="notes">Shopping</A>
<DD>Milk &amp; eggs.

Bread.
<DT><A HREF="/shaare/u7zQ1a" ADD_DATE="1683376700" TAGS="">A thought</A>
<DT><A HREF="place:sort=8">Recently bookmarked</A>
<DT><A HREF="about:blank">Blank</A>
</DL><p>
"""

PINBOARD = json.dumps(
    [{"href": "https://pb.example/", "description": "PB", "time": "2020-01-01T00:00:00Z"}]
)

FIREFOX = json.dumps(
    {
        "type": "text/x-moz-place-container",
        "root": "placesRoot",
        "children": [{"type": "text/x-moz-place", "uri": "https://ff.example/", "title": "F"}],
    }
)

CHROME = json.dumps(
    {
        "roots": {
            "bookmark_bar": {
                "type": "folder",
                "children": [{"type": "url", "url": "https://ch.example/", "name": "C"}],
            }
        }
    }
)

OMNIVORE_ZIP = zipped(
    {
        "metadata_0_to_1.json": json.dumps(
            [{"slug": "o", "title": "O", "url": "https://oz.example/o", "labels": ["l"]}]
        ),
        "content/o.html": "<p>Omnivore body text</p>",
    }
)

POCKET_ZIP = zipped({"part_000000.csv": POCKET})

# Several exports zipped together; Feedbin also mails its starred entries zipped.
BUNDLE = zipped(
    {
        "exports/starred.json": FEEDBIN,
        "exports/readwise.csv": READWISE_READER,
        "exports/notes.txt": "not an export",
        "exports/odd.json": '{"what": "no export"}',
        "__MACOSX/exports/._starred.json": "resource fork",
    }
)

# Every format Folio imports: {format: (file name, content)}.
SAMPLES: dict[str, tuple[str, str | bytes]] = {
    "wallabag-v1": ("wallabag-export.json", WALLABAG_V1),
    "wallabag": ("wallabag-export.json", WALLABAG_V2),
    "omnivore": ("omnivore_backup.json", OMNIVORE_JSON),
    "delicious": ("delicious_export.json", DELICIOUS),
    "readability": ("readability.json", READABILITY),
    "elcurator": ("elcurator.json", ELCURATOR),
    "feedbin": ("starred.json", FEEDBIN),
    "readwise-reader": ("Reader.csv", READWISE_READER),
    "readwise-highlights": ("readwise-data.csv", READWISE_HIGHLIGHTS),
    "raindrop": ("raindrop.csv", RAINDROP_CSV),
    "raindrop-html": ("raindrop.html", RAINDROP_HTML),
    "pocket": ("part_000000.csv", POCKET),
    "instapaper": ("instapaper-export.csv", INSTAPAPER),
    "pocket-html": ("ril_export.html", POCKET_HTML),
    "bookmarks": ("bookmarks.html", NETSCAPE),
    "pinboard": ("pinboard.json", PINBOARD),
    "firefox": ("bookmarks.json", FIREFOX),
    "chrome": ("Bookmarks", CHROME),
}

# Other shapes of one format, each to be recognised as that format only: {name: (format, content)}.
VARIANTS: dict[str, tuple[str, str]] = {
    "readwise import layout": ("readwise-highlights", READWISE_IMPORT_LAYOUT),
    "omnivore api answer": ("omnivore", OMNIVORE_API),
}

# Look-alikes Folio does not read: each must be refused, not taken for a format it resembles.
LOOKALIKES: dict[str, str] = {
    # A JSON Feed: items with url, content and dates, like Feedbin's entries, but an object.
    "json feed": json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "A feed",
            "items": [
                {
                    "id": "1",
                    "url": "https://jf.example/1",
                    "content_html": "<p>x</p>",
                    "date_published": "2020-01-01T00:00:00Z",
                }
            ],
        }
    ),
    # Readwise Reader's API answer: saved documents with tags and progress, like Omnivore's.
    "readwise json": json.dumps(
        [
            {
                "id": "01gwfvp9pyaabcdgmx14f6ha0",
                "url": "https://read.readwise.io/read/01gwfvp9pyaabcdgmx14f6ha0",
                "source_url": "https://rwj.example/article",
                "title": "An article",
                "author": "Someone",
                "category": "article",
                "location": "later",
                "tags": {},
                "created_at": "2023-03-26T21:02:51.618751+00:00",
                "updated_at": "2023-03-26T21:02:55.453827+00:00",
                "published_date": "2023-03-22",
                "reading_progress": 0,
                "saved_at": "2023-03-26T21:02:51.618751+00:00",
            }
        ]
    ),
    "plain list": json.dumps([{"url": "https://x.example/", "name": "just a link"}]),
}
