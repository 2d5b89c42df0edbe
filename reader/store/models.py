"""Tables of the library. Big bodies live in ``article_content`` so list queries stay small."""

from __future__ import annotations

from datetime import UTC, datetime

import peewee

from reader.store.fields import UTCDateTimeField

database_proxy = peewee.DatabaseProxy()


def utc_now() -> datetime:
    return datetime.now(UTC)


class BaseModel(peewee.Model):  # type: ignore[misc]
    class Meta:
        database = database_proxy
        legacy_table_names = False


class Folder(BaseModel):
    name = peewee.TextField()
    parent = peewee.ForeignKeyField("self", null=True, backref="children", on_delete="CASCADE")
    position = peewee.IntegerField(default=0)


class Feed(BaseModel):
    url = peewee.TextField(unique=True)
    title = peewee.TextField(default="")
    site_url = peewee.TextField(null=True)
    folder = peewee.ForeignKeyField(Folder, null=True, backref="feeds", on_delete="SET NULL")
    position = peewee.IntegerField(default=0)
    added = UTCDateTimeField(default=utc_now)
    etag = peewee.TextField(null=True)
    last_modified = peewee.TextField(null=True)
    content_hash = peewee.TextField(null=True)
    last_fetched = UTCDateTimeField(null=True)
    next_fetch = UTCDateTimeField(null=True)
    error_count = peewee.IntegerField(default=0)
    last_error = peewee.TextField(null=True)
    disabled = peewee.BooleanField(default=False)
    fetch_full_text = peewee.BooleanField(default=False)
    keep_items = peewee.IntegerField(null=True)
    notice = peewee.TextField(null=True)
    # Minutes between refreshes when the feed has its own interval (None: the library's).
    refresh_minutes = peewee.IntegerField(null=True)


class FeedIcon(BaseModel):
    feed = peewee.ForeignKeyField(Feed, primary_key=True, on_delete="CASCADE")
    mime = peewee.TextField(null=True)
    data = peewee.BlobField(null=True)
    fetched = UTCDateTimeField(default=utc_now)


class Article(BaseModel):
    feed = peewee.ForeignKeyField(Feed, null=True, backref="articles", on_delete="CASCADE")
    source_kind = peewee.TextField()
    # Identity within a feed (guid, else link, else a hash of title and content).
    entry_key = peewee.TextField(null=True)
    guid = peewee.TextField(null=True)
    url = peewee.TextField(null=True)
    canonical_url = peewee.TextField(null=True)
    title = peewee.TextField(default="")
    author = peewee.TextField(null=True)
    published = UTCDateTimeField(null=True)
    updated = UTCDateTimeField(null=True)
    added = UTCDateTimeField(default=utc_now)
    # published, else added: what lists sort by. Kept as a column so it can be indexed.
    sort_date = UTCDateTimeField()
    summary = peewee.TextField(null=True)
    language = peewee.TextField(null=True)
    site_name = peewee.TextField(null=True)
    image_url = peewee.TextField(null=True)
    word_count = peewee.IntegerField(default=0)
    read = peewee.BooleanField(default=False)
    starred = peewee.BooleanField(default=False)
    archived = peewee.BooleanField(default=False)
    read_at = UTCDateTimeField(null=True)
    note = peewee.TextField(null=True)
    enclosures = peewee.TextField(null=True)  # JSON list of {url, type, length}
    content_hash = peewee.TextField(null=True)
    # ok | pending (a bare link waiting to be fetched) | failed
    fetch_status = peewee.TextField(default="ok")
    fetch_error = peewee.TextField(null=True)
    # Site keys (reader.core.urls.site_hosts) of the canonical address and, when its host is
    # another one, of the address: "site:" searches a range of them on an index. Derived from
    # url and canonical_url, so every write of those writes these too.
    host_rev = peewee.TextField(null=True)
    url_host_rev = peewee.TextField(null=True)
    # The source gave a day but no time of day: published is that day's noon, shown as the
    # day alone. (Last, and with its default in the schema, as a migration adds it.)
    published_date_only = peewee.BooleanField(default=False, constraints=[peewee.SQL("DEFAULT 0")])

    class Meta:
        indexes = (
            (("sort_date", "id"), False),
            (("feed", "sort_date", "id"), False),
            (("feed", "read"), False),
            (("feed", "entry_key"), False),
            (("canonical_url",), False),
            (("added",), False),
            # The window's sparse lists (Starred, Archive) page in date order on these.
            (("starred", "sort_date", "id"), False),
            (("archived", "sort_date", "id"), False),
            (("host_rev",), False),
        )


