"""Loading a Folio export: checked whole first, then written in pieces.

:func:`check_document` converts every row the way loading will, writing nothing, so a damaged
document is refused before any of it is stored; loading then goes section by section (folders,
tags and feeds; images; articles in batches; saved searches, rules and settings), recording in
an :class:`ImportWrites` what it created, so that a failure half-way can be undone.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import peewee

from reader.core.errors import UserError
from reader.store import highlights as store_highlights
from reader.store import models as m
from reader.store.import_writes import ImportWrites
from reader.store.tags import clean_tag_name, find_tag
from reader.store.transfer import (
    ArticleConverter,
    ArticleRow,
    TagCache,
    column_default,
    library_database,
    model_fields,
    to_db,
)

# Sections whose rows are table rows as they are, checked by converting them.
_TABLE_SECTIONS: dict[str, type[m.BaseModel]] = {
    "folders": m.Folder,
    "tags": m.Tag,
    "feeds": m.Feed,
    "feed_icons": m.FeedIcon,
    "images": m.Image,
    "saved_searches": m.SavedSearch,
    "rules": m.Rule,
}
_ERRORS = (KeyError, ValueError, TypeError, OverflowError, UserError)


class DocumentDamage(ValueError):
    """A Folio document that cannot be loaded as it is; the message names the row."""


def check_document(document: Mapping[str, Sequence[Any]]) -> dict[int, str]:
    """Convert every row of ``document`` the way loading it will, writing nothing.

    Returns the articles to leave out, by position (0-based), with the reason: a row that is no
    article at all. Raises :class:`DocumentDamage` for anything that would stop loading
    half-way: a value no column can hold, an id given twice, a folder or feed without its id.
    """
    folder_ids: set[int] = set()
    for section, model in _TABLE_SECTIONS.items():
        seen: set[int] = set()
        for number, row in enumerate(document.get(section, ()), start=1):
            where = f"{section.replace('_', ' ')[:-1]} {number}"
            try:
                _check_table_row(section, model, row, seen)
            except _ERRORS as exc:
                raise DocumentDamage(f"{where}: {describe(exc)}") from exc
        if section == "folders":
            folder_ids = seen
    for number, row in enumerate(document.get("folders", ()), start=1):
        parent = row.get("parent_id")
        # Into an empty library folders keep their ids, and a parent must be one of them.
        if parent is not None and int(parent) not in folder_ids:
            raise DocumentDamage(f"folder {number}: its parent {parent} is not in the export")
    for number, row in enumerate(document.get("settings", ()), start=1):
        if not isinstance(row, Mapping) or "key" not in row or "value" not in row:
            raise DocumentDamage(f"setting {number}: it needs a key and a value")
    skipped: dict[int, str] = {}
    convert = ArticleConverter()
    ids: set[int] = set()
    highlight_ids: set[int] = set()
    for index, row in enumerate(document.get("articles", ())):
        problem = article_problem(row)
        if problem:
            skipped[index] = problem
            continue
        try:
            _check_article(row, convert, ids, highlight_ids)
        except _ERRORS as exc:
            raise DocumentDamage(f"article {index + 1}: {describe(exc)}") from exc
    return skipped


def _check_table_row(section: str, model: type[m.BaseModel], row: Any, seen: set[int]) -> None:
    if not isinstance(row, Mapping):
        raise TypeError("not an object")
    _row_values(model, row, {}, True)
    # Into an empty library rows keep their ids: each may be given once. Folders and feeds
    # need one (articles and icons name them by it).
    if section in ("folders", "feeds") or row.get("id") is not None:
        row_id = _whole(row, "id")
        if row_id in seen:
            raise ValueError(f"the id {row_id} is given twice")
        seen.add(row_id)
    if section == "folders" and row.get("parent_id") is not None:
        _whole(row, "parent_id")
    if section == "tags":
        clean_tag_name(str(row.get("name") or ""))
    if section == "feeds":
        if not str(row.get("url") or "").strip():
            raise ValueError("it has no address")
        if row.get("folder_id") is not None:
            _whole(row, "folder_id")
        for name in _names(row.get("tags")):
            clean_tag_name(name)
    if section == "feed_icons":
        _whole(row, "feed_id")
    if section == "images":
        str(row["sha256"])


def _check_article(
    row: Mapping[str, Any], convert: ArticleConverter, ids: set[int], highlight_ids: set[int]
) -> None:
    if row.get("id") is not None:
        article_id = _whole(row, "id")
        if article_id in ids:
            raise ValueError(f"the id {article_id} is given twice")
        ids.add(article_id)
    if row.get("feed_id") is not None:
        _whole(row, "feed_id")
    for name in _names(row.get("tags")):
        clean_tag_name(name)
    for link in row.get("images") or ():
        if not isinstance(link, Mapping):
            raise TypeError("an image link is not an object")
        str(link["url"])
    article = document_article_row(row, IdMaps())
    convert.values(article.columns)
    if article.source is not None:
        convert.source_values(article.source)
    # Into an empty library highlights keep their ids too (those that cannot be read are
    # left out, and the article keeps its others).
    for highlight in article.highlights:
        if highlight.get("id") is not None:
            highlight_id = int(highlight["id"])
            if highlight_id in highlight_ids:
                raise ValueError(f"its highlight id {highlight_id} is given twice")
            highlight_ids.add(highlight_id)


def _whole(row: Mapping[str, Any], key: str) -> int:
    value = row[key]
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"its {key} is {value!r}, not a number")
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"its {key} is {value!r}, not a number") from None


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("its tags are not a list of names")
    return value


def article_problem(row: Any) -> str | None:
    """Why a document row is no article to load (it is then left out), or None."""
    if not isinstance(row, dict):
        return "not an article"
    if not isinstance(row.get("source_kind"), str):
        return "no source kind"
    if not row.get("added"):
        return "no date added"
    try:
        datetime.fromisoformat(str(row["added"]))
    except ValueError:
        return f"unreadable date {row['added']!r}"
    return None


def describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"it has no {exc.args[0]}"
    return str(exc)


@dataclass(slots=True)
class IdMaps:
    """Document ids to library ids, filled as sections are loaded."""

    folders: dict[int, int] = field(default_factory=dict)
    feeds: dict[int, int] = field(default_factory=dict)
    images: dict[str, int] = field(default_factory=dict)
    new_feeds: set[int] = field(default_factory=set)
    new_folders: list[int] = field(default_factory=list)
    feeds_existing: int = 0


def _row_values(
    model: type[m.BaseModel], row: Mapping[str, Any], overrides: Mapping[str, Any], keep_id: bool
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for fld in model_fields(model):
        name = fld.column_name
        if isinstance(fld, peewee.AutoField) and not keep_id:
            continue
        if name in overrides:
            value = overrides[name]
        elif name in row:
            value = row[name]
        else:
            value = column_default(fld)
        values[name] = to_db(fld, value)
    return values


def _insert_raw(model: type[m.BaseModel], values: Mapping[str, Any]) -> int:
    table = model._meta.table_name
    columns = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join("?" * len(values))
    cursor = library_database().execute_sql(
        f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(values.values())
    )
    return int(cursor.lastrowid)


def load_structure(
    document: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    keep_ids: bool,
    tags: TagCache,
    writes: ImportWrites,
) -> IdMaps:
    """Folders, tags and feeds (with their tags and icons) of a document, recorded in
    ``writes``; its images come after, in batches (:func:`load_images`).

    With ``keep_ids`` (an empty library) rows keep their ids so the library comes back as it
    was; otherwise folders merge by path, tags by name, feeds by URL and images by hash.
    """
    maps = IdMaps()
    db = library_database()
    if keep_ids:
        # A folder may have been moved under one created after it.
        db.execute_sql("PRAGMA defer_foreign_keys = ON")
    _load_folders(document.get("folders", ()), keep_ids, maps)
    writes.folder_ids.extend(maps.new_folders)
    for row in document.get("tags", ()):
        name = clean_tag_name(str(row.get("name") or ""))
        existing = find_tag(name)
        if existing is None:
            tag_id = _insert_raw(m.Tag, _row_values(m.Tag, row, {"name": name}, keep_ids))
            tags.remember(tag_id, name)
            writes.tag_ids.append(tag_id)
        elif existing.color is None and row.get("color"):
            writes.tag_colors_before.setdefault(int(existing.id), None)
            existing.color = row["color"]
            existing.save()
    for row in document.get("feeds", ()):
        url = str(row.get("url") or "")
        old_id = int(row["id"])
        found = m.Feed.select(m.Feed.id).where(m.Feed.url == url).scalar()
        if found is not None:
            maps.feeds[old_id] = int(found)
            maps.feeds_existing += 1
            continue
        folder = row.get("folder_id")
        overrides = {"folder_id": maps.folders.get(int(folder)) if folder is not None else None}
        new_id = _insert_raw(m.Feed, _row_values(m.Feed, row, overrides, keep_ids))
        maps.feeds[old_id] = new_id
        maps.new_feeds.add(new_id)
        writes.feed_ids.append(new_id)
        for name in row.get("tags") or ():
            tag_id, _ = tags.get(str(name))
            m.FeedTag.insert(feed=new_id, tag=tag_id).on_conflict_ignore().execute()
    for row in document.get("feed_icons", ()):
        feed_id = maps.feeds.get(int(row["feed_id"]))
        if feed_id in maps.new_feeds:
            _insert_raw(m.FeedIcon, _row_values(m.FeedIcon, row, {"feed_id": feed_id}, True))
    return maps


def load_images(
    rows: Sequence[Mapping[str, Any]], *, keep_ids: bool, maps: IdMaps, writes: ImportWrites
) -> None:
    """Some of a document's stored images (merged by hash), recorded in ``writes``."""
    for row in rows:
        sha = str(row["sha256"])
        found = m.Image.select(m.Image.id).where(m.Image.sha256 == sha).scalar()
        if found is None:
            found = _insert_raw(m.Image, _row_values(m.Image, row, {}, keep_ids))
            writes.image_ids.append(int(found))
        maps.images[sha] = int(found)


