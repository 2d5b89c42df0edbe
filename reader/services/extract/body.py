"""The article's body: the extractors' versions of it, chosen by agreement, and the edits
that take out what surrounds an article inside its container (kickers, teaser lists, a second
copy, buttons) and put back what the chosen version left out."""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass

import lxml.html
from lxml import etree

from reader.services.extract.facts import WORD, clean, words_of
from reader.services.extract.markup import RESTORED, PageText, keep_inline_code, restore_markup
from reader.services.sanitize import html_to_text, sanitize_html

log = logging.getLogger(__name__)


# -- the article body ------------------------------------------------------------------------------

# Below this many words an extraction is "too little" and the next method is tried.
MIN_WORDS = 40
# readability's version wins when its text not found in trafilatura's is at least this share
# of trafilatura's and reads as prose (words per paragraph), not as a list of links.
_EXTRA_SHARE = 0.2
_PROSE_WORDS = 8
# ... or, whatever it adds, when it also holds this share of trafilatura's article.
_SAME_ARTICLE = 0.8


@dataclass(frozen=True, slots=True)
class Body:
    html: str
    text: str
    method: str
    words: int


def body_from(html: str, method: str, base_url: str | None) -> Body:
    clean = sanitize_html(html, base_url)
    text = html_to_text(clean)
    return Body(clean, text, method, len(WORD.findall(text)))


def run_trafilatura(
    tree: lxml.html.HtmlElement,
    url: str | None,
    page: PageText,
    *,
    favor: str | None = None,
) -> Body | None:
    """trafilatura's article, on the page's tree (which it copies), its markup given back
    from the page (``page``: the page's laid-out text)."""
    import trafilatura
    from trafilatura.htmlprocessing import convert_to_html

    try:
        # Asking trafilatura for links, images or formatting changes which parts it takes
        # for the article (for the worse, on the dev set); they are put back afterwards from
        # the page itself. Its metadata is not asked for either: the page's own is read
        # apart, and only as much of it as is needed.
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=False,
            include_comments=False,
            include_tables=True,
            favor_precision=favor == "precision",
            favor_recall=favor == "recall",
        )
    except Exception:
        # trafilatura raises assorted errors on odd markup; the other methods still run.
        log.warning("trafilatura failed on %s", url or "a page", exc_info=True)
        return None
    if not isinstance(document, trafilatura.settings.Document) or document.body is None:
        return None
    mend_lists(document.body)
    mend_cells(document.body)
    inline = keep_inline_code(document.body)
    output = convert_to_html(document.body)
    for el in inline:
        el.tag = "code"
    html = restore_markup(etree.tostring(output, encoding="unicode"), tree, page)
    method = "trafilatura" if favor is None else f"trafilatura ({favor})"
    return body_from(html, method, url)


def mend_lists(body: etree._Element) -> None:
    """Keep ordered lists ordered: trafilatura's HTML output turns every list into ``<ul>``,
    which loses the numbers of a list of steps or a ranking."""
    for listing in body.iter("list"):
        if listing.get("rend") == "ol":
            listing.tag = "ol"
            listing.attrib.clear()


def mend_cells(body: etree._Element) -> None:
    """Put table cells trafilatura left outside any table (a spec table inside a list item)
    back into rows. An HTML parser drops such cells' tags, which glued "Resolution" and
    "Up to 2K" into one word. A header cell starts a row."""
    orphans = [cell for cell in body.iter("td", "th") if cell.getparent().tag not in ("row", "tr")]
    left = set(orphans)
    for cell in orphans:
        if cell not in left:
            continue
        run = [cell]
        following = cell.getnext()
        while following in left and not (run[-1].tail or "").strip():
            run.append(following)
            following = following.getnext()
        left.difference_update(run)
        table = etree.Element("table")
        cell.addprevious(table)
        row: etree._Element | None = None
        for member in run:
            if row is None or member.tag == "th":
                row = etree.SubElement(table, "row")
            if member.tag == "th":
                member.set("role", "head")
            member.tag = "cell"
            table.tail, member.tail = member.tail, None
            row.append(member)


