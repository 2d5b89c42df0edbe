"""The window on the demo library, rendered to a PNG kept with the test run's files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from reader.app.demo import DemoSession
from reader.library.views import SmartView
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import ViewKey


def test_demo_library_renders(tmp_path_factory: object, make_window: object, qtbot: QtBot) -> None:
    demo = DemoSession()
    try:
        assert demo.report.problems == []
        window: MainWindow = make_window(demo.library, demo=True)  # type: ignore[operator]
        window.resize(1360, 820)
        qtbot.waitUntil(lambda: window.sidebar_model.unread(ViewKey(SmartView.UNREAD)) > 0)
        window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
        assert window.article_list_model.rowCount() >= 10
        window.list_controller.select_first()
        assert window.article_pane.article is not None
        out_dir: Path = tmp_path_factory.mktemp("artifacts")  # type: ignore[attr-defined]
        target = out_dir / "folio-demo-window.png"
        assert window.grab().save(str(target))
        image = QImage(str(target))
        assert image.width() >= 1300 and image.height() >= 780
        # Not a blank frame: the picture holds many colours.
        colours = {
            QColor(image.pixel(x, y)).name()
            for x in range(0, image.width(), 37)
            for y in range(0, image.height(), 29)
        }
        assert len(colours) > 20
        print(f"window screenshot: {target}")
        window.close()
    finally:
        demo.close()
    assert not demo.folder.exists()