def _load_folders(rows: Sequence[Mapping[str, Any]], keep_ids: bool, maps: IdMaps) -> None:
    if keep_ids:
        for row in rows:
            maps.folders[int(row["id"])] = _insert_raw(
                m.Folder, _row_values(m.Folder, row, {}, True)
            )
            maps.new_folders.append(maps.folders[int(row["id"])])
        return
    remaining = list(rows)
    while remaining:
        progressed = False
        for row in list(remaining):
            parent = row.get("parent_id")
            if parent is not None and int(parent) not in maps.folders:
                if not any(int(r["id"]) == int(parent) for r in remaining):
                    parent = None  # a parent the document lacks: put the folder at the top
                else:
                    continue
            new_parent = maps.folders[int(parent)] if parent is not None else None
            cond = (
                m.Folder.parent.is_null() if new_parent is None else m.Folder.parent == new_parent
            )
            found = (
                m.Folder.select(m.Folder.id).where(cond & (m.Folder.name == row["name"])).scalar()
            )
            if found is None:
                found = _insert_raw(
                    m.Folder, _row_values(m.Folder, row, {"parent_id": new_parent}, False)
                )
                maps.new_folders.append(int(found))
            maps.folders[int(row["id"])] = int(found)
            remaining.remove(row)
            progressed = True
        if not progressed:  # a cycle: keep the rest at the top level
            for row in remaining:
                maps.folders[int(row["id"])] = _insert_raw(
                    m.Folder, _row_values(m.Folder, row, {"parent_id": None}, False)
                )
                maps.new_folders.append(maps.folders[int(row["id"])])
            return


