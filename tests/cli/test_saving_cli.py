"""The save, extract and reextract commands, in-process."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from reader.cli import main
from reader.library import Library
from tests.services.article_pages import PARAGRAPHS, article_page

EXTRACT_FIELDS = {
    "source",
    "url",
    "title",
    "author",
    "published",
    "site_name",
    "language",
    "word_count",
    "text",
    "html",
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    path = tmp_path / "gardens.html"
    path.write_text(article_page(), encoding="utf-8")
    return path


def test_save_file_as_json(
    capsys: pytest.CaptureFixture[str], db_path: Path, page_file: Path
) -> None:
    code, out, err = run(
        capsys, "--db", str(db_path), "save", str(page_file), "--tag", "a", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["title"] == "Why Gardens Grow"
    assert data["created"] is True
    assert data["tags"] == ["a"]
    assert {"id", "word_count", "reading_minutes", "notes", "source"} <= set(data)
    code, out, _ = run(capsys, "--db", str(db_path), "save", str(page_file))
    assert code == 0
    assert out.startswith("Saved: Why Gardens Grow")


def test_save_stdin(
    capsys: pytest.CaptureFixture[str], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Why Gardens Grow\n\n" + "\n\n".join(PARAGRAPHS)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    code, out, err = run(capsys, "--db", str(db_path), "save", "-")
    assert code == 0, err
    assert "Saved:" in out


def test_save_errors_are_one_line(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    code, _, err = run(capsys, "--db", str(db_path), "save", "/no/such/page.html")
    assert code == 1
    assert err.strip() == "folio: error: no such file: /no/such/page.html"
    assert "Traceback" not in err


def test_extract_json_lines(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    page_file: Path,
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/p").respond_with_data(
        article_page(headline="Soil Matters", title_tag="Soil Matters"), content_type="text/html"
    )
    code, out, err = run(
        capsys,
        "--db",
        str(db_path),
        "extract",
        str(page_file),
        httpserver.url_for("/p"),
        "--json",
    )
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["title"] for line in lines] == ["Why Gardens Grow", "Soil Matters"]
    assert all(set(line) >= EXTRACT_FIELDS for line in lines)
    assert lines[1]["url"] == httpserver.url_for("/p")
    assert lines[0]["word_count"] > 50
    code, out, _ = run(capsys, "--db", str(db_path), "list")
    assert "Gardens" not in out, "extract must not save"


def test_extract_reports_each_bad_source(
    capsys: pytest.CaptureFixture[str], db_path: Path, page_file: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(
        capsys, "--db", str(db_path), "extract", str(empty), str(page_file), "--json"
    )
    assert code == 1
    first, second = (json.loads(line) for line in out.splitlines())
    assert "empty" in first["error"]
    assert second["title"] == "Why Gardens Grow"
    assert "empty.txt" in err


def test_extract_plain_output(
    capsys: pytest.CaptureFixture[str], db_path: Path, page_file: Path
) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "extract", str(page_file))
    assert code == 0
    assert out.startswith("# Why Gardens Grow\n")
    assert PARAGRAPHS[2] in out


def test_reextract_needs_ids_or_all(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    code, _, err = run(capsys, "--db", str(db_path), "reextract")
    assert code == 1 and "--all" in err
    code, _, err = run(capsys, "--db", str(db_path), "reextract", "1", "--all")
    assert code == 1 and "not both" in err
    code, _, err = run(capsys, "--db", str(db_path), "reextract", "42")
    assert code == 1 and "no article with id 42" in err
    code, out, _ = run(capsys, "--db", str(db_path), "reextract", "--all")
    assert code == 0 and "0 failed" in out


def test_reextract_a_file_reads_its_kept_copy_and_fails_politely_without_one(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    text = tmp_path / "n.txt"
    text.write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    code, out, _ = run(capsys, "--db", str(db_path), "save", str(text), "--json")
    article_id = json.loads(out)["id"]
    text.unlink()  # the file is gone; the library kept its own copy
    code, out, _ = run(capsys, "--db", str(db_path), "stats")
    assert "1 original page kept for re-extraction" in out
    code, out, err = run(capsys, "--db", str(db_path), "reextract", str(article_id))
    assert code == 0, err
    assert "1 article(s) again; 0 failed" in out
    # Saved before the library kept pages: neither a copy nor an address to fetch.
    con = sqlite3.connect(str(db_path))
    con.execute('DELETE FROM "article_source"')
    con.commit()
    con.close()
    code, out, err = run(capsys, "--db", str(db_path), "reextract", "--refetch", str(article_id))
    assert code == 1
    assert "no kept page and no web address" in err


def test_keep_pages_can_be_turned_off_and_kept_pages_forgotten(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    db = ["--db", str(db_path)]
    first = tmp_path / "first.txt"
    first.write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    code, out, _ = run(capsys, *db, "save", str(first))
    code, out, _ = run(capsys, *db, "keep-pages")
    assert code == 0 and "keep their original page; 1 kept" in out

    code, out, _ = run(capsys, *db, "keep-pages", "off")
    assert "Pages are not kept; 1 kept" in out
    second = tmp_path / "second.txt"
    second.write_text("\n\n".join(reversed(PARAGRAPHS)), encoding="utf-8")
    code, out, _ = run(capsys, *db, "save", str(second), "--json")
    second_id = json.loads(out)["id"]
    code, out, _ = run(capsys, *db, "keep-pages", "--drop")
    assert "Forgot 1 kept page(s)" in out and "0 kept" in out
    # Without a kept page or an address, the article cannot be extracted again, but stays.
    code, out, err = run(capsys, *db, "reextract", str(second_id))
    assert code == 1 and "no kept page" in err
    code, out, _ = run(capsys, *db, "show", str(second_id))
    assert code == 0 and PARAGRAPHS[0][:40] in out

    code, out, _ = run(capsys, *db, "keep-pages", "on")
    assert "keep their original page" in out
    code, out, err = run(capsys, *db, "keep-pages", "maybe")
    assert code == 1 and "not on or off" in err


def test_reextract_all_brings_an_old_extraction_up_to_date(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    """Articles saved by an older extractor get the new one's inline markup and dates, and
    keep their tags, note and read state."""
    page = tmp_path / "notes.html"
    page.write_text(
        article_page(
            byline="By Ann Gardener · 5 March 2024, 14:20",
            lang="en-GB",
            paragraphs=(
                PARAGRAPHS[0],
                "To keep notes, run <code>folio save notes.md</code> in a terminal and read"
                " them in the window beside the pages you saved for later.",
                *PARAGRAPHS[1:],
            ),
        )
        .replace("&lt;code&gt;", "<code>")
        .replace("&lt;/code&gt;", "</code>"),
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, "--db", str(db_path), "save", str(page), "--json", "--tag", "notes"
    )
    assert code == 0, err
    article_id = json.loads(out)["id"]
    run(capsys, "--db", str(db_path), "mark", str(article_id), "--read")
    run(capsys, "--db", str(db_path), "mark", str(article_id), "--star")
    with Library(db_path) as library:
        library.set_note(article_id, "kept through re-extraction")
    # What the older extractor stored: the code cut out of its sentence, the time at noon.
    con = sqlite3.connect(str(db_path))
    con.execute(
        'UPDATE "article_content" SET "html" = ? WHERE "article_id" = ?',
        ("<p>To keep notes, run </p><pre>folio save notes.md</pre> in a terminal", article_id),
    )
    noon = 1709640000 * 1_000_000  # 2024-03-05 12:00 UTC
    con.execute(
        'UPDATE "article" SET "published" = ?, "sort_date" = ?, "content_hash" = ? WHERE "id" = ?',
        (noon, noon, "old", article_id),
    )
    con.commit()
    con.close()

    code, out, err = run(capsys, "--db", str(db_path), "reextract", "--all")
    assert code == 0, err
    assert "Extracted every saved article again; 0 failed" in out
    code, out, _ = run(capsys, "--db", str(db_path), "show", str(article_id), "--format", "json")
    shown = json.loads(out)
    assert "run <code>folio save notes.md</code> in a terminal" in shown["html"]
    assert "<pre>" not in shown["html"]
    assert shown["published"] == "2024-03-05T14:20:00Z"  # the page's time, London in March
    assert shown["tags"] == ["notes"] and shown["read"] and shown["starred"]
    assert shown["note"] == "kept through re-extraction"


def test_a_date_without_a_time_is_shown_as_the_day_alone(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # Folio's own form; other locales: test_locale_dates
    page = tmp_path / "mulch.html"
    page.write_text(article_page(byline="By Ann Gardener · 3 March 2024"), encoding="utf-8")
    code, out, err = run(capsys, "--db", str(db_path), "save", str(page), "--json")
    assert code == 0, err
    saved = json.loads(out)
    assert saved["published"] == "2024-03-03"  # no invented midnight or noon
    code, out, _ = run(capsys, "--db", str(db_path), "show", str(saved["id"]))
    assert " · 2024-03-03 · " in out and "12:00" not in out and "00:00" not in out
    code, out, _ = run(capsys, "--db", str(db_path), "list")
    assert "2024-03-03  Why Gardens Grow" in out
