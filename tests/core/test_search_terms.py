"""Finding a search's words in an article's text, as the full-text index finds them."""

from __future__ import annotations

from reader.core.query import parse_query
from reader.core.search_terms import TermFinder, search_terms


def found(query: str, text: str, language: str | None = "en") -> list[str]:
    finder = TermFinder(search_terms(parse_query(query)), language)
    return [text[start:end] for start, end in finder.spans(text)]


def test_words_in_every_form_case_and_accent() -> None:
    text = "Running, she runs; the RUN ended. A runner? Café cafe"
    assert found("running", text) == ["Running", "runs", "RUN"]
    assert found("cafe", text) == ["Café", "cafe"]


def test_german_words_by_their_german_stem() -> None:
    text = "Die Partnerschaften und eine Partnerschaft, aber kein Partner."
    assert found("Partnerschaft", text, "de") == ["Partnerschaften", "Partnerschaft"]


def test_phrases_prefixes_and_what_is_left_out() -> None:
    text = "A heat  pump heats; heat and pump apart. Lighthouses and lights."
    assert found('"heat pump"', text) == ["heat  pump"]
    assert found("light*", text) == ["Lighthouses", "lights"]
    assert found('"heat pu*"', text) == ["heat  pump"]
    assert found("pump -heat", text) == ["pump", "pump"]
    assert found("tag:energy is:unread", text) == []


def test_a_language_without_a_stemmer_still_finds_the_word() -> None:
    assert found("東京", "東京 と 大阪", "ja") == ["東京"]