# "+feed_id" keeps SQLite on the address's index: on the feed's, a saved article (feed NULL)
# would be looked for among all the saved ones.
BY_ADDRESS = 'SELECT id FROM "article" WHERE +feed_id IS ? AND canonical_url = ? LIMIT 1'


def find_duplicate(row: Mapping[str, Any], feed_id: int | None) -> int | None:
    """The library's copy of a document article, if it has one."""
    db = library_database()
    entry_key = row.get("entry_key")
    canonical = row.get("canonical_url") or row.get("url")
    if feed_id is not None and entry_key:
        found = db.execute_sql(
            'SELECT id FROM "article" WHERE feed_id = ? AND entry_key = ? LIMIT 1',
            (feed_id, entry_key),
        ).fetchone()
    elif canonical:
        found = db.execute_sql(BY_ADDRESS, (feed_id, canonical)).fetchone()
    else:
        found = db.execute_sql(
            'SELECT id FROM "article" WHERE feed_id IS ? AND title = ? AND content_hash IS ?'
            " LIMIT 1",
            (feed_id, row.get("title") or "", row.get("content_hash")),
        ).fetchone()
    return int(found[0]) if found else None


def document_article_row(row: Mapping[str, Any], maps: IdMaps) -> ArticleRow:
    columns = dict(row)
    for extra in ("html", "text", "tags", "images", "source", "highlights"):
        columns.pop(extra, None)
    feed = row.get("feed_id")
    columns["feed_id"] = maps.feeds.get(int(feed)) if feed is not None else None
    images = [
        (str(link["url"]), maps.images[str(link["sha256"])])
        for link in row.get("images") or ()
        if str(link.get("sha256")) in maps.images
    ]
    return ArticleRow(
        columns=columns,
        html=str(row.get("html") or ""),
        text=str(row.get("text") or ""),
        tags=[str(t) for t in row.get("tags") or ()],
        images=images,
        source=_document_source(row.get("source")),
        highlights=store_highlights.document_rows(row.get("highlights")),
    )


