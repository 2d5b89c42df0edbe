"""Search snippets in the article list: the matched words drawn bold in their own colour."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.query import HIGHLIGHT_END, HIGHLIGHT_START
from reader.library import Library
from reader.ui.main_window import MainWindow
from reader.ui.snippet_painter import draw_snippet, snippet_pieces
from tests.ui.library_data import add_saved

H, E = HIGHLIGHT_START, HIGHLIGHT_END


def test_pieces_flatten_whitespace_and_keep_highlights() -> None:
    assert snippet_pieces(f"…the\n\n{H}quick{E}  brown {H}fox{E}…") == [
        ("…the ", False),
        ("quick", True),
        (" brown ", False),
        ("fox", True),
        ("…", False),
    ]


def _colours(image: QImage, left: int, right: int) -> set[int]:
    return {
        image.pixelColor(x, y).rgb() & 0xFFFFFF
        for x in range(left, right)
        for y in range(image.height())
    }


def test_highlights_are_drawn_in_their_colour_and_kept_inside(qapp: QApplication) -> None:
    image = QImage(400, 24, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, False)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    snippet = f"plain words and {H}matched{E} ones " + "and more " * 30
    draw_snippet(
        painter,
        QRect(10, 0, 300, 24),
        snippet,
        qapp.font(),
        color=QColor("black"),
        highlight=QColor("red"),
    )
    painter.end()
    inside = _colours(image, 10, 311)
    assert 0xFF0000 in inside
    assert 0x000000 in inside
    assert _colours(image, 312, 400) == {0xFFFFFF}
    assert _colours(image, 0, 10) == {0xFFFFFF}


def test_window_search_results_carry_snippets(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    add_saved(library, "Heap", text="A heap of compost warms up in a week.")
    window: MainWindow = make_window(library)  # type: ignore[operator]
    window.search_controller.run_search("composting")
    qtbot.waitUntil(lambda: window.article_list_model.rowCount() == 1)
    article = window.article_list_model.article(0)
    assert article is not None and article.snippet is not None
    assert f"{H}compost{E}" in article.snippet
    with_snippet = window.article_view.viewport().grab().toImage()
    window.article_list_model.update_local([article.id], snippet=None)
    without = window.article_view.viewport().grab().toImage()
    # The row's second line shows what matched; without a snippet it does not.
    assert with_snippet != without
