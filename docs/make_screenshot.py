"""Take docs/screenshot.png: the window on the demo library.

QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshot.py [--dark] [OUT.png]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reader.app.application import create_application
    from reader.app.demo import DemoSession
    from reader.app.settings import Settings, ThemeChoice
    from reader.library.views import SmartView
    from reader.ui.main_window import MainWindow
    from reader.ui.sidebar_keys import ViewKey

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    target = Path(args[0]) if args else ROOT / "docs" / "screenshot.png"
    app = create_application()
    demo = DemoSession()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        settings.mark_read_delay_ms = 60_000
        if "--dark" in sys.argv:
            settings.theme = ThemeChoice.DARK
        window = MainWindow(demo.library, settings=settings, demo=True)
        window.resize(1360, 820)
        window.show()
        window.wait_until_ready()
        while not window.sidebar_controller.loaded:
            app.processEvents()
        window.wait_for_counts()
        window.sidebar_controller.open_key(ViewKey(SmartView.UNREAD))
        for row in range(window.article_list_model.rowCount()):
            article = window.article_list_model.article(row)
            if article is not None and article.title == "How a Lighthouse Lens Works":
                window.list_controller.select_row(row)
        window.article_view.setFocus()
        for _ in range(20):
            QApplication.processEvents()
        window.wait_for_counts()
        window.grab().save(str(target))
        window.close()
    demo.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