def _document_source(value: Any) -> Mapping[str, Any] | None:
    """A document's kept page, when it has the columns that make one (else left out: the
    article can still be fetched again from its address)."""
    if not isinstance(value, Mapping):
        return None
    data, name, size, kept = (value.get(k) for k in ("data", "name", "size", "kept"))
    if not (isinstance(data, str) and isinstance(name, str) and isinstance(size, int) and kept):
        return None
    try:
        base64.b64decode(data, validate=True)
    except ValueError:
        return None
    return {**value, "suffix": value.get("suffix") or ""}


def load_extras(
    document: Mapping[str, Sequence[Mapping[str, Any]]], *, keep_ids: bool, writes: ImportWrites
) -> None:
    """Saved searches (by name), rules (unless the same one exists) and settings (all of them
    into an empty library, else only those the library lacks), recorded in ``writes``."""
    for row in document.get("saved_searches", ()):
        if not m.SavedSearch.select().where(m.SavedSearch.name == row.get("name")).exists():
            writes.saved_search_ids.append(
                _insert_raw(m.SavedSearch, _row_values(m.SavedSearch, row, {}, keep_ids))
            )
    for row in document.get("rules", ()):
        same = m.Rule.select().where(
            (m.Rule.query == row.get("query"))
            & (m.Rule.action == row.get("action"))
            & (
                m.Rule.argument.is_null()
                if row.get("argument") is None
                else m.Rule.argument == row.get("argument")
            )
        )
        if not same.exists():
            writes.rule_ids.append(_insert_raw(m.Rule, _row_values(m.Rule, row, {}, keep_ids)))
    for row in document.get("settings", ()):
        key = str(row["key"])
        value = row["value"] if isinstance(row["value"], str) else json.dumps(row["value"])
        before = m.Setting.select(m.Setting.value).where(m.Setting.key == key).scalar()
        if before is not None and not keep_ids:
            continue  # a merge keeps the library's own settings
        writes.settings_before.setdefault(key, before)
        m.Setting.insert(key=key, value=value).on_conflict_replace().execute()
