"""Take the README's screenshots of the window on the demo library (its feeds and pages are
served from 127.0.0.1 while it runs):

- docs/screenshot.png: 1280 × 800, Unread, the lighthouse article;
- docs/screenshot-small.png: 900 × 600, the same article in a small window;
- docs/screenshot-search.png: 1280 × 800, the results of a search, the words found marked.

QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshot.py [--dark] [--lang de]
    [--only NAME] [DIR]

NAME is window, small or search; DIR (docs/ by default) is where the PNGs go. With --dark the
files are named …-dark.png; with --lang de the window speaks German (run ``python3 tasks.py
setup`` first, which builds the translations) and the files are named …-de.png.
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


SCENES = (
    Scene("window", "screenshot", (1280, 800)),
    Scene("small", "screenshot-small", (900, 600)),
    Scene("search", "screenshot-search", (1280, 800), search="light"),
)


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
        for row in range(model.rowCount()):
            article = model.article(row)
            if article is not None and article.title == LIGHTHOUSE[language]:
                window.list_controller.select_row(row)
        window.article_view.setFocus()
        for _ in range(20):
            QApplication.processEvents()
        window.wait_for_counts()
        window.grab().save(str(target))
        window.close()
        # Each window goes before the next is made (and before the demo's library closes).
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


if __name__ == "__main__":
    main()