def run_readability(tree: lxml.html.HtmlElement, url: str | None) -> Body | None:
    from readability import Document

    try:
        # readability rewrites the tree it is given.
        summary = Document(deepcopy(tree), url=url).summary(html_partial=True)
    except Exception:
        log.warning("readability failed on %s", url or "a page", exc_info=True)
        return None
    return body_from(summary, "readability", url)


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = words_of(text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)))


def _extra_prose(text: str, other: str) -> tuple[int, float]:
    """Words in paragraphs of ``text`` that ``other`` mostly lacks, and their mean length."""
    known = set(shingles(other))
    words: list[int] = []
    for paragraph in text.split("\n"):
        grams = shingles(paragraph)
        if not grams or not any(grams):
            continue
        shared = sum(1 for g in grams if g in known) / len(grams)
        if shared < 0.5:
            words.append(len(WORD.findall(paragraph)))
    if not words:
        return 0, 0.0
    return sum(words), sum(words) / len(words)


def choose_body(main: Body | None, other: Body | None) -> tuple[Body | None, str | None]:
    """trafilatura's article, unless readability found clearly more of the article."""
    if other is None or other.words == 0:
        return main, None
    if main is None or main.words == 0:
        return other, "trafilatura found no article; used readability's"
    extra_words, extra_mean = _extra_prose(other.text, main.text)
    if extra_words > _EXTRA_SHARE * main.words and (
        extra_mean >= _PROSE_WORDS or _contained(main.text, other.text) >= _SAME_ARTICLE
    ):
        # readability holds clearly more: more prose, or the same article and then some.
        return other, None
    return main, None


def _contained(text: str, other: str) -> float:
    """The share of ``text``'s word 4-grams that ``other`` holds too."""
    grams = shingles(text)
    total = sum(grams.values())
    if not total:
        return 0.0
    known = shingles(other)
    return sum(min(count, known.get(gram, 0)) for gram, count in grams.items()) / total


# trafilatura's recall setting replaces the chosen article when it holds this many times its
# words and nearly all of it: the same article, which the other settings cut short.
_RECALL_GROWTH = 1.5
# Edges are trimmed only when readability holds more than this share of the article (it can then
# vouch for where the article starts and ends).
_WITNESSED = 0.5
# A repeated stretch of the article (pages that print it twice, for a print or mobile view) is
# dropped from this many blocks and words on.
_REPEAT_BLOCKS = 3
_REPEAT_WORDS = 100
_REPEAT_CANDIDATES = 16

_BLOCKS = frozenset((*RESTORED, "div", "section", "article", "figure", "table", "tr", "ul", "ol",
                     "dl", "header", "footer", "aside", "main"))  # fmt: skip


def prefer_recall(body: Body | None, recall: Body | None) -> Body | None:
    """trafilatura's recall setting, when it finds the same article and much more of it (an
    article split over several containers, of which the other settings keep the first)."""
    if recall is None or recall.words == 0:
        return body
    if body is None or body.words == 0:
        return recall
    if recall.words >= _RECALL_GROWTH * body.words and _contained(body.text, recall.text) >= (
        _SAME_ARTICLE
    ):
        return recall
    return body


# A paragraph trafilatura's recall setting found inside the article, between two of its
# paragraphs, is put back when it has at least this many words (prose, not a button).
_HOLE_WORDS = 8
_ITEMS = frozenset(("li", "dt", "dd", "td", "th", "tr"))
_CONTAINERS = frozenset(("ul", "ol", "dl", "tr", "tbody", "thead", "tfoot", "table"))


