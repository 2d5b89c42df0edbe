"""folio import, export, backup, restore and fetch-pending, run in-process on real files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.library import Library

POCKET = (
    "title,url,time_added,tags,status\n"
    "One,https://example.com/1,1700000000,research,unread\n"
    "Two,https://example.com/2,1700000001,,archive\n"
    ",,1700000002,,unread\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_summary_problems_and_next_step(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "pocket.csv"
    source.write_text(POCKET, encoding="utf-8")
    code, out, err = run(capsys, "--db", str(db_path), "import", str(source))
    assert code == 0, err
    assert "Imported from a Pocket CSV export: 2 articles added (2 queued for fetching)" in out
    assert "skipped: row 4: no URL" in out
    assert "folio fetch-pending" in out
    code, out, _ = run(capsys, "--db", str(db_path), "import", str(source))
    assert code == 0
    assert "0 articles added; 2 already in the library" in out


def test_import_prints_a_line_per_format_and_json(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "pocket.csv"
    source.write_text(POCKET, encoding="utf-8")
    code, out, _ = run(capsys, "--db", str(db_path), "import", str(source))
    assert code == 0
    assert (
        "  Pocket CSV export: 3 found, 2 added, 0 already present,"
        " 1 skipped (no web address: 1), 0 failed\n"
    ) in out
    code, out, err = run(capsys, "--db", str(db_path), "import", "--json", str(source))
    assert code == 0, err
    data = json.loads(out)  # one object, nothing else on stdout
    assert data["added"] == 0 and data["already_present"] == 2
    assert data["formats"]["pocket"] == {
        "name": "Pocket CSV export",
        "found": 3,
        "added": 0,
        "already_present": 2,
        "skipped": {"total": 1, "reasons": {"no web address": 1}},
        "failed": {"total": 0, "reasons": {}},
    }
    assert data["problems"] == ["row 4: no URL"]


def test_import_report_has_format_lines_and_highlights_in_text_and_json(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "readwise.csv"
    source.write_text(
        "Highlight,Title,Author,URL,Note,Location,Date\n"
        "Sun on the wall,Gardens,Ann,https://example.com/g,Try,1,2024-02-01 09:00\n"
        "Worms,Gardens,Ann,https://example.com/g,,2,2024-02-01 09:05\n"
        "Lost,,,,,,\n",
        encoding="utf-8",
    )
    db = str(db_path)
    code, out, err = run(capsys, "--db", db, "import", "--format", "readwise", str(source))
    assert code == 0, err
    assert "2 highlights: 0 placed in their article's text, 2 placed once their link is" in out
    assert (
        "  Readwise highlights CSV: 2 found, 1 added, 0 already present, 1 skipped"
        " (neither an address nor a title says whose it is: 1), 0 failed\n"
    ) in out
    other = tmp_path / "again.csv"
    other.write_text(source.read_text(encoding="utf-8").replace("Worms", "Roots"), "utf-8")
    code, out, err = run(capsys, "--db", str(db_path), "import", "--json", str(other))
    assert code == 0, err
    data = json.loads(out)
    assert data["formats"]["readwise-highlights"]["already_present"] == 1
    # The article has both highlights of the first file; the new one joins them.
    assert data["highlights"] == {"total": 1, "placed": 0, "unplaced": 1, "waiting": 0}


def test_import_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "--db", str(db_path), "import", str(tmp_path / "missing.csv"))
    assert code == 1 and err.startswith("folio: error: no such file")
    odd = tmp_path / "odd.json"
    odd.write_text('{"what": 1}', encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db_path), "import", str(odd))
    assert code == 1 and "not in a format Folio reads" in err
    assert err.count("\n") == 1


def test_export_with_query_and_format(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "pocket.csv"
    source.write_text(POCKET, encoding="utf-8")
    run(capsys, "--db", str(db_path), "import", str(source))
    target = tmp_path / "out.csv"
    code, out, err = run(capsys, "--db", str(db_path), "export", str(target), "--query", "research")
    assert code == 0, err
    assert out.strip() == f"Exported 1 item to {target}"
    assert "https://example.com/1" in target.read_text(encoding="utf-8")
    assert "https://example.com/2" not in target.read_text(encoding="utf-8")
    everything = tmp_path / "all.json"
    code, out, _ = run(capsys, "--db", str(db_path), "export", str(everything))
    assert code == 0 and "Exported 2 items" in out
    assert json.loads(everything.read_text(encoding="utf-8"))["format"] == "folio-library"
    code, _, err = run(capsys, "--db", str(db_path), "export", str(tmp_path / "x.pdf"))
    assert code == 1 and "cannot tell the export format" in err


def test_backup_and_restore(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "pocket.csv"
    source.write_text(POCKET, encoding="utf-8")
    run(capsys, "--db", str(db_path), "import", str(source))
    copy = tmp_path / "copy.sqlite"
    code, out, err = run(capsys, "--db", str(db_path), "backup", str(copy))
    assert code == 0, err
    assert "Backed up" in out
    with sqlite3.connect(copy) as check:
        assert check.execute("SELECT count(*) FROM article").fetchone()[0] == 2
    code, _, err = run(capsys, "--db", str(db_path), "backup", str(copy))
    assert code == 1 and "already exists" in err
    code, out, _ = run(capsys, "--db", str(db_path), "backup")
    assert code == 0
    assert (db_path.parent / "backups").is_dir()

    with Library(db_path) as lib:
        lib.delete_articles([a.id for a in lib.list_articles()])
    # Without a terminal to ask on, restoring needs --yes.
    code, _, err = run(capsys, "--db", str(db_path), "restore", str(copy))
    assert code == 1 and "--yes" in err
    code, out, err = run(capsys, "--db", str(db_path), "restore", str(copy), "--yes")
    assert code == 0, err
    assert "the previous one is in" in out
    with Library(db_path) as lib:
        assert sorted(a.title for a in lib.list_articles()) == ["One", "Two"]
        assert [t.name for t in lib.list_tags()] == ["research"]
    safety = list((db_path.parent / "backups").glob("before-restore-*.sqlite"))
    assert len(safety) == 1
    with sqlite3.connect(safety[0]) as check:
        assert check.execute("SELECT count(*) FROM article").fetchone()[0] == 0


def test_restore_refuses_what_is_not_a_library(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db_path), "restore", str(text), "--yes")
    assert code == 1 and "not a Folio library" in err
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE things (x)")
    code, _, err = run(capsys, "--db", str(db_path), "restore", str(other), "--yes")
    assert code == 1 and "not a Folio library" in err
    code, _, err = run(capsys, "--db", str(db_path), "restore", str(tmp_path / "none"), "--yes")
    assert code == 1 and "no such file" in err


def test_fetch_pending_with_nothing_waiting(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "fetch-pending")
    assert code == 0 and out.strip() == "0 links fetched"
