"""What the user is told when another program disturbed the library file under an open library."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FilesReplaced:
    """Another program replaced some of the library's files (``names``: "library.sqlite-wal")
    while Folio had it open; Folio reopened the library and kept the change being written.

    A value rather than a sentence, so that the window can say it in its own language; the
    command line prints :meth:`__str__`."""

    names: tuple[str, ...]

    def __str__(self) -> str:
        return (
            f"Another program replaced {' and '.join(self.names)} while Folio had the library"
            " open; Folio reopened the library and kept your change. If something you did just"
            " before is missing, please do it again."
        )
