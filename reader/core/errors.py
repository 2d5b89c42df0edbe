"""Errors Folio tells the user about.

Every subclass of :class:`UserError` is the user's problem (a typo, a dead URL, a broken file)
and is shown as one line without a traceback. Any other exception is a bug in Folio.
"""


class UserError(Exception):
    """Something the user can fix; its message is shown as it is."""


class NotFoundError(UserError):
    """An article, feed, folder or tag the user named does not exist."""


class DuplicateError(UserError):
    """The thing already exists (a second subscription to the same feed)."""


class FeedError(UserError):
    """A feed could not be fetched or parsed."""


class ExtractionError(UserError):
    """A page or file gave no article."""


class FetchError(UserError):
    """A URL could not be fetched: network failure, HTTP error, too large, wrong type."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class ImportFormatError(UserError):
    """An import file is not in a format Folio reads, or is malformed beyond use."""


class LibraryError(UserError):
    """The library file cannot be used: unreadable, not a Folio library, or too new."""


class SchemaTooNewError(LibraryError):
    """The library was written by a newer Folio than this one."""


class DiskFullError(LibraryError):
    """The disk holding the library, or a file being written, is full; nothing was saved."""


class LibraryDamagedError(LibraryError):
    """The library file is corrupted; the message names the backup to restore, if any."""
