"""Folio: a desktop reader for saved articles and feeds."""

__version__ = "0.1.0"
APP_NAME = "Folio"
