"""Decoding pages and text files: BOMs, declared charsets, detection, binary refusal."""

from __future__ import annotations

import pytest

from reader.core.errors import ExtractionError
from reader.services.encoding import decode_bytes, decode_text_file, looks_binary

TEXT = "Größere Äpfel für Café Noël – «très» bien"


def test_byte_order_marks() -> None:
    assert decode_bytes(b"\xef\xbb\xbf" + TEXT.encode()) == TEXT
    assert decode_bytes(TEXT.encode("utf-16")) == TEXT
    assert decode_bytes(b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le")) == TEXT


def test_declared_charset_is_used_when_the_bytes_are_not_utf8() -> None:
    page = f'<html><head><meta charset="windows-1252"></head><body>{TEXT}</body></html>'
    assert TEXT in decode_bytes(page.encode("cp1252"))
    # An HTTP charset counts too, for text without a <meta>.
    latin = "Größere Äpfel für Café Noël, «très» bien, 5 €"
    assert decode_bytes(latin.encode("iso-8859-15"), http_charset="iso-8859-15") == latin


def test_utf8_bytes_win_over_a_wrong_declaration() -> None:
    page = f'<html><head><meta charset="iso-8859-1"></head><body>{TEXT}</body></html>'
    assert TEXT in decode_bytes(page.encode("utf-8"))


def test_undeclared_legacy_encoding_is_detected() -> None:
    russian = "Сад растёт, потому что люди ухаживают за ним с терпением и водой каждый день."
    assert decode_bytes((russian * 3).encode("cp1251")) == russian * 3


def test_binary_and_empty_files_are_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00"
    assert looks_binary(png * 20)
    assert not looks_binary(TEXT.encode("utf-16"))
    with pytest.raises(ExtractionError, match="binary"):
        decode_text_file(png * 20, name="picture.txt")
    with pytest.raises(ExtractionError, match="empty"):
        decode_text_file(b"  \n\t ", name="blank.txt")


def _read_as_windows_1252(text: str) -> str:
    """UTF-8 text read back as a browser reads windows-1252 (its five unassigned bytes
    become the control characters of the same number)."""
    return "".join(
        chr(byte) if byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([byte]).decode("cp1252")
        for byte in text.encode("utf-8")
    )


def test_double_encoded_text_is_repaired_and_other_text_left_alone() -> None:
    from reader.services.encoding import repair_mojibake

    right = "We don’t water at noon — the café’s garden agrees… “Really”."
    garbled = _read_as_windows_1252(right)
    assert "â€" in garbled
    assert repair_mojibake(garbled) == right
    # Latin-1 readings lose the C1 bytes' punctuation into control characters; still repaired.
    assert repair_mojibake(right.encode("utf-8").decode("latin-1")) == right
    # One stray sign is not enough to touch a text, and sound text is never changed.
    lone = "Prices in Â£ and a note"
    assert repair_mojibake(lone) is lone
    assert repair_mojibake(right) is right
    assert repair_mojibake("Ångström, Ærø, São Paulo, Âme") == "Ångström, Ærø, São Paulo, Âme"


def test_a_page_the_site_double_encoded_is_extracted_readable() -> None:
    from reader.services.extract import extract_page
    from tests.services.article_pages import PARAGRAPHS, article_page

    soil = "Soil’s what matters — “compost”, they say, and they’re right…"
    page_text = article_page(paragraphs=(PARAGRAPHS[0], soil, *PARAGRAPHS[2:]))
    page = extract_page(_read_as_windows_1252(page_text), "https://plot.example/g")
    assert soil in page.text
    assert "â€" not in page.text
