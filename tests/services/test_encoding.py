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
