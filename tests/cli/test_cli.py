"""The command line, in-process: exit codes, messages and JSON shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.library import Library
from tests.factories import add_articles

ARTICLE_FIELDS = {
    "id",
    "title",
    "url",
    "feed_id",
    "feed_title",
    "author",
    "published",
    "added",
    "language",
    "word_count",
    "reading_minutes",
    "read",
    "starred",
    "archived",
    "tags",
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code, out, err = run(capsys, *args)
    assert code == 0, err
    return out


@pytest.fixture
def filled(db_path: Path) -> list[int]:
    with Library(db_path) as lib:
        ids = add_articles(lib, 3)
        lib.add_tags(ids[0], ["research"])
    return ids


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in (
        "gui", "add-feed", "feeds", "remove-feed", "refresh", "save", "list", "show",
        "search", "tag", "tags", "mark", "import", "export", "stats",
    ):  # fmt: skip
        assert command in out


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import build_parser

    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name in subparsers.choices:  # type: ignore[union-attr]
        with pytest.raises(SystemExit) as exit_info:
            main([name, "--help"])
        assert exit_info.value.code == 0, name
        assert "usage: folio" in capsys.readouterr().out


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["mark", "1"])
    assert exit_info.value.code == 2
    assert "one of the arguments" in capsys.readouterr().err


def test_list_json_has_the_stable_fields(
    db_path: Path, filled: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    out = ok(capsys, "--db", str(db_path), "list", "--json")
    items = json.loads(out)
    assert [i["id"] for i in items] == filled
    assert set(items[0]) >= ARTICLE_FIELDS
    assert items[0]["tags"] == ["research"]
    assert items[0]["published"].endswith("Z")


def test_list_filters(db_path: Path, filled: list[int], capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--db", str(db_path), "mark", str(filled[1]), "--read")
    out = ok(capsys, "--db", str(db_path), "list", "--unread", "--json")
    assert [i["id"] for i in json.loads(out)] == [filled[0], filled[2]]
    out = ok(capsys, "--db", str(db_path), "list", "--tag", "research", "--json")
    assert [i["id"] for i in json.loads(out)] == [filled[0]]
    out = ok(capsys, "--db", str(db_path), "list", "--limit", "1", "--json")
    assert len(json.loads(out)) == 1


def test_mark_tag_and_show(
    db_path: Path, filled: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    first = str(filled[0])
    assert run(capsys, "--db", str(db_path), "mark", first, "--star")[0] == 0
    assert run(capsys, "--db", str(db_path), "tag", first, "later", "reading")[0] == 0
    out = ok(capsys, "--db", str(db_path), "tag", first, "later", "--remove")
    assert out.strip() == f"{first}: reading, research"
    out = ok(capsys, "--db", str(db_path), "show", first, "--format", "json")
    data = json.loads(out)
    assert data["starred"] is True
    assert data["text"].startswith("Body number 0")
    assert data["html"].startswith("<p>")
    out = ok(capsys, "--db", str(db_path), "show", first, "--format", "markdown")
    assert out.startswith("# Article 0")
    out = ok(capsys, "--db", str(db_path), "show", first)
    assert "Tags: reading, research" in out


def test_user_errors_exit_1_with_one_line(
    db_path: Path, filled: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (
        ["show", "999"],
        ["show", "abc"],
        ["mark", "999", "--read"],
        ["tag", "1", "   "],
        ["delete", "12345"],
        ["remove-feed", "https://nowhere.example/feed"],
        ["list", "--feed", "77"],
    ):
        code, _out, err = run(capsys, "--db", str(db_path), *args)
        assert code == 1, args
        assert err.startswith("folio: error: "), args
        assert err.count("\n") == 1, args
        assert "Traceback" not in err


def test_a_bad_library_file_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"garbage" * 1000)
    code, _, err = run(capsys, "--db", str(bad), "list")
    assert code == 1
    assert "cannot open the library" in err


def test_folio_db_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "from-env.sqlite"
    monkeypatch.setenv("FOLIO_DB", str(target))
    out = ok(capsys, "stats", "--json")
    assert json.loads(out)["path"] == str(target)
    assert target.exists()


def test_default_library_lives_in_the_user_data_folder(capsys: pytest.CaptureFixture[str]) -> None:
    from platformdirs import user_data_path

    out = ok(capsys, "stats", "--json")
    assert (
        Path(json.loads(out)["path"]) == user_data_path("Folio", appauthor=False) / "library.sqlite"
    )


def test_search_and_delete(
    db_path: Path, filled: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    out = ok(capsys, "--db", str(db_path), "search", "number", "2", "--json")
    assert [i["id"] for i in json.loads(out)] == [filled[2]]
    out = ok(capsys, "--db", str(db_path), "search", '"unbalanced', "(", "--json")
    assert json.loads(out) == []
    assert run(capsys, "--db", str(db_path), "delete", str(filled[2]))[0] == 0
    out = ok(capsys, "--db", str(db_path), "stats", "--json")
    assert json.loads(out)["articles"] == 2


def test_save_a_text_file_then_find_it(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "note.txt"
    page.write_text(
        "Why the allotment matters\n\n"
        "Growing vegetables in a shared garden teaches patience. Every season brings new"
        " lessons about soil, water and neighbours who lend a spade.\n\n"
        "The waiting list is long, but the plots are worth the wait for anyone who likes"
        " working outdoors in the early morning before the city wakes up.\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--db", str(db_path), "save", str(page), "--tag", "t", "--json")
    assert code == 0, err
    saved = json.loads(out)
    assert saved["tags"] == ["t"]
    out = ok(capsys, "--db", str(db_path), "list", "--json")
    assert [i["id"] for i in json.loads(out)] == [saved["id"]]
    out = ok(capsys, "--db", str(db_path), "search", "allotment", "--json")
    assert [i["id"] for i in json.loads(out)] == [saved["id"]]


def test_saving_a_missing_file_is_a_user_error(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", str(db_path), "save", "/no/such/file.txt")
    assert code == 1
    assert err.startswith("folio: error: ")


def test_sizes_are_printed_as_people_read_them() -> None:
    from reader.cli.common import file_size

    assert file_size(0) == "0 kB"
    assert file_size(300) == "1 kB"
    assert file_size(21_300) == "21 kB"
    assert file_size(5 * 1_048_576 + 300_000) == "5.3 MB"