def fill_holes(body: Body, recall: Body) -> Body:
    """Put back the paragraphs trafilatura's recall setting found between paragraphs of the
    chosen article: a gap in the middle of an article is worse to read than a line of chrome,
    and the other settings leave such gaps around embeds and pull quotes."""
    try:
        source = lxml.html.fragment_fromstring(recall.html, create_parent="div")
    except (etree.ParserError, ValueError):
        return body
    found = _leaf_blocks(source)
    held = _Witness(body.text)
    inside = [held.holds(words) for _, words in found]
    if inside.count(True) < 2:
        return body

    def edit(root: etree._Element, cache: Words | None = None) -> bool:
        by_key: dict[str, etree._Element] = {}
        for el, words in _leaf_blocks(root, cache):
            by_key.setdefault(" ".join(words), el)
        first = inside.index(True)
        last = len(inside) - 1 - inside[::-1].index(True)
        anchor: etree._Element | None = None
        added = False
        for i in range(first, last + 1):
            el, words = found[i]
            if inside[i]:
                anchor = by_key.get(" ".join(words))
            elif anchor is not None and len(words) >= _HOLE_WORDS:
                copy = deepcopy(el)
                copy.tail = None
                # A paragraph goes after a list or table, not among its items or cells.
                while (
                    copy.tag not in _ITEMS
                    and anchor.getparent() is not None
                    and anchor.getparent() is not root
                    and anchor.getparent().tag in _CONTAINERS
                ):
                    anchor = anchor.getparent()
                anchor.addnext(copy)
                anchor = copy
                added = True
        return added

    return _edited(body, edit)


class _Witness:
    """Which blocks of text another extraction also holds."""

    def __init__(self, text: str) -> None:
        self._grams = set(shingles(text))
        self._joined = " " + " ".join(words_of(text)) + " "

    def holds(self, tokens: list[str]) -> bool:
        if len(tokens) < 4:
            return (" " + " ".join(tokens) + " ") in self._joined
        grams = [tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)]
        return sum(gram in self._grams for gram in grams) >= 0.5 * len(grams)


Words = dict[etree._Element, list[str]]


def _leaf_blocks(
    root: etree._Element, cache: Words | None = None
) -> list[tuple[etree._Element, list[str]]]:
    """The innermost block elements holding text, in reading order, with their words
    (read once per element when ``cache`` is shared between edits)."""
    blocks = [el for el in root.iter(*_BLOCKS) if el is not root]
    holders: set[etree._Element] = set()
    for el in blocks:
        for ancestor in el.iterancestors():
            if ancestor in holders:
                break
            holders.add(ancestor)
    found = []
    for el in blocks:
        if el in holders:
            continue
        words = cache.get(el) if cache is not None else None
        if words is None:
            words = words_of(el.text_content())
            if cache is not None:
                cache[el] = words
        if words:
            found.append((el, words))
    return found


def _remove_blocks(root: etree._Element, blocks: list[etree._Element]) -> None:
    for el in blocks:
        parent = el.getparent()
        el.drop_tree()
        # Containers left holding nothing (a list whose items all went) go too.
        while (
            parent is not None
            and parent is not root
            and not clean(parent.text_content())
            and next(parent.iter("img"), None) is None
        ):
            above = parent.getparent()
            parent.drop_tree()
            parent = above


def _edited(body: Body, edit: Callable[..., bool]) -> Body:
    """``body`` after ``edit(root, cache)`` changed its markup; ``edit`` returns whether it
    did."""
    if not body.html:
        return body
    try:
        root = lxml.html.fragment_fromstring(body.html, create_parent="div")
    except (etree.ParserError, ValueError):
        return body
    if not edit(root, {}):
        return body
    html = (root.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in root
    )
    text = html_to_text(html)
    words = len(WORD.findall(text))
    return Body(html, text, body.method, words) if words else body


# An edit of the article's markup: changes ``root`` and says whether it did; ``cache`` keeps
# the words of blocks read by an earlier edit of the same markup.
Edit = Callable[[etree._Element, Words | None], bool]


