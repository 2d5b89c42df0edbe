"""The window's language: Folio's own translations and Qt's, from the system locale or a choice.

The language is the first of the system's UI languages (``LANGUAGE``, ``LC_ALL``, ``LANG`` …)
that Folio speaks, unless ``folio gui --lang`` or Preferences names one. The texts in the code
are English; ``folio_en.qm`` adds only the English plural forms ("1 article", "2 articles").
The ``.qm`` files are built from ``resources/translations/*.ts`` by ``python3 tasks.py``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from reader.app.resources import resource_path

log = logging.getLogger(__name__)

# The languages the window speaks, by their ISO 639-1 code, with their own names.
LANGUAGES = {"en": "English", "de": "Deutsch"}
DEFAULT_LANGUAGE = "en"


def language_code(name: str | None) -> str | None:
    """The language Folio speaks for a locale or language name ("de", "de_AT.UTF-8", "de-CH"),
    or None if it speaks none of that name."""
    if not name:
        return None
    code = name.replace("-", "_").split("_", 1)[0].split(".", 1)[0].lower()
    return code if code in LANGUAGES else None


def choose_language(chosen: str | None = None, system: QLocale | None = None) -> str:
    """``chosen`` when Folio speaks it, else the first of the system's UI languages it speaks,
    else English."""
    code = language_code(chosen)
    if code is not None:
        return code
    locale = system if system is not None else QLocale.system()
    for name in locale.uiLanguages():
        code = language_code(name)
        if code is not None:
            return code
    return DEFAULT_LANGUAGE


def locale_for(language: str, system: QLocale | None = None) -> QLocale:
    """The locale dates and numbers follow: the system's when it is in ``language`` (Austrian
    German keeps "Jänner"), else the language's own."""
    locale = system if system is not None else QLocale.system()
    if language_code(locale.name()) == language:
        return locale
    return QLocale(language)


@dataclass
class Translations:
    """The translators installed on the application, kept so they live as long as it does."""

    language: str
    translators: list[QTranslator]

    def remove(self) -> None:
        for translator in self.translators:
            QCoreApplication.removeTranslator(translator)
        self.translators.clear()


def install_translations(
    language: str, system: QLocale | None = None, folder: Path | None = None
) -> Translations:
    """Make ``language`` the window's: its translations for Folio's texts (the .qm files in
    ``folder``, by default Folio's resources) and for Qt's own dialogs and buttons, and its
    locale for dates and numbers."""
    QLocale.setDefault(locale_for(language, system))
    installed: list[QTranslator] = []
    app = QCoreApplication.instance()
    own = QTranslator(app)
    where = folder if folder is not None else resource_path("translations")
    if own.load(f"folio_{language}", str(where)):
        installed.append(own)
    else:
        log.warning("no translations for %s: run python3 tasks.py translations", language)
    if language != DEFAULT_LANGUAGE:
        qt = QTranslator(app)
        if qt.load(QLocale(language), "qtbase", "_", qt_translations_dir()):
            installed.append(qt)
        else:
            log.info("Qt has no translations for %s here", language)
    for translator in installed:
        QCoreApplication.installTranslator(translator)
    return Translations(language, installed)


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` where it is defined (a table of labels),
    to be translated where it is shown; pyside6-lupdate finds it by this name. Qt's own
    returns ``object`` to a type checker."""
    return text
