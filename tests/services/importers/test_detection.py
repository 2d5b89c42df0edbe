"""Every format's sample goes to the detector, which must name its format and no other."""

from __future__ import annotations

import json

import pytest

from reader.core.errors import ImportFormatError
from reader.services.importers import (
    CSV_FORMATS,
    FORMATS,
    JSON_FORMATS,
    MARKUP_FORMATS,
    canonical_format,
    detect_format,
    matching_formats,
    parse_items,
)
from tests.services.importers.samples import (
    BUNDLE,
    LOOKALIKES,
    OMNIVORE_ZIP,
    POCKET_ZIP,
    READWISE_HIGHLIGHTS,
    READWISE_IMPORT_LAYOUT,
    READWISE_READER,
    SAMPLES,
    VARIANTS,
)

# A Raindrop.io bookmark file is a Netscape bookmark file: the general reader takes it too,
# and the detector names the particular one.
_GENERAL = {"raindrop-html": ["bookmarks"]}


def _data(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_each_sample_is_its_own_format_only(fmt: str) -> None:
    name, content = SAMPLES[fmt]
    data = _data(content)
    assert detect_format(data, name) == fmt
    assert detect_format(data) == fmt  # the content decides, not the name
    assert matching_formats(data) == [fmt, *_GENERAL.get(fmt, [])]


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_each_variant_is_its_own_format_only(name: str) -> None:
    fmt, content = VARIANTS[name]
    assert detect_format(content.encode()) == fmt
    assert matching_formats(content.encode()) == [fmt]


def test_no_test_accepts_another_formats_sample() -> None:
    contents = {fmt: content for fmt, (_, content) in SAMPLES.items()}
    contents |= {f"{fmt} ({name})": content for name, (fmt, content) in VARIANTS.items()}
    for label, content in contents.items():
        fmt = label.split(" ", 1)[0]
        found = set(matching_formats(_data(content)))
        others = found - {fmt} - set(_GENERAL.get(fmt, []))
        assert not others, f"the {label} sample is also taken for {sorted(others)}"


def test_readwise_names_either_readwise_csv_by_its_columns() -> None:
    # Readwise gives two CSVs: highlights (its export, or the layout it imports) and Reader's
    # list of documents. "readwise" means whichever the file is; without a file, highlights.
    assert canonical_format("readwise", READWISE_HIGHLIGHTS.encode()) == "readwise-highlights"
    assert canonical_format("readwise", READWISE_IMPORT_LAYOUT.encode()) == "readwise-highlights"
    assert canonical_format("Readwise", READWISE_READER.encode()) == "readwise-reader"
    assert canonical_format("readwise") == "readwise-highlights"
    assert canonical_format("readwise", b"title,url\nx,https://x.example/\n") == (
        "readwise-highlights"
    )


@pytest.mark.parametrize(
    ("fmt", "content", "hint"),
    [
        ("readwise-highlights", READWISE_READER, "import it as readwise-reader"),
        ("readwise-reader", READWISE_HIGHLIGHTS, "import it as readwise-highlights"),
    ],
)
def test_the_other_readwise_csv_is_named_when_forced(fmt: str, content: str, hint: str) -> None:
    with pytest.raises(ImportFormatError, match=hint):
        list(parse_items(content.encode(), fmt))


def test_every_detected_format_has_a_sample() -> None:
    tested = {key for key, _ in JSON_FORMATS + CSV_FORMATS + MARKUP_FORMATS}
    assert tested - {"folio", "opml"} <= set(SAMPLES)
    assert set(SAMPLES) <= set(FORMATS)


def test_zips_are_told_apart() -> None:
    assert detect_format(OMNIVORE_ZIP) == "omnivore"
    assert detect_format(POCKET_ZIP) == "pocket"
    assert detect_format(BUNDLE, "exports.zip") == "zip"


@pytest.mark.parametrize("name", sorted(LOOKALIKES))
def test_lookalikes_are_refused_not_misread(name: str) -> None:
    data = LOOKALIKES[name].encode()
    assert matching_formats(data) == []
    with pytest.raises(ImportFormatError, match="not in a format Folio reads"):
        detect_format(data)


def test_wallabag_versions_are_not_confused_by_a_missing_flag() -> None:
    # Entries that lack a field still tell their version by the others.
    v1 = [{"url": "https://a.example/", "is_read": "1"}, {"url": "https://b.example/"}]
    v2 = [{"url": "https://a.example/", "is_archived": 1}, {"url": "https://b.example/"}]
    assert matching_formats(json.dumps(v1).encode()) == ["wallabag-v1"]
    assert matching_formats(json.dumps(v2).encode()) == ["wallabag"]


def test_new_format_names_and_aliases() -> None:
    assert canonical_format("wallabag1") == "wallabag-v1"
    assert canonical_format("Readwise-Reader") == "readwise-reader"
    assert canonical_format("raindrop-csv") == "raindrop"
    for key in (
        "delicious",
        "readability",
        "elcurator",
        "feedbin",
        "raindrop-html",
        "zip",
        "readwise-highlights",
        "readwise-reader",
    ):
        assert canonical_format(key) == key
