"""The window's translations: every text in the code is in the .ts files and has a finished
German translation that keeps its placeholders, plural forms and menu keys; the language
follows the system unless one is chosen."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale

from reader.app.translations import choose_language, language_code, locale_for
from tests.translation_files import ROOT, TRANSLATIONS, qt_tool

PLACEHOLDER = re.compile(r"\{\w*\}")
COUNT = re.compile(r"%L?n")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    state: str | None  # the translation's type: None when finished
    forms: tuple[str, ...]  # the translation, or its plural forms


def read_ts(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            numerus = message.get("numerus") == "yes"
            if numerus:
                forms = tuple(f.text or "" for f in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            messages.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    numerus,
                    translation.get("type"),
                    forms,
                )
            )
    return messages


def sources() -> list[str]:
    return sorted(
        str(p.relative_to(ROOT)) for d in ("app", "ui") for p in (ROOT / "reader" / d).rglob("*.py")
    )


@pytest.mark.parametrize("name", ["folio_de.ts", "folio_en.ts"])
def test_the_ts_files_hold_every_text_of_the_window(tmp_path: Path, name: str) -> None:
    """What pyside6-lupdate finds in the code today is exactly what the file holds: a text
    added or changed in the code fails here until ``python3 tasks.py translations`` brings it
    in and someone translates it."""
    committed = TRANSLATIONS / name
    fresh = tmp_path / name
    shutil.copy(committed, fresh)
    options = ["-locations", "none", "-no-obsolete"]
    if name == "folio_en.ts":
        options.append("-pluralonly")
    subprocess.run(
        [qt_tool("pyside6-lupdate"), *options, *sources(), "-ts", str(fresh)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    before = {(m.context, m.source) for m in read_ts(committed)}
    after = {(m.context, m.source) for m in read_ts(fresh)}
    assert sorted(after - before) == [], "texts in the code missing from " + name
    assert sorted(before - after) == [], "texts in " + name + " no longer in the code"


def test_every_german_text_is_translated_and_keeps_its_parts() -> None:
    messages = read_ts(TRANSLATIONS / "folio_de.ts")
    assert len(messages) > 300
    problems = []
    for m in messages:
        where = f"{m.context}: {m.source!r}"
        if m.state is not None:
            problems.append(f"{where} is {m.state}")
            continue
        if not all(form.strip() for form in m.forms):
            problems.append(f"{where} has an empty translation")
            continue
        wanted = sorted(PLACEHOLDER.findall(m.source))
        for form in m.forms:
            if sorted(PLACEHOLDER.findall(form)) != wanted:
                problems.append(f"{where}: {form!r} does not keep the placeholders {wanted}")
            if m.source.count("&") == 1 and form.count("&") != 1:
                problems.append(f"{where}: {form!r} has no menu key (&)")
            if m.source.endswith("…") != form.endswith("…"):
                problems.append(f"{where}: {form!r} does not keep the trailing …")
            if m.source.count("\n") != form.count("\n"):
                problems.append(f"{where}: {form!r} does not keep the line breaks")
        if m.numerus:
            count = COUNT.search(m.source)
            if len(m.forms) != 2:
                problems.append(f"{where} needs German's two plural forms")
            elif count is None or count.group() not in m.forms[-1]:
                problems.append(f"{where}: the plural form {m.forms[-1]!r} does not show %n")
        elif COUNT.search(m.source):
            problems.append(f"{where} counts with %n but is not marked as plural")
    assert problems == []


def test_the_english_file_holds_every_plural_form() -> None:
    messages = read_ts(TRANSLATIONS / "folio_en.ts")
    assert messages and all(m.numerus for m in messages)
    for m in messages:
        assert m.state is None, m.source
        assert len(m.forms) == 2, m.source
        assert "(s)" not in "".join(m.forms), m.source
        assert sorted(PLACEHOLDER.findall(m.forms[1])) == sorted(PLACEHOLDER.findall(m.source))


def test_the_language_follows_the_system_unless_one_is_chosen() -> None:
    assert choose_language(None, QLocale("de_AT")) == "de"
    assert choose_language(None, QLocale("en_GB")) == "en"
    # A language Folio does not speak: English.
    assert choose_language(None, QLocale("fr_FR")) == "en"
    assert choose_language("en", QLocale("de_DE")) == "en"
    assert choose_language("de", QLocale("en_US")) == "de"
    assert choose_language("fr", QLocale("de_CH")) == "de"
    assert language_code("de_CH.UTF-8") == "de"
    assert language_code("de-AT") == "de"
    assert language_code("C") is None
    assert language_code("") is None


def test_dates_follow_the_system_locale_in_its_language() -> None:
    # An Austrian system keeps its own month names; German chosen on an English system gets
    # German's.
    assert locale_for("de", QLocale("de_AT")).name() == "de_AT"
    assert locale_for("de", QLocale("en_US")).language() == QLocale.Language.German
    assert locale_for("en", QLocale("de_DE")).language() == QLocale.Language.English
    german = locale_for("de", QLocale("en_US"))
    assert german.toString(QDate(2026, 12, 4), "d. MMMM yyyy") == "4. Dezember 2026"
    assert german.toString(1234567) == "1.234.567"


def test_the_window_translates_the_search_syntax_help_the_command_line_shows() -> None:
    from reader.core.query import SYNTAX_HELP
    from reader.ui.search_help import WINDOW_SYNTAX_HELP

    assert WINDOW_SYNTAX_HELP == SYNTAX_HELP