def _trim_edit(body: Body, readability: Body | None) -> Edit | None:
    if readability is None or _contained(body.text, readability.text) <= _WITNESSED:
        return None
    read = _Witness(readability.text)

    def edit(root: etree._Element, cache: Words | None = None) -> bool:
        blocks = _leaf_blocks(root, cache)
        held = [read.holds(words) for _, words in blocks]
        if True not in held:
            return False
        first = held.index(True)
        last = len(held) - 1 - held[::-1].index(True)
        doomed = [el for i, (el, _) in enumerate(blocks) if i < first or i > last]
        _remove_blocks(root, doomed)
        return bool(doomed)

    return edit


def trim_edges(body: Body, readability: Body | None) -> Body:
    """Drop what lies before and after the article at the edges of its container: a kicker,
    a "read this next" list, a sign-up form, an author's blurb. The article runs from the
    first to the last block readability took, when readability found the same article."""
    edit = _trim_edit(body, readability)
    return body if edit is None else _edited(body, edit)


def _repeats_edit(root: etree._Element, cache: Words | None = None) -> bool:
    blocks = _leaf_blocks(root, cache)
    keys = [" ".join(words) for _, words in blocks]
    where: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        where.setdefault(key, []).append(i)
    doomed: list[etree._Element] = []
    i = 0
    while i < len(keys):
        longest = 0
        earlier = where[keys[i]]
        # The last few copies of the block are enough to find where a repeat started, and
        # keep a page of a thousand identical lines from costing a thousand passes.
        before = bisect_left(earlier, i)
        for j in earlier[max(0, before - _REPEAT_CANDIDATES) : before]:
            n = 0
            while i + n < len(keys) and j + n < i and keys[j + n] == keys[i + n]:
                n += 1
            longest = max(longest, n)
        words = sum(len(blocks[i + k][1]) for k in range(longest))
        if longest >= _REPEAT_BLOCKS and words >= _REPEAT_WORDS:
            doomed.extend(el for el, _ in blocks[i : i + longest])
            i += longest
        else:
            i += 1
    _remove_blocks(root, doomed)
    return bool(doomed)


def drop_repeats(body: Body) -> Body:
    """Drop a stretch of the article that repeats an earlier one block for block (a page that
    holds the article twice, once for each layout). Single repeated blocks stay: articles
    repeat a line on purpose (a step of a recipe, a pull quote)."""
    return _edited(body, _repeats_edit)


# Whole blocks that are a control's label, not the article's words: buttons and links that
# trafilatura keeps when they sit inside the article's container.
_CONTROLS = frozenset((
    "advertisement", "advertisement continue reading below", "apply now", "back to top",
    "book now", "buy now", "check availability", "check price", "click here", "contact us",
    "continue reading", "copy link", "get a quote", "get started", "get the recipe",
    "jump to details", "jump to recipe", "learn more", "load more", "pin it", "print recipe",
    "read full review", "read more", "read review", "read reviews", "scroll to top", "see deal",
    "see details", "see more", "share", "share on facebook", "share on twitter", "share this",
    "share this article", "shop now", "show more", "sign up", "skip to content", "start course",
    "subscribe", "table of contents", "tweet", "view deal", "view details", "view in list",
    "view more", "where to buy",
))  # fmt: skip


def _controls_edit(root: etree._Element, cache: Words | None = None) -> bool:
    doomed = [el for el, words in _leaf_blocks(root, cache) if " ".join(words).lower() in _CONTROLS]
    _remove_blocks(root, doomed)
    return bool(doomed)


def drop_controls(body: Body) -> Body:
    """Drop blocks that only hold a button's or a link's label ("Read more", "Book now")."""
    return _edited(body, _controls_edit)


# The headline is looked for among the article's first few blocks; those above it may only
# be short ones (a kicker, a section label, a date).
_TITLE_BLOCKS = 4
_KICKER_WORDS = 8


