"""Hostile import files on the command line: one line on stderr, exit 1, nothing changed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from reader.cli import main
from reader.core import limits
from reader.library import Library


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _article_count(db_path: Path) -> int:
    with Library(db_path) as lib:
        return lib.stats().articles


def test_deeply_nested_json_is_one_line_and_exit_1(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    code, _, err = run(capsys, "--db", str(db_path), "import", str(deep))
    assert code == 1
    assert err.startswith("folio: error: ") and err.count("\n") == 1
    assert "nested too deeply" in err
    code, _, err = run(capsys, "--db", str(db_path), "import", str(deep), "--format", "folio")
    assert code == 1 and "nested too deeply" in err and err.count("\n") == 1


def test_a_pocket_csv_with_nan_imports(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "pocket.csv"
    source.write_text(
        "title,url,time_added,tags,status\n"
        "A,https://e.example/a,NaN,,unread\n"
        "B,https://e.example/b,inf,,unread\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--db", str(db_path), "import", str(source))
    assert code == 0, err
    assert _article_count(db_path) == 2


def test_a_zip_bomb_is_refused_and_changes_nothing(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_ZIP_MEMBER_BYTES", 2 * 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "part_000000.csv",
            "title,url,time_added,tags,status\nA,https://e.example/a,1700000000,,unread\n",
        )
        with archive.open("part_000001.csv", "w") as member:
            member.write(b"title,url,time_added,tags,status\n")
            for _ in range(6):
                member.write(b"\0" * (1 << 20))
    bomb = tmp_path / "pocket.zip"
    bomb.write_bytes(buffer.getvalue())
    code, _, err = run(capsys, "--db", str(db_path), "import", str(bomb))
    assert code == 1
    assert err == (
        "folio: error: part_000001.csv in the .zip unpacks to 6 MB;"
        " Folio reads members of up to 2 MB\n"
    )
    assert _article_count(db_path) == 0
