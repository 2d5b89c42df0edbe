from __future__ import annotations

import pytest

from reader.services.language import detect_language, stopwords


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Kühlschrank ist kein guter Ort für Kaffee, weil er Gerüche annimmt.", "de"),
        ("The researchers placed small sensors on lamp posts across the city.", "en"),
        ("L'automne est la meilleure saison pour planter les bulbes de printemps.", "fr"),
        ("El otoño es la mejor estación para plantar los bulbos de primavera.", "es"),
        ("De onderzoekers plaatsten kleine sensoren op lantaarnpalen in de stad.", "nl"),
        ("Gli alberi in città rinfrescano le strade durante le estati più calde.", "it"),
    ],
)
def test_detects_the_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text", ["", "   ", "OK", "12.03.2025 – 4,5 %", "https://example.org/a-b-c"]
)
def test_too_little_to_tell_gives_none(text: str) -> None:
    assert detect_language(text) is None


def test_a_long_text_is_judged_by_its_beginning() -> None:
    text = "Dies ist ein ganz gewöhnlicher deutscher Satz über das Wetter. " * 20_000
    assert detect_language(text) == "de"


def test_stopwords_per_language() -> None:
    assert "und" in stopwords("de")
    assert "the" in stopwords("en")
    assert "les" in stopwords("fr")
    assert stopwords("DE") == stopwords("de")
    assert stopwords(None) == frozenset()
    assert stopwords("xx") == frozenset()