def _leading_title_edit(title: str) -> Edit | None:
    wanted = words_of(title)
    if not wanted:
        return None

    def edit(root: etree._Element, cache: Words | None = None) -> bool:
        blocks = _leaf_blocks(root, cache)[:_TITLE_BLOCKS]
        last = None
        for index, (el, words) in enumerate(blocks):
            if words == wanted or (
                words[: len(wanted)] == wanted and el.tag in ("h1", "h2") and index == 0
            ):
                last = index  # printed twice (a heading for each layout): both go
            elif len(words) >= _KICKER_WORDS:
                break
        if last is None:
            return False
        _remove_blocks(root, [el for el, _ in blocks[: last + 1]])
        return True

    return edit


def tidy(body: Body, readability: Body | None, title: str) -> Body:
    """:func:`trim_edges`, :func:`drop_repeats`, :func:`drop_controls` and dropping the
    page's own copy of the headline at the top (the reading pane shows the title above the
    body), in one pass: the article's markup parsed and its text rendered once."""
    edits = [
        edit
        for edit in (
            _trim_edit(body, readability),
            _repeats_edit,
            _controls_edit,
            _leading_title_edit(title),
        )
        if edit is not None
    ]

    def edit_all(root: etree._Element, cache: Words | None = None) -> bool:
        # Every edit runs, whatever the others did.
        changed = [edit(root, cache) for edit in edits]
        return any(changed)

    return _edited(body, edit_all)


def whole_body(tree: lxml.html.HtmlElement, url: str | None) -> Body:
    body = tree.find("body")
    source = etree.tostring(body if body is not None else tree, encoding="unicode", method="html")
    return body_from(source, "body", url)


# trafilatura's article is doubted, and readability and trafilatura's recall setting asked for
# theirs, when the page holds this much text it left out (a share of its words), counted in
# blocks of at least this many words (sentences, not labels) ...
_LEFT_OUT_SHARE = 0.2
_LEFT_OUT_BLOCK = 12
# ... or when it is this short (a short article is often a part of a longer one).
_SHORT_ARTICLE = 400
_PAGE_BLOCKS = ("p", "li", "td", "th", "dd", "dt", "blockquote", "pre", "div", "section",
                "article", "h2", "h3", "h4", "figcaption")  # fmt: skip


def _page_leaf_blocks(body: etree._Element) -> list[etree._Element]:
    """The page's innermost blocks: those holding no other block."""
    blocks = list(body.iter(*_PAGE_BLOCKS))
    holders: set[etree._Element] = set()
    for el in blocks:
        for ancestor in el.iterancestors():
            if ancestor in holders:
                break
            holders.add(ancestor)
    return [el for el in blocks if el not in holders]


@dataclass(frozen=True, slots=True)
class Doubts:
    """Which second opinions an extraction needs."""

    readability: bool
    recall: bool


def doubts(tree: lxml.html.HtmlElement, main: Body | None) -> Doubts:
    """Whether trafilatura's article leaves room for doubt. Most pages are a plain article
    it gets whole; the other extractors (each as slow as trafilatura) run only for the rest:
    pages where it found little, or left out much of the page's running text."""
    if main is None or main.words < _SHORT_ARTICLE:
        return Doubts(readability=True, recall=True)
    held = _Witness(main.text)
    body = tree.find("body")
    left_out = 0
    for el in _page_leaf_blocks(body) if body is not None else ():
        text = el.text_content()
        if len(text.split()) < _LEFT_OUT_BLOCK:
            continue  # a label, a link: no need to read it word by word
        words = words_of(text)
        if len(words) >= _LEFT_OUT_BLOCK and not held.holds(words):
            left_out += len(words)
    doubt = left_out > _LEFT_OUT_SHARE * main.words
    return Doubts(readability=doubt, recall=doubt)
