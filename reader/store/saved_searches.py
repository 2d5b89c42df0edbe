"""Saved searches: named queries shown as smart views."""

from __future__ import annotations

import peewee

from reader.core.errors import DuplicateError, NotFoundError, UserError
from reader.core.query import SavedSearch
from reader.store import models as m


def clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UserError("a saved search needs a name")
    if len(cleaned) > 100:
        raise UserError("a saved search's name can be at most 100 characters long")
    return cleaned


def _to_saved(row: m.SavedSearch) -> SavedSearch:
    return SavedSearch(id=row.id, name=row.name, query=row.query, position=row.position)


def _row(ref: str | int) -> m.SavedSearch:
    """A saved search by id or by name (names are case-insensitive)."""
    row: m.SavedSearch | None = None
    if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
        row = m.SavedSearch.get_or_none(m.SavedSearch.id == int(ref))
    if row is None and isinstance(ref, str) and ref.strip():
        row = m.SavedSearch.get_or_none(m.SavedSearch.name == clean_name(ref))
    if row is None:
        raise NotFoundError(f"no saved search named {str(ref).strip()!r}")
    return row


def get_saved_search(ref: str | int) -> SavedSearch:
    return _to_saved(_row(ref))


def list_saved_searches() -> list[SavedSearch]:
    query = m.SavedSearch.select().order_by(
        m.SavedSearch.position, peewee.fn.lower(m.SavedSearch.name)
    )
    return [_to_saved(r) for r in query]


def save_search(name: str, query: str, *, replace: bool = False) -> SavedSearch:
    """Save ``query`` as ``name``; with ``replace`` an existing search of that name gets the
    new query, else the name must be new."""
    name = clean_name(name)
    existing = m.SavedSearch.get_or_none(m.SavedSearch.name == name)
    if existing is not None:
        if not replace:
            raise DuplicateError(f"there is already a saved search named {existing.name!r}")
        existing.query = query
        existing.save()
        return _to_saved(existing)
    position = int(m.SavedSearch.select(peewee.fn.MAX(m.SavedSearch.position)).scalar() or 0)
    row = m.SavedSearch.create(name=name, query=query, position=position + 1)
    return _to_saved(row)


def rename_saved_search(ref: str | int, new_name: str) -> SavedSearch:
    row = _row(ref)
    new_name = clean_name(new_name)
    other = m.SavedSearch.get_or_none(m.SavedSearch.name == new_name)
    if other is not None and other.id != row.id:
        raise DuplicateError(f"there is already a saved search named {other.name!r}")
    row.name = new_name
    row.save()
    return _to_saved(row)


def set_query(ref: str | int, query: str) -> SavedSearch:
    row = _row(ref)
    row.query = query
    row.save()
    return _to_saved(row)


def delete_saved_search(ref: str | int) -> SavedSearch:
    row = _row(ref)
    saved = _to_saved(row)
    row.delete_instance()
    return saved


def move_saved_search(ref: str | int, position: int) -> None:
    """Put a saved search at ``position`` (0-based) in the list, shifting the others."""
    row = _row(ref)
    others = [s for s in list_saved_searches() if s.id != row.id]
    position = max(0, min(position, len(others)))
    order = [s.id for s in others]
    order.insert(position, row.id)
    for index, saved_id in enumerate(order):
        m.SavedSearch.update(position=index).where(m.SavedSearch.id == saved_id).execute()
