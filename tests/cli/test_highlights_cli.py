"""folio highlights, highlight, highlight-edit, highlight-remove and note, in-process."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from reader.cli import main
from reader.library import Library
from reader.store import articles as store_articles
from tests.factories import BASE_TIME, make_input
from tests.services.article_pages import PARAGRAPHS, article_page

TEXT = (
    "Heat pumps move heat instead of making it.\n\n"
    "In winter a heat pump takes warmth from the cold air outside.\n\n"
    "The best heat pump is the one sized for the house."
)


@pytest.fixture
def article(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("FOLIO_DB", str(db_path))
    with Library(db_path) as lib:
        return lib.writer.run(
            lambda: store_articles.insert_article(make_input("Heat pumps", TEXT), now=BASE_TIME)
        )


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_highlight_list_edit_and_remove(capsys: pytest.CaptureFixture[str], article: int) -> None:
    code, out, _ = run(
        capsys, "highlight", str(article), "--quote", "takes  warmth", "--note", "why?"
    )
    assert code == 0
    assert out == f"Highlight 1 in article {article}: “takes warmth”\n"
    code, out, _ = run(
        capsys, "highlight", str(article), "--quote", "heat pump", "--occurrence", "2",
        "--color", "green", "--json",
    )  # fmt: skip
    assert code == 0
    made = json.loads(out)
    assert made["quote"] == "heat pump" and made["color"] == "green" and made["placed"]
    assert made["prefix"].endswith("The best ")

    code, out, _ = run(capsys, "highlights", str(article))
    assert code == 0
    assert out.splitlines() == [
        f"Heat pumps  [article {article}]",
        "     1  “takes warmth”",
        "        note: why?",
        "     2  “heat pump” (green)",
    ]
    code, out, _ = run(capsys, "highlights", "--json")
    listed = json.loads(out)
    assert [h["id"] for h in listed] == [2, 1]
    assert listed[1]["article_title"] == "Heat pumps" and listed[1]["note"] == "why?"

    assert run(capsys, "highlight-edit", "1", "--color", "blue", "--no-note")[1] == (
        "Highlight 1: blue\n"
    )
    stats = json.loads(run(capsys, "stats", "--json")[1])
    assert (stats["highlights"], stats["highlights_unplaced"]) == (2, 0)
    assert "2 highlights\n" in run(capsys, "stats")[1]
    assert run(capsys, "highlight-remove", "2")[1] == "1 highlight removed\n"
    code, out, _ = run(capsys, "highlights", str(article), "--json")
    (remaining,) = json.loads(out)["highlights"]
    assert remaining["id"] == 1 and remaining["color"] == "blue" and remaining["note"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["highlight", "{id}", "--quote", "geothermal"], "the quote is not in the text"),
        (["highlight", "{id}", "--quote", "heat pump"], "occurs twice in article"),
        (["highlight", "{id}", "--quote", "move", "--color", "mauve"], "unknown colour 'mauve'"),
        (["highlight", "999", "--quote", "move"], "no article with id 999"),
        (["highlight", "x1", "--quote", "move"], "not an article id: 'x1'"),
        (["highlight-edit", "7", "--color", "blue"], "no highlight with id 7"),
        (["highlight-edit", "7"], "give --color, --note or --no-note"),
        (["highlight-remove", "1", "oops"], "not a highlight id: 'oops'"),
        (["highlights", "999"], "no article with id 999"),
        (["note", "{id}", "text", "--clear"], "give a note or --clear, not both"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], article: int, args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *(a.replace("{id}", str(article)) for a in args))
    assert code == 1 and out == ""
    assert err.startswith("folio: error: ") and message in err and err.count("\n") == 1
    assert json.loads(run(capsys, "highlights", "--json")[1]) == []


def test_an_article_note_is_set_shown_read_from_stdin_and_cleared(
    capsys: pytest.CaptureFixture[str], article: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "note", str(article))[1] == f"Article {article} has no note.\n"
    assert run(capsys, "note", str(article), "Ask the installer")[1] == (
        f"Article {article}: note saved\n"
    )
    assert run(capsys, "note", str(article))[1] == "Ask the installer\n"
    monkeypatch.setattr("sys.stdin", io.StringIO("Line one\nLine two\n"))
    run(capsys, "note", str(article), "-")
    assert run(capsys, "note", str(article))[1] == "Line one\nLine two\n"
    out = run(capsys, "highlights", str(article))[1]
    assert "Note: Line one\n      Line two\n" in out
    assert run(capsys, "note", str(article), "--clear")[1] == f"Article {article}: note removed\n"


def test_highlights_that_lose_their_passage_are_listed_apart(
    capsys: pytest.CaptureFixture[str], article: int, db_path: Path
) -> None:
    run(capsys, "highlight", str(article), "--quote", "sized for the house", "--note", "size")
    changed = make_input("Heat pumps", "Heat pumps move heat instead of making it.")
    with Library(db_path) as lib:
        lib.writer.run(lambda: store_articles.update_article(article, changed))
    code, out, _ = run(capsys, "highlights", str(article))
    assert code == 0
    assert out.splitlines()[1:] == [
        "Could not be placed in the article's text as it is now:",
        "     1  “sized for the house”",
        "        note: size",
    ]


def test_control_characters_of_an_imported_quote_stay_off_the_terminal(
    capsys: pytest.CaptureFixture[str], article: int, db_path: Path
) -> None:
    with Library(db_path) as lib:
        lib.highlights.add_quote(article, "move heat", note="bell\x07 and \x1b[31mred")
    out = run(capsys, "highlights")[1]
    assert "\x07" not in out and "\x1b" not in out and "bell and [31mred" in out


def test_reextract_says_which_highlights_lost_their_passage(
    capsys: pytest.CaptureFixture[str], db_path: Path, httpserver: HTTPServer
) -> None:
    pages = {"page": article_page()}
    httpserver.expect_request("/gardens").respond_with_handler(
        lambda request: Response(pages["page"], content_type="text/html")
    )
    with Library(db_path) as lib:
        article_id = lib.save(httpserver.url_for("/gardens")).article.id
    run(capsys, "--db", str(db_path), "highlight", str(article_id), "--quote", "a deep soak")
    run(capsys, "--db", str(db_path), "highlight", str(article_id), "--quote", "six hours")
    pages["page"] = article_page(paragraphs=PARAGRAPHS[:3])
    code, out, _ = run(capsys, "--db", str(db_path), "reextract", str(article_id), "--refetch")
    assert code == 0
    assert out.splitlines() == [
        "Extracted 1 article(s) again; 0 failed",
        f"Article {article_id}: 1 highlight could not be placed in the new text; kept"
        f" (see 'folio highlights {article_id}')",
    ]
