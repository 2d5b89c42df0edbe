"""What an import did with each format it read: items found, added, already present, skipped
(counted by reason) and failed. One file holds one format; a .zip of exports may hold several,
so a report keeps one count per format, in the order the formats were met."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# How a problem with an entry of an import file is counted.
SKIPPED = "skipped"  # the entry is nothing Folio keeps (no web address, a browser's own page …)
FAILED = "failed"  # the entry could not be read or stored
WARNING = "warning"  # the entry came in, without something it had (a tag, its text)


@dataclass(slots=True)
class FormatCounts:
    """The counts of one format in one import."""

    key: str
    name: str
    found: int = 0
    added: int = 0
    present: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    failed: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def fail(self, reason: str) -> None:
        self.failed[reason] = self.failed.get(reason, 0) + 1

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    @property
    def failed_total(self) -> int:
        return sum(self.failed.values())

    def line(self) -> str:
        """``Pocket CSV export: 5 found, 2 added, 1 already present, 2 skipped (no web
        address: 2), 0 failed``"""
        parts = [
            f"{self.found:,} found",
            f"{self.added:,} added",
            f"{self.present:,} already present",
            f"{self.skipped_total:,} skipped" + _reasons(self.skipped),
            f"{self.failed_total:,} failed" + _reasons(self.failed),
        ]
        return f"{self.name}: " + ", ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "found": self.found,
            "added": self.added,
            "already_present": self.present,
            "skipped": {"total": self.skipped_total, "reasons": dict(self.skipped)},
            "failed": {"total": self.failed_total, "reasons": dict(self.failed)},
        }


def short_name(label: str) -> str:
    """A format's name as a line starts with it: "a Pocket CSV export" → "Pocket CSV export"."""
    for article in ("a ", "an "):
        if label.startswith(article):
            return label[len(article) :]
    return label


def _reasons(counts: dict[str, int]) -> str:
    if not counts:
        return ""
    ordered = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return " (" + "; ".join(f"{reason}: {number:,}" for reason, number in ordered) + ")"
