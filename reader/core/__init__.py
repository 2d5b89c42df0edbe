"""Plain-Python heart of Folio: types, errors and pure decisions. No Qt, no peewee, no I/O."""
