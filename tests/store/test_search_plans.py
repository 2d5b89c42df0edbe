"""Every way the planner may run a query finds what the straightforward plan finds.

The straightforward plan is worked out here in plain SQL and Python: every full-text match
with its bm25 score, every article passing the filters, intersected, then sorted by date or
ranked among the newest ``RANK_POOL`` matches. The planner's thresholds are lowered so that a
small library takes each of its paths (listing matches; walking in date order, in small
batches, widened or not, with snippets made after the check, falling back to listing after a
walk; listing the filter side, whatever share of the library it is guessed to be; a seek per
id, one read for all ids, id lists instead of byte maps; estimated sizes; a small ranking
pool; snippets made while ranking or after it), and each query kind of the search language
is run through each: ranked, newest and oldest first (paged with a cursor), counted, listed
whole and checked against given ids, with snippets.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reader.core.query import HIGHLIGHT_END, HIGHLIGHT_START, parse_query
from reader.core.types import PageCursor
from reader.library import Library
from reader.store import articles as store_articles
from reader.store import feeds as store_feeds
from reader.store import search as store_search
from reader.store import search_fts, search_plan
from reader.store.search_index import FTS_TABLE
from tests.factories import make_input

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)
COUNT = 400
_FILLER = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa", "lambda", "sigma",
    "omega", "river", "stone", "cloud", "market", "garden", "window", "bridge", "paper", "engine",
]  # fmt: skip


def _text(rng: random.Random, number: int) -> tuple[str, str]:
    words = rng.choices(_FILLER, k=rng.randint(6, 40))

    def plant(word: str) -> None:
        words.insert(rng.randrange(len(words) + 1), word)

    if rng.random() < 0.75:
        plant("common")
        if rng.random() < 0.3:
            plant("common")
    if rng.random() < 0.2:
        plant(rng.choice(["frequent", "frequently", "frequents"]))
    if number % 67 == 0:
        plant("rare")
    if rng.random() < 0.06:
        at = rng.randrange(len(words) + 1)
        words[at:at] = ["harbour", "lighthouse"]
    if rng.random() < 0.05:
        plant(rng.choice(["lighthouses", "lighthousekeeper"]))
    if rng.random() < 0.1:
        plant(rng.choice(["running", "runs", "runner"]))
    title = " ".join(rng.choices(_FILLER, k=3))
    if number % 9 == 0:
        title += " common"
    if number % 23 == 0:
        title += " frequent"
    return title.capitalize(), " ".join(words) + "."


@dataclass(frozen=True)
class Shared:
    library: Library
    path: Path


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shared]:
    """COUNT articles in three feeds (two folders, one inside the other) and saved by hand;
    dates mostly follow ids, but not all, and some are equal; words of every density."""
    path = tmp_path_factory.mktemp("plans") / "library.sqlite"
    library = Library(path, clock=lambda: NOW)
    library.search_timezone = UTC
    rng = random.Random(11)

    def write() -> None:
        news = store_feeds.ensure_folder("News")
        tech = store_feeds.ensure_folder("News/Tech")
        feeds = [
            store_feeds.add_feed("https://tech.example.com/feed", title="Tech Daily",
                                 folder_id=tech, now=NOW),
            store_feeds.add_feed("https://www.paper.example.org/rss", title="The Paper",
                                 folder_id=news, now=NOW),
            store_feeds.add_feed("https://blog.example.net/atom", title="A Blog", now=NOW),
        ]  # fmt: skip
        previous = NOW
        for number in range(1, COUNT + 1):
            if number % 17 == 0:
                published = previous  # the same date as the one before: ids break the tie
            elif number % 5 == 0:
                published = NOW - timedelta(days=rng.uniform(0, 900))
            else:
                published = NOW - timedelta(days=(COUNT - number) * 2, minutes=number)
            previous = published
            title, text = _text(rng, number)
            feed = feeds[number % 3] if number % 4 else None
            host = ["tech.example.com", "paper.example.org", "blog.example.net"][number % 3]
            language = "de" if number % 10 == 3 else (None if number % 10 == 7 else "en")
            if language == "de":
                text += " Die Partnerschaften wachsen."
            tags = []
            if number % 7 == 0:
                tags.append("spread")
            if number > COUNT - 40:
                tags.append("recent")
            if number % 31 == 0:
                tags.append("to read")
            item = make_input(
                title,
                text,
                url=f"https://{host}/{number}",
                published=published,
                author=["Anna Müller", "Ben Young", None][number % 3],
                language=language,
            )
            store_articles.insert_article(
                item,
                now=NOW,
                feed_id=feed,
                tags=tags,
                read=number % 2 == 1,
                starred=number % 11 == 0,
                archived=number % 13 == 0,
            )

    library.writer.run(write)
    try:
        yield Shared(library, path)
    finally:
        library.close()


QUERIES = [
    "common",
    "frequent",
    "frequently",
    "rare",
    '"harbour lighthouse"',
    "lighthouse*",
    "run",
    "common frequent",
    "rare OR frequent",
    "harbour OR lighthouse",
    "title:common",
    "title:common frequent",
    "author:muller common",
    'author:"Ben Young"',
    "common tag:spread",
    "common tag:recent is:unread",
    'common tag:"to read"',
    "frequent -tag:spread",
    "common feed:paper",
    "common folder:news",
    "common folder:tech is:unread",
    "common site:example.com",
    "common site:blog.example.net",
    "common lang:de",
    "partnerschaft",
    "common -lang:de",
    "common is:starred",
    "common is:archived",
    "common is:saved",
    "common is:read",
    "common after:2025-01-01",
    "common before:2024-06",
    "common after:60d is:unread",
    "common on:2025-06-14",
    "common -frequent",
    "common -rare",
    "common -harbour -title:frequent",
    "frequent -common",
    "-common",
    "-frequent is:unread",
    "tag:spread -common",
    "-common tag:recent",
    "-title:common",
    "rare OR tag:spread",
    "-common OR is:starred",
    "common rare OR frequent -lighthouse",
    "tag:spread is:unread",
    "is:unread after:30d",
]

PLANS: dict[str, list[tuple[object, str, object]]] = {
    "as chosen": [],
    "walk": [(search_plan, "LIST_MATCHES", 0), (search_plan, "_LIST_FACTOR", 0)],
    "walk, snippets after": [
        (search_plan, "LIST_MATCHES", 0),
        (search_plan, "_LIST_FACTOR", 0),
        (search_plan, "_SNIPPET_REACH", 0.3),
    ],
    "walk, batches never widened": [
        (search_plan, "LIST_MATCHES", 0),
        (search_plan, "_LIST_FACTOR", 0),
        (search_plan, "_WIDEN", 0),
        (search_plan, "_MIN_BATCH", 1),
        (search_plan, "_MAX_BATCH", 5),
    ],
    "walk, small batches": [
        (search_plan, "LIST_MATCHES", 0),
        (search_plan, "_LIST_FACTOR", 0),
        (search_plan, "_MIN_BATCH", 1),
        (search_plan, "_MAX_BATCH", 3),
    ],
    "walk, then list": [
        (search_plan, "LIST_MATCHES", 0),
        (search_plan, "_LIST_FACTOR", 0),
        (search_plan, "_MIN_BATCH", 1),
        (search_plan, "_MAX_BATCH", 2),
        (search_plan, "_WALK_LIMIT", 5),
    ],
    "filters lead": [
        (search_plan, "FEW", 70),
        (search_plan, "LIST_MATCHES", 0),
        (search_plan, "_LIST_FACTOR", 0),
    ],
    "filters lead, shares guessed from two ids": [
        (search_plan, "FEW", 70),
        (search_plan, "LIST_MATCHES", 0),
        (search_plan, "_LIST_FACTOR", 0),
        (search_plan, "_SHARE_SAMPLE", 2),
    ],
    "a seek per id": [
        (search_fts, "SEEK_COST", 0),
        (search_plan, "LIST_MATCHES", 0),
        (search_plan, "_LIST_FACTOR", 0),
    ],
    "one read": [
        (search_fts, "SEEK_COST", 10**9),
        (search_plan, "LIST_MATCHES", 0),
        (search_plan, "_LIST_FACTOR", 0),
    ],
    "id lists": [
        (search_fts, "MAX_BYTEMAP", 1),
        (search_plan, "FEW", 70),
        (search_plan, "LIST_MATCHES", 0),
        (search_plan, "_LIST_FACTOR", 0),
    ],
    "estimated sizes": [(search_fts, "SIZE_SAMPLE", 4)],
    "snippets while ranking": [(search_plan, "SNIPPET_COST", 0)],
    "snippets while ranking, filters lead": [
        (search_plan, "SNIPPET_COST", 0),
        (search_plan, "FEW", 70),
        (search_plan, "LIST_MATCHES", 0),
    ],
    "snippets after ranking": [(search_plan, "SNIPPETS_WHILE_RANKING", False)],
    "small pool": [
        (search_plan, "RANK_POOL", 15),
        (search_plan, "FEW", 70),
        (search_fts, "SIZE_SAMPLE", 30),
    ],
}


@dataclass(frozen=True)
class Expected:
    newest: list[int]
    ranked: list[int] | None
    unread: int


def _straightforward(library: Library, query: str) -> Expected:
    compiled = store_search.compile_query(parse_query(query), now=NOW, tz=UTC)
    db = library.writer.database
    passing = {
        int(r[0]): (int(r[1]), bool(r[2]))
        for r in db.execute_sql(
            f'SELECT a."id", a."sort_date", a."read" FROM "article" a WHERE {compiled.sql.where()}',
            compiled.sql.params,
        )
    }
    scores: dict[int, float] = {}
    ids = list(passing)
    if compiled.match is not None:
        scores = {
            int(r[0]): r[1]
            for r in db.execute_sql(
                f"SELECT rowid, bm25({FTS_TABLE}, {search_plan.WEIGHTS}) FROM {FTS_TABLE}"
                f" WHERE {FTS_TABLE} MATCH ?",
                [compiled.match],
            )
        }
        ids = [i for i in ids if i in scores]
    elif compiled.exclude is not None:
        left_out = {
            int(r[0])
            for r in db.execute_sql(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?", [compiled.exclude]
            )
        }
        ids = [i for i in ids if i not in left_out]
    newest = sorted(ids, key=lambda i: (passing[i][0], i), reverse=True)
    ranked = None
    if compiled.match is not None:
        pool = sorted(ids, reverse=True)[: search_plan.RANK_POOL]
        ranked = sorted(pool, key=lambda i: (scores[i], -i))
    return Expected(newest, ranked, sum(1 for i in ids if not passing[i][1]))


def _snippet(library: Library, query: str, article_id: int) -> str | None:
    compiled = store_search.compile_query(parse_query(query), now=NOW, tz=UTC)
    if compiled.highlight is None:
        return None
    row = library.writer.database.execute_sql(
        f"SELECT snippet({FTS_TABLE}, 2, ?, ?, '…', 16) FROM {FTS_TABLE}"
        f" WHERE {FTS_TABLE} MATCH ? AND rowid = ?",
        [HIGHLIGHT_START, HIGHLIGHT_END, compiled.highlight, article_id],
    ).fetchone()
    return row[0] if row and row[0] and HIGHLIGHT_START in row[0] else None


def _paged(library: Library, query: str, order: str, size: int) -> list[int]:
    found: list[int] = []
    after: PageCursor | None = None
    while page := library.search(query, limit=size, order=order, after=after):
        found.extend(a.id for a in page)
        after = PageCursor(page[-1].sort_date, page[-1].id)
    return found


def _check(library: Library, query: str) -> None:
    expected = _straightforward(library, query)
    newest = library.search(query, limit=50, order="newest")
    assert [a.id for a in newest] == expected.newest[:50]
    assert [a.snippet for a in newest] == [_snippet(library, query, a.id) for a in newest]
    assert _paged(library, query, "newest", 7) == expected.newest
    oldest = library.search(query, limit=COUNT, order="oldest")
    assert [a.id for a in oldest] == expected.newest[::-1]
    ranked = library.search(query, limit=40)
    if expected.ranked is None:
        assert [a.id for a in ranked] == expected.newest[:40]
    else:
        assert [a.id for a in ranked] == expected.ranked[:40]
        assert [a.snippet for a in ranked] == [_snippet(library, query, a.id) for a in ranked]
    assert library.count_search(query) == len(expected.newest)
    assert library.count_search(query, unread_only=True) == expected.unread
    compiled = library.searches.compile(query)
    assert store_search.count_with_unread(compiled) == (len(expected.newest), expected.unread)
    assert library.search_ids(query) == expected.newest
    some = list(range(3, COUNT + 1, 3))
    wanted = set(expected.newest)
    assert library.matching_articles(query, some) == [i for i in some if i in wanted]


@pytest.mark.parametrize("plan", list(PLANS))
@pytest.mark.parametrize("query", QUERIES)
def test_every_plan_finds_what_the_straightforward_one_does(
    shared: Shared, monkeypatch: pytest.MonkeyPatch, plan: str, query: str
) -> None:
    for module, name, value in PLANS[plan]:
        monkeypatch.setattr(module, name, value)
    _check(shared.library, query)


def test_the_queries_cover_every_part_of_a_compiled_query(shared: Shared) -> None:
    """Matches, words left out, filters, and the mixes, so each path above is taken."""
    compiled = [shared.library.searches.compile(q) for q in QUERIES]
    assert any(c.match and not c.sql.conditions for c in compiled)
    assert any(c.match and c.sql.conditions for c in compiled)
    assert any(c.exclude and not c.sql.conditions for c in compiled)
    assert any(c.exclude and c.sql.conditions for c in compiled)
    assert any(c.match is None and c.exclude is None for c in compiled)
    sizes = {q: len(_straightforward(shared.library, q).newest) for q in QUERIES}
    assert sizes["common"] > COUNT // 2 and 0 < sizes["rare"] < 10
    assert 0 < sizes["common tag:spread"] < 70 < sizes["common"]


_ATOMS = [
    "common", "frequent", "rare", "run", '"harbour lighthouse"', "light*", "title:common",
    "author:young", "tag:spread", "tag:recent", "feed:blog", "folder:news", "site:example.org",
    "lang:de", "is:unread", "is:starred", "after:90d", "before:2025-01", "-common", "-frequent",
    "-tag:spread", "-is:read", "OR",
]  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    atoms=st.lists(st.sampled_from(_ATOMS), min_size=1, max_size=4),
    plan=st.sampled_from(list(PLANS)),
)
def test_any_mix_of_words_and_filters_runs_alike_on_every_plan(
    shared: Shared, atoms: list[str], plan: str
) -> None:
    query = " ".join(atoms)
    assume(not parse_query(query).is_empty)  # matches nothing, by design
    with pytest.MonkeyPatch.context() as patch:
        for module, name, value in PLANS[plan]:
            patch.setattr(module, name, value)
        _check(shared.library, query)


def test_a_common_word_is_paged_by_checking_a_batch_not_every_match(
    shared: Shared, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Newest first, a word in most articles costs a check of about a page of articles
    against the index, however many match."""
    checked: list[int] = []
    real = search_fts.matches_among

    def recording(match: str, ids: list[int], **kw: object) -> dict[int, str | None]:
        checked.append(len(ids))
        return real(match, ids, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(search_plan, "matches_among", recording)
    monkeypatch.setattr(search_plan, "LIST_MATCHES", 10)
    monkeypatch.setattr(search_plan, "_LIST_FACTOR", 0)
    # In a library this small every check reads the index through, and batches are widened.
    monkeypatch.setattr(search_plan, "_WIDEN", 0)
    page = shared.library.search("common", limit=20, order="newest")
    assert len(page) == 20
    assert len(checked) == 1 and 20 < checked[0] < 60
    checked.clear()
    page = shared.library.search("-common", limit=20, order="newest")
    assert len(page) == 20
    assert len(checked) <= 2 and sum(checked) < 150


def test_ids_far_apart_are_sought_and_close_ones_read_together(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(search_fts, "SEEK_COST", 300)
    ids = [1, 2, 3, 500, 501, 5000]
    # A match in every article: a gap of more than 300 ids costs more to read than a seek.
    every = search_fts.MatchSize(5000, True, 1.0)
    assert search_fts.groups(ids, every) == [[1, 2, 3], [500, 501], [5000]]
    # In one article of ten, ten times wider gaps are read through.
    tenth = search_fts.MatchSize(500, True, 0.1)
    assert search_fts.groups(ids, tenth) == [[1, 2, 3, 500, 501], [5000]]
    # A seek for each of twenty words costs more than reading 5,000 entries.
    twenty = search_fts.MatchSize(5000, True, 1.0, terms=20)
    assert search_fts.groups(ids, twenty) == [ids]
    # A rare match: reading everything between costs less than seeking each.
    rare = search_fts.MatchSize(5, True, 0.001)
    assert search_fts.groups([1, 500, 5000], rare) == [[1, 500, 5000]]
    assert search_fts.groups([], every) == []


def test_snippets_are_made_while_ranking_when_that_reads_less() -> None:
    """Snippets made during the ranking cost a few more snippets; made afterwards they cost
    another read of the best matches: a seek each when they are far apart."""
    common = search_fts.MatchSize(70_000, False, 0.7)

    def ranking(found: float, sample: list[int] | None, *, pooled: bool = False) -> bool:
        plan = search_plan._Ranking("", [], pooled, found, sample)
        return search_plan._snippets_while_ranking(plan, common, 100)

    # No more matches than results: every match gets its snippet either way.
    assert ranking(80, None)
    # Only the newest of the matches are ranked: that statement makes no snippets.
    assert not ranking(80, None, pooled=True)
    far_apart = list(range(1, 100_000, 1000))
    assert ranking(600, far_apart)
    close = list(range(5000, 5100))
    assert not ranking(600, close)
    # Many more matches than results, anywhere among the word's: reading them again is
    # cheaper than the snippets made on the way.
    assert not ranking(60_000, None)
