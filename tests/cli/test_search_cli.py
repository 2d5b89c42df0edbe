"""folio search, views, rule and tag-edit, in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.library import Library
from reader.store import articles as store_articles
from tests.factories import BASE_TIME, make_input


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(db_path: Path) -> str:
    def write() -> None:
        for title, text in [
            ("Morning runs", "She runs every morning before work."),
            ("Garden diary", "Runner beans and tomatoes."),
            ("Budget night", "Parliament argued about the budget."),
        ]:
            store_articles.insert_article(make_input(title, text), now=BASE_TIME)

    with Library(db_path) as lib:
        lib.writer.run(write)
    return str(db_path)


def test_search_marks_the_matched_words(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, _ = run(capsys, "--db", db, "search", "running")
    assert code == 0
    assert "Morning runs" in out
    assert "[runs] every morning" in out
    assert out.strip().endswith("1 result")
    code, out, _ = run(capsys, "--db", db, "search", "running OR bean", "--json")
    rows = json.loads(out)
    assert {r["title"] for r in rows} == {"Morning runs", "Garden diary"}
    assert {r["snippet"] for r in rows} == {
        "She [runs] every morning before work.",
        "Runner [beans] and tomatoes.",
    }
    code, out, _ = run(capsys, "--db", db, "search", "--count", "budget")
    assert (code, out.strip()) == (0, "1")


def test_search_reads_anything_and_notes_what_it_reinterpreted(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    for query in ['"unclosed', "-", "OR OR", "is:soon", "((( ))) ***", "tag:"]:
        assert run(capsys, "--db", db, "search", query)[0] == 0, query
    err = run(capsys, "--db", db, "search", "is:soon")[2]
    assert "note: is:soon is not a filter" in err


def test_search_help_shows_the_syntax(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "is:unread" in out and "after:7d" in out and '"climate policy"' in out


def test_views(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, _ = run(capsys, "--db", db, "views")
    assert "No saved searches" in out
    code, out, _ = run(capsys, "--db", db, "views", "add", "Runs", "running OR runner")
    assert (code, out.strip()) == (0, "Saved 'Runs': 2 articles, 2 unread")
    code, out, _ = run(capsys, "--db", db, "search", "budget", "--save", "Money")
    code, out, _ = run(capsys, "--db", db, "views", "--json")
    views = json.loads(out)
    assert [(v["name"], v["unread"], v["total"]) for v in views] == [
        ("Runs", 2, 2),
        ("Money", 1, 1),
    ]
    code, out, _ = run(capsys, "--db", db, "views", "show", "runs")
    assert "Morning runs" in out and "Garden diary" in out
    code, out, _ = run(capsys, "--db", db, "views", "rename", "Runs", "Running")
    assert code == 0
    code, _, err = run(capsys, "--db", db, "views", "add", "running", "x")
    assert code == 1 and "already a saved search" in err
    code, out, _ = run(capsys, "--db", db, "views", "remove", "Running")
    assert "Deleted the view 'Running'" in out
    code, _, err = run(capsys, "--db", db, "views", "show", "Running")
    assert code == 1 and err.startswith("folio: error: no saved search")


def test_rules(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, _ = run(capsys, "--db", db, "rule", "add", "bean*", "--tag", "garden", "--apply-now")
    assert code == 0
    assert "when bean*: add tag garden" in out and "Applied to 1 article" in out
    code, out, _ = run(capsys, "--db", db, "rule", "add", "budget", "--archive")
    code, out, _ = run(capsys, "--db", db, "rule", "list", "--json")
    rules = json.loads(out)
    assert [(r["action"], r["argument"]) for r in rules] == [("tag", "garden"), ("archive", None)]
    code, out, _ = run(capsys, "--db", db, "rule", "disable", f"#{rules[1]['id']}")
    assert "(disabled)" in out
    code, out, _ = run(capsys, "--db", db, "rule", "preview", str(rules[0]["id"]))
    assert "Garden diary" in out and "1 article match now" in out
    code, _, err = run(capsys, "--db", db, "rule", "add", "x", "--tag", "  ")
    assert code == 1 and "needs the tag's name" in err
    code, out, _ = run(capsys, "--db", db, "rule", "remove", str(rules[0]["id"]))
    assert "Deleted rule" in out
    code, _, err = run(capsys, "--db", db, "rule", "remove", "999")
    assert code == 1 and "no rule with id 999" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", db, "rule", "remove", "abc"])
    assert exit_info.value.code == 2
    assert "not a rule id: 'abc'" in capsys.readouterr().err


def test_tag_edit(capsys: pytest.CaptureFixture[str], db: str, db_path: Path) -> None:
    with Library(db_path) as lib:
        lib.add_tags(1, ["Fitness"])
        lib.add_tags(2, ["garden", "veg"])
    assert run(capsys, "--db", db, "tag-edit", "merge", "veg", "--into", "garden")[0] == 0
    assert run(capsys, "--db", db, "tag-edit", "rename", "garden", "Allotment")[0] == 0
    code, out, _ = run(capsys, "--db", db, "tag-edit", "color", "allotment", "#00AA00")
    assert out.strip() == "allotment: #00aa00"
    code, _, err = run(capsys, "--db", db, "tag-edit", "color", "allotment", "greenish")
    assert code == 1 and "not a colour" in err
    assert run(capsys, "--db", db, "tag-edit", "delete", "Fitness")[0] == 0
    code, _, err = run(capsys, "--db", db, "tag-edit", "delete", "Fitness")
    assert code == 1 and "no tag named" in err
    with Library(db_path) as lib:
        assert [(t.name, t.color) for t in lib.list_tags()] == [("Allotment", "#00aa00")]
