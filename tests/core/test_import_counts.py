"""The per-format counts of an import and how they read."""

from __future__ import annotations

from reader.core.import_counts import FAILED, WARNING, FormatCounts, short_name
from reader.core.transfer import ImportProblem, ImportReport


def test_a_line_names_every_count_and_the_reasons_most_first() -> None:
    counts = FormatCounts(key="raindrop", name="Raindrop.io CSV export", found=1234, added=1000)
    counts.present = 200
    for reason in ["no web address", "not a web address", "no web address"]:
        counts.skip(reason)
    counts.fail("unreadable")
    assert counts.line() == (
        "Raindrop.io CSV export: 1,234 found, 1,000 added, 200 already present,"
        " 3 skipped (no web address: 2; not a web address: 1), 1 failed (unreadable: 1)"
    )


def test_problems_are_counted_by_outcome_and_warnings_are_only_listed() -> None:
    report = ImportReport(format_name="an Omnivore export")
    report.count_problem(
        ImportProblem("entry 1", "no URL", reason="no web address"),
        "omnivore",
        "an Omnivore export",
    )
    report.count_problem(
        ImportProblem("entry 2", "not an article", reason="unreadable", outcome=FAILED),
        "omnivore",
        "an Omnivore export",
    )
    report.count_problem(
        ImportProblem("entry 3", "too large; imported without it", outcome=WARNING),
        "omnivore",
        "an Omnivore export",
    )
    counts = report.formats["omnivore"]
    assert (counts.found, counts.skipped, counts.failed) == (
        2,
        {"no web address": 1},
        {"unreadable": 1},
    )
    assert len(report.problems) == 3
    assert report.as_dict()["skipped"] == 1 and report.as_dict()["failed"] == 1


def test_short_names() -> None:
    assert short_name("a Pocket CSV export") == "Pocket CSV export"
    assert short_name("an elCurator JSON export") == "elCurator JSON export"
    assert short_name("Readwise") == "Readwise"


def test_the_report_keeps_format_lines_and_highlights_together() -> None:
    report = ImportReport(format_name="a Raindrop.io CSV export")
    counts = report.counts("raindrop", report.format_name)
    counts.found, counts.added = 3, 3
    report.added = report.pending = 3
    report.highlights_placed, report.highlights_waiting = 1, 4
    highlights = (
        "5 highlights: 1 placed in their article's text, 4 placed once their link is fetched"
    )
    assert highlights in report.summary()
    brief = "5 highlights (1 placed, 4 waiting for their page)"
    assert report.status_line() == (
        "Raindrop.io CSV export: 3 found, 3 added, 0 already present, 0 skipped, 0 failed; " + brief
    )
    data = report.as_dict()
    assert data["formats"]["raindrop"]["added"] == 3
    assert data["highlights"] == {"total": 5, "placed": 1, "unplaced": 0, "waiting": 4}
    report.cancelled = True
    assert report.status_line().endswith(brief + " (stopped before the end)")


def test_a_report_without_formats_reads_as_its_summary() -> None:
    report = ImportReport(format_name="a list of links", cancelled=True)
    assert report.status_line() == report.summary()
    assert report.status_line().endswith("(stopped before the end)")


def test_a_stopped_import_says_how_many_of_the_files_items_came_in() -> None:
    report = ImportReport(format_name="a Pocket CSV export", cancelled=True, total=700, done=400)
    counts = report.counts("pocket", report.format_name)
    counts.found, counts.added = 700, 400
    report.added = 400
    assert report.status_line().endswith("(stopped: 400 of the file's 700 items came in)")
    assert report.summary().endswith(
        "Stopped: the file's first 400 of 700 items came in; import it again to bring in the rest"
    )
    assert report.as_dict()["items"] == {"total": 700, "done": 400}
    report.done = 0
    assert report.summary().endswith("Stopped before any of the file's 700 items came in")
