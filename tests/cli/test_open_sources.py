"""``folio FILE…`` and ``folio URL…``: the grammar, and the files made ready for the window."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import build_parser
from reader.cli.open_sources import resolve_sources, with_gui_command
from reader.core.errors import UserError

COMMANDS = {"gui", "save", "search", "list", "install-desktop"}


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], []),
        (["page.html"], ["gui", "page.html"]),
        (["https://example.org/a"], ["gui", "https://example.org/a"]),
        (["file:///tmp/a.html"], ["gui", "file:///tmp/a.html"]),
        (["--db", "x.sqlite", "a.md", "b.txt"], ["--db", "x.sqlite", "gui", "a.md", "b.txt"]),
        (["--db=x.sqlite", "-v", "dir/notes"], ["--db=x.sqlite", "-v", "gui", "dir/notes"]),
        # Commands keep working, with files after them.
        (["save", "page.html"], ["save", "page.html"]),
        (["--db", "page.html", "list"], ["--db", "page.html", "list"]),
        (["gui", "page.html"], ["gui", "page.html"]),
        # A mistyped command stays a usage error rather than a missing file.
        (["serach", "solar"], ["serach", "solar"]),
        (["--version"], ["--version"]),
    ],
)
def test_a_first_argument_that_is_a_file_or_address_opens_the_window(
    argv: list[str], expected: list[str]
) -> None:
    assert with_gui_command(argv, COMMANDS) == expected


def test_an_existing_file_named_like_a_word_is_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README").write_text("notes")
    (tmp_path / "search").write_text("a file named like a command")
    assert with_gui_command(["README"], COMMANDS) == ["gui", "README"]
    assert with_gui_command(["search", "x"], COMMANDS) == ["search", "x"]
    assert with_gui_command(["./search"], COMMANDS) == ["gui", "./search"]


def test_the_real_command_names_are_known() -> None:
    parser = build_parser()
    args = parser.parse_args(with_gui_command(["notes.md"], {"gui"}))
    assert args.command == "gui" and args.sources == ["notes.md"]


def test_sources_become_absolute(tmp_path: Path) -> None:
    (tmp_path / "a page.html").write_text("<p>x</p>")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "n.md").write_text("# n")
    resolved = resolve_sources(
        [
            "a page.html",
            "sub/../sub/n.md",
            (tmp_path / "a page.html").as_uri(),
            " https://example.org/x ",
        ],
        cwd=tmp_path,
    )
    assert resolved == [
        str(tmp_path / "a page.html"),
        str(tmp_path / "sub" / "n.md"),
        str(tmp_path / "a page.html"),
        "https://example.org/x",
    ]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("missing.html", "no such file: missing.html"),
        ("sub", "sub is a folder; give Folio the files in it"),
        ("ftp://example.org/a", "not a web address Folio can fetch"),
        ("file://otherhost/a.html", "not a file on this computer"),
    ],
)
def test_what_cannot_be_opened_is_one_clear_error(
    tmp_path: Path, source: str, message: str
) -> None:
    (tmp_path / "sub").mkdir()
    with pytest.raises(UserError, match=message):
        resolve_sources([source], cwd=tmp_path)
