"""Take the README's screenshots of the window on the demo library (its feeds and pages are
served from 127.0.0.1 while it runs):

- docs/screenshot.png: 1280 × 800, Unread, the lighthouse article;
- docs/screenshot-small.png: 900 × 600, the same article in a small window;
- docs/screenshot-search.png: 1280 × 800, the results of a search, the words found marked;
- docs/screenshot-highlights.png: 1280 × 800, the article with highlights in three colours,
  the popup of one with its note, and the article's own note above its text (and
  screenshot-highlights-small.png, 900 × 600, without the popup, to look at).

QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshot.py [--dark] [--lang de]
    [--only NAME] [DIR]

NAME is window, small, search, highlights or highlights-small; DIR (docs/ by default) is where
the PNGs go. With --dark the files are named …-dark.png; with --lang de the window speaks German
(run ``python3 tasks.py setup`` first, which builds the translations) and the files are named
…-de.png.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIGHTHOUSE = {"en": "How a Lighthouse Lens Works", "de": "Wie eine Leuchtturmlinse funktioniert"}
# The search scene's words, in the sample set's language.
SEARCH_WORDS = {"light": {"en": "light", "de": "Licht"}}


@dataclass(frozen=True)
class Scene:
    name: str
    file: str
    size: tuple[int, int]
    search: str | None = None
    highlights: bool = False


SCENES = (
    Scene("window", "screenshot", (1280, 800)),
    Scene("small", "screenshot-small", (900, 600)),
    Scene("search", "screenshot-search", (1280, 800), search="light"),
    Scene("highlights", "screenshot-highlights", (1280, 800), highlights=True),
    Scene("highlights-small", "screenshot-highlights-small", (900, 600), highlights=True),
)
# The article's note, and its highlights: (words of the text, colour, note).
ARTICLE_NOTE = "For the talk on coastal history: the lens section and the bit about the keepers."
HIGHLIGHTS = (
    (0, "green", None),
    (2, "yellow", "The key idea: bend the light rather than reflect it."),
    (5, "blue", "Check the figure in the museum guide."),
)
# The highlight whose popup is open in the picture.
POPUP_HIGHLIGHT = 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "docs")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--only", choices=[s.name for s in SCENES])
    parser.add_argument("--lang", choices=["en", "de"], default="en")
    args = parser.parse_args()

    from reader.app.application import create_application
    from reader.app.demo import DemoSession
    from reader.app.translations import install_translations

    app = create_application()
    install_translations(args.lang)
    demo = DemoSession()
    try:
        for scene in SCENES:
            # The highlights scenes mark passages of the English sample article.
            if scene.highlights and args.lang != "en":
                continue
            if args.only in (None, scene.name):
                suffix = ("-dark" if args.dark else "") + ("-de" if args.lang == "de" else "")
                target = args.folder / f"{scene.file}{suffix}.png"
                take(app, demo, scene, target, dark=args.dark, language=args.lang)
                print(f"wrote {target}")
    finally:
        demo.close()


def take(
    app: object, demo: object, scene: Scene, target: Path, *, dark: bool, language: str
) -> None:
    from PySide6.QtCore import QEvent, QSettings
    from PySide6.QtWidgets import QApplication

    from reader.app.settings import Settings, ThemeChoice
    from reader.library.views import SmartView
    from reader.ui.main_window import MainWindow
    from reader.ui.sidebar_keys import ViewKey

    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        settings.mark_read_delay_ms = 60_000
        settings.theme = ThemeChoice.DARK if dark else ThemeChoice.LIGHT
        window = MainWindow(demo.library, settings=settings, demo=True)  # type: ignore[attr-defined]
        window.resize(*scene.size)
        window.show()
        window.wait_until_ready()
        while not window.sidebar_controller.loaded:
            QApplication.processEvents()
        window.wait_for_counts()
        window.sidebar_controller.open_key(ViewKey(SmartView.UNREAD))
        model = window.article_list_model
        if scene.search:
            words = SEARCH_WORDS[scene.search][language]
            window.search_box.setText(words)
            window.search_controller.run_search(words)
            while model.loading or model.rowCount() == 0:
                QApplication.processEvents()
        if scene.highlights:
            annotate(demo.library, lighthouse_id(model))  # type: ignore[attr-defined]
            # Listed again: the list reads the highlights' counts with its page.
            window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
            window.sidebar_controller.open_key(ViewKey(SmartView.UNREAD))
        for row in range(model.rowCount()):
            article = model.article(row)
            if article is not None and article.title == LIGHTHOUSE[language]:
                window.list_controller.select_row(row)
        window.article_view.setFocus()
        for _ in range(20):
            QApplication.processEvents()
        window.wait_for_counts()
        picture = window.grab()
        if scene.highlights and scene.size[0] >= 1280:
            picture = with_popup(window, picture)
        picture.save(str(target))
        window.close()
        # Each window goes before the next is made (and before the demo's library closes).
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def lighthouse_id(model: object) -> int:
    from reader.ui.article_list_model import ArticleListModel

    assert isinstance(model, ArticleListModel)
    for row in range(model.rowCount()):
        article = model.article(row)
        if article is not None and article.title == LIGHTHOUSE["en"]:
            return article.id
    raise SystemExit(f"the demo library has no {LIGHTHOUSE['en']!r}")


def with_popup(window: object, picture: object) -> object:
    """The window's picture with the popup of one highlight open over it (a pop-up is a
    window of its own, which grabbing the main window leaves out)."""
    from PySide6.QtGui import QPainter, QPixmap, QTextCursor
    from PySide6.QtWidgets import QApplication

    from reader.ui.main_window import MainWindow

    assert isinstance(window, MainWindow) and isinstance(picture, QPixmap)
    pane = window.article_pane
    shown = [h for h in pane.highlights.highlights if h.placed]
    highlight = shown[min(POPUP_HIGHLIGHT, len(shown) - 1)]
    found = pane.browser.document().find(highlight.quote[-12:])
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(found.selectionEnd())
    rect = pane.browser.cursorRect(cursor)
    at = pane.browser.viewport().mapToGlobal(rect.bottomLeft())
    window.highlight_commands.open_popup(highlight.id, at)
    popup = window.highlight_commands.popup
    assert popup is not None
    # Where a click would open it (the offscreen screen is smaller than the window).
    popup.move(at.x() - 20, at.y() + 12)
    for _ in range(10):
        QApplication.processEvents()
    painter = QPainter(picture)
    painter.drawPixmap(popup.pos() - window.pos(), popup.grab())
    painter.end()
    popup.close()
    return picture


def annotate(library: object, article_id: int) -> None:
    """The article's note and a few highlights (once: the demo library is kept between
    scenes)."""
    import re

    from reader.core.highlights import HighlightColor
    from reader.library import Library

    assert isinstance(library, Library)
    if library.highlights.for_article(article_id):
        return
    text = library.highlights.reading_text(article_id)
    sentences = [m.span() for m in re.finditer(r"[A-Z][^.!?\n]{30,}[.!?]", text)]
    for number, color, note in HIGHLIGHTS:
        start, end = sentences[min(number, len(sentences) - 1)]
        library.highlights.add(article_id, start, end, color=HighlightColor(color), note=note)
    library.highlights.set_note(article_id, ARTICLE_NOTE)


if __name__ == "__main__":
    main()