# Most articles have no second host: the index only holds those that do.
Article.add_index(Article.index(Article.url_host_rev, where=Article.url_host_rev.is_null(False)))


class ArticleContent(BaseModel):
    article = peewee.ForeignKeyField(Article, primary_key=True, on_delete="CASCADE")
    html = peewee.TextField(default="")
    text = peewee.TextField(default="")


class ArticleSource(BaseModel):
    """The page a saved article came from, compressed (see :class:`KeptSource`)."""

    article = peewee.ForeignKeyField(Article, primary_key=True, on_delete="CASCADE")
    data = peewee.BlobField()
    size = peewee.IntegerField()
    name = peewee.TextField()
    suffix = peewee.TextField(default="")
    url = peewee.TextField(null=True)
    charset = peewee.TextField(null=True)
    content_type = peewee.TextField(null=True)
    kept = UTCDateTimeField(default=utc_now)


class Tag(BaseModel):
    name = peewee.TextField(unique=True, collation="NOCASE")
    color = peewee.TextField(null=True)


class ArticleTag(BaseModel):
    article = peewee.ForeignKeyField(Article, on_delete="CASCADE")
    tag = peewee.ForeignKeyField(Tag, on_delete="CASCADE")

    class Meta:
        primary_key = peewee.CompositeKey("article", "tag")
        indexes = ((("tag", "article"), False),)


class FeedTag(BaseModel):
    """Tags a feed gives to each of its new articles."""

    feed = peewee.ForeignKeyField(Feed, on_delete="CASCADE")
    tag = peewee.ForeignKeyField(Tag, on_delete="CASCADE")

    class Meta:
        primary_key = peewee.CompositeKey("feed", "tag")


class Image(BaseModel):
    """An image stored in the library, deduplicated by the hash of its bytes."""

    sha256 = peewee.TextField(unique=True)
    mime = peewee.TextField()
    data = peewee.BlobField()
    size = peewee.IntegerField()
    fetched = UTCDateTimeField(default=utc_now)


class ArticleImage(BaseModel):
    article = peewee.ForeignKeyField(Article, on_delete="CASCADE")
    url = peewee.TextField()
    image = peewee.ForeignKeyField(Image, on_delete="CASCADE")

    class Meta:
        primary_key = peewee.CompositeKey("article", "url")


class Highlight(BaseModel):
    """A highlight in an article's reading text (see :mod:`reader.core.anchoring`): its quote
    with the text around it, and its place when it was last found (``placed``)."""

    # Not indexed alone: the index on (article, text_start) serves lookups by article.
    article = peewee.ForeignKeyField(
        Article, backref="highlights", on_delete="CASCADE", index=False
    )
    color = peewee.TextField(default="yellow")
    note = peewee.TextField(null=True)
    exact = peewee.TextField()
    prefix = peewee.TextField(default="")
    suffix = peewee.TextField(default="")
    text_start = peewee.IntegerField(null=True)
    text_end = peewee.IntegerField(null=True)
    placed = peewee.BooleanField(default=False)
    created = UTCDateTimeField(default=utc_now)
    updated = UTCDateTimeField(default=utc_now)

    class Meta:
        indexes = (
            (("article", "text_start"), False),
            # The library's highlights, newest first.
            (("created", "id"), False),
        )


class Setting(BaseModel):
    key = peewee.TextField(primary_key=True)
    value = peewee.TextField()  # JSON


class SavedSearch(BaseModel):
    """A query kept as a smart view in the sidebar."""

    name = peewee.TextField(unique=True, collation="NOCASE")
    query = peewee.TextField()
    position = peewee.IntegerField(default=0)


class Rule(BaseModel):
    """When a new article matches ``query``, do ``action`` (tag, read, star, archive)."""

    query = peewee.TextField()
    action = peewee.TextField()
    argument = peewee.TextField(null=True)
    enabled = peewee.BooleanField(default=True)
    position = peewee.IntegerField(default=0)


MODELS: tuple[type[BaseModel], ...] = (
    Folder,
    Feed,
    FeedIcon,
    Article,
    ArticleContent,
    ArticleSource,
    Tag,
    ArticleTag,
    FeedTag,
    Image,
    ArticleImage,
    Highlight,
    Setting,
    SavedSearch,
    Rule,
)
