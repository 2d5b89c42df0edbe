"""Import files built to hurt: zip bombs, JSON nested past any export, numbers that are no
dates, names longer than any tag."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from reader.core import limits
from reader.core.errors import ImportFormatError
from reader.core.transfer import ImportItem, ImportProblem
from reader.services.importers import detect_format, parse_items
from reader.services.importers.archive import ExportArchive, MemberTooLarge
from reader.services.importers.common import from_epoch, parse_date
from reader.services.importers.folio_json import parse_folio_json

POCKET_HEADER = "title,url,time_added,tags,status\n"


def _split(entries: object) -> tuple[list[ImportItem], list[ImportProblem]]:
    items: list[ImportItem] = []
    problems: list[ImportProblem] = []
    for entry in entries:  # type: ignore[attr-defined]
        (items if isinstance(entry, ImportItem) else problems).append(entry)
    return items, problems


def _bomb(name: str, head: bytes, zeros: int) -> bytes:
    """A small .zip whose member unpacks to ``zeros`` bytes more than its head."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w") as member,
    ):
        member.write(head)
        chunk = b"\0" * (1 << 20)
        for _ in range(zeros >> 20):
            member.write(chunk)
    return buffer.getvalue()


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits of a few megabytes, so a bomb that exceeds them is quick to make."""
    monkeypatch.setattr(limits, "MAX_ZIP_MEMBER_BYTES", 2 * 1024 * 1024)
    monkeypatch.setattr(limits, "MAX_ZIP_TOTAL_BYTES", 5 * 1024 * 1024)


@pytest.mark.usefixtures("small_limits")
def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    data = _bomb("part_000000.csv", POCKET_HEADER.encode(), 8 * 1024 * 1024)
    assert len(data) < 64 * 1024
    assert detect_format(data, "pocket.zip") == "pocket"
    with pytest.raises(MemberTooLarge, match=r"part_000000\.csv in the \.zip unpacks to 8 MB"):
        list(parse_items(data, "pocket"))


@pytest.mark.usefixtures("small_limits")
def test_members_together_may_not_unpack_past_the_total() -> None:
    buffer = io.BytesIO()
    row = "T,https://example.org/{n},1700000000,,unread\n"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in range(4):
            body = POCKET_HEADER + row * (1_800_000 // len(row))
            archive.writestr(f"part_{part:06d}.csv", body)
    with pytest.raises(ImportFormatError, match="unpacks to more than 5 MB"):
        list(parse_items(buffer.getvalue(), "pocket"))


def test_a_pocket_zip_is_read_as_a_stream() -> None:
    rows = "".join(f"Title {n},https://example.org/{n},1700000000,a|b,unread\n" for n in range(3))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("part_000000.csv", "\ufeff" + POCKET_HEADER + rows)
    items, problems = _split(parse_items(buffer.getvalue(), "pocket"))
    assert [i.url for i in items] == [f"https://example.org/{n}" for n in range(3)]
    assert items[0].tags == ("a", "b") and not problems


def test_a_windows_encoded_member_is_read_as_windows_1252() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "part_000000.csv",
            (POCKET_HEADER + "Café,https://e.example/,1,,unread\n").encode("cp1252"),
        )
    [item] = _split(parse_items(buffer.getvalue(), "pocket"))[0]
    assert item.title == "Café"


def test_a_damaged_member_is_a_clear_error() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("part_000000.csv", POCKET_HEADER + "x,https://e.example/,1,,unread\n" * 50)
    data = bytearray(buffer.getvalue())
    start = data.index(b"part_000000.csv") + len("part_000000.csv")
    data[start + 10 : start + 20] = b"\xff" * 10  # the compressed bytes, not the directory
    with pytest.raises(ImportFormatError, match="damaged"):
        list(parse_items(bytes(data), "pocket"))


def test_an_omnivore_page_over_the_limit_is_left_out_with_a_note(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reader.services.importers import omnivore

    monkeypatch.setattr(omnivore, "MAX_DOWNLOAD_BYTES", 1000)
    meta = [{"url": "https://e.example/a", "slug": "a", "title": "A", "state": "SUCCEEDED"}]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("metadata_0_to_1.json", json.dumps(meta))
        archive.writestr("content/a.html", "<p>" + "x" * 5000 + "</p>")
    items, problems = _split(parse_items(buffer.getvalue(), "omnivore"))
    assert [i.url for i in items] == ["https://e.example/a"]
    assert items[0].content_html is None
    assert "content/a.html in the .zip unpacks to" in str(problems[0])


def test_member_reads_are_bounded_by_their_own_limit() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.json", "[" + "1," * 1000 + "1]")
    with ExportArchive(buffer.getvalue()) as archive, pytest.raises(MemberTooLarge):
        archive.read("a.json", limit=100)


# -- JSON nested past any export ---------------------------------------------------------------


def test_json_nested_a_hundred_thousand_deep_is_a_clear_error() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(ImportFormatError, match="nested too deeply"):
        detect_format(deep, "deep.json")
    with pytest.raises(ImportFormatError, match="nested too deeply"):
        parse_items(deep, "firefox")
    with pytest.raises(ImportFormatError, match="nested too deeply"):
        parse_folio_json(b'{"format": "folio-library", "articles": ' + deep + b"}")


def test_bookmark_folders_nested_too_deep_are_skipped_not_a_crash() -> None:
    node: dict[str, object] = {
        "type": "text/x-moz-place",
        "title": "Deep",
        "uri": "https://deep.example/",
    }
    for level in range(300):
        node = {"type": "text/x-moz-place-container", "title": f"F{level}", "children": [node]}
    root = {
        "type": "text/x-moz-place-container",
        "root": "placesRoot",
        "children": [
            node,
            {"type": "text/x-moz-place", "title": "Top", "uri": "https://top.example/"},
        ],
    }
    items, problems = _split(parse_items(json.dumps(root).encode(), "firefox"))
    assert [i.url for i in items] == ["https://top.example/"]
    assert "folders nested too deeply; skipped" in str(problems[0])


# -- numbers that are no dates -----------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "Infinity", "", "1e400"])
def test_values_that_are_not_times_are_no_date(value: str) -> None:
    assert from_epoch(value) is None


def test_a_pocket_csv_with_nan_and_empty_times_imports() -> None:
    data = (
        POCKET_HEADER
        + "A,https://e.example/a,nan,,unread\n"
        + "B,https://e.example/b,inf,,unread\n"
        + "C,https://e.example/c,,,archive\n"
        + "D,https://e.example/d,1700000000,,unread\n"
    ).encode()
    items, problems = _split(parse_items(data, "pocket"))
    assert [i.added for i in items[:3]] == [None, None, None]
    assert items[3].added is not None and items[3].added.year == 2023
    assert not problems


def test_json_nan_and_infinity_are_read_as_null() -> None:
    data = json.dumps(
        [{"href": "https://e.example/", "description": "x", "time": "nan", "tags": ""}]
    ).replace('"nan"', "NaN")
    [item] = _split(parse_items(data.encode(), "pinboard"))[0]
    assert item.added is None


@pytest.mark.parametrize(
    "value", ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00-05:00", "9999-12-31"]
)
def test_placeholder_dates_in_exports_are_no_date(value: str) -> None:
    assert parse_date(value) is None


def test_tags_longer_than_a_tag_are_shortened_not_fatal() -> None:
    data = (POCKET_HEADER + "A,https://e.example/a,1700000000," + "t" * 5000 + ",unread\n").encode()
    [item] = _split(parse_items(data, "pocket"))[0]
    assert item.tags == ("t" * 100,)
