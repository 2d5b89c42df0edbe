"""Article extraction from a web page: the article's own title, author, date and body.

No single library gets all of it right, so the parts are chosen by agreement:

- the body (:mod:`.body`): trafilatura's article, unless readability-lxml found clearly more
  of it, or trafilatura's recall setting found the same article and half as much again (an
  article split over several containers); paragraphs the recall setting found between the
  article's own are put back. Blocks at either edge that neither readability nor
  trafilatura's precision setting took are dropped (a kicker, a "read this next" list, a
  sign-up form), and so is a second copy of the article printed for another layout. When
  nothing gives enough text, the whole sanitized page body is kept, and the notes say so.
- the title (:mod:`.title`): the page's ``<h1>`` when a meta title (og:title, JSON-LD
  headline, ``<title>``) agrees with it, else the meta title with the site's name cut off.
- the date (:mod:`.dates`): the one shown under the headline, then the URL, the meta
  ``published`` fields, ``<time>`` elements, htmldate and JSON-LD.

:mod:`.facts` parses the page and reads what it states about itself; :mod:`.page` puts the
parts together.
"""

from __future__ import annotations

from reader.services.extract.dates import PageDate, find_date, parse_date
from reader.services.extract.facts import (
    PageFacts,
    find_page_url,
    open_folds,
    page_facts,
    parse_html,
)
from reader.services.extract.markup import restore_markup
from reader.services.extract.page import extract_html, extract_page
from reader.services.extract.title import choose_title, site_name, strip_site_name

__all__ = [
    "PageDate",
    "PageFacts",
    "choose_title",
    "extract_html",
    "extract_page",
    "find_date",
    "find_page_url",
    "open_folds",
    "page_facts",
    "parse_date",
    "parse_html",
    "restore_markup",
    "site_name",
    "strip_site_name",
]
