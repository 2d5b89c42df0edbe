"""Names that look unused to vulture because a framework calls them: Qt's virtual methods,
peewee's model options and field hooks, and the fake sync server's handlers, looked up by the
request's path. Listed as real references, so mypy fails here when one is renamed or removed.
``python3 tasks.py test`` runs vulture over the tree with this file (settings in pyproject.toml).
"""

from __future__ import annotations

from reader.store.fields import UTCDateTimeField
from reader.store.models import BaseModel
from reader.ui.article_browser import ArticleBrowser
from reader.ui.flow_layout import FlowLayout
from reader.ui.icons import SvgIconEngine
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_model import SidebarModel
from reader.ui.tag_bar import TagBar
from reader.ui.theme import LIGHT
from tests.fake_greader import FakeGReader

# Qt calls these overrides of QLayout, QIconEngine, QWidget and QAbstractItemModel.
ArticleBrowser.contextMenuEvent
FlowLayout.itemAt
FlowLayout.takeAt
FlowLayout.expandingDirections
FlowLayout.hasHeightForWidth
TagBar.hasHeightForWidth
SvgIconEngine.clone
SvgIconEngine.iconName
MainWindow.dragEnterEvent
MainWindow.dragMoveEvent
SidebarModel.columnCount
SidebarModel.mimeTypes
SidebarModel.supportedDropActions
SidebarModel.supportedDragActions

# Theme colours are read by name from the stylesheets' @name@ placeholders.
LIGHT.accent
LIGHT.accent_text

# peewee reads a model's Meta options and calls a field's python_value.
BaseModel.Meta
BaseModel.Meta.legacy_table_names
UTCDateTimeField.python_value

# The fake Google Reader server finds its handler from the request's path.
FakeGReader._user_info
FakeGReader._tag_list
FakeGReader._subscription_list
FakeGReader._subscription_edit
FakeGReader._rename_tag
FakeGReader._stream_items_ids
FakeGReader._stream_items_contents
FakeGReader._edit_tag


def _instance_attributes(window: MainWindow, browser: ArticleBrowser) -> None:
    # The window keeps its focus keys' object under a name; Qt's parent keeps it alive.
    window.pane_focus
    # The reading view holds the context menu it popped up, which has no parent to keep it.
    browser.context_menu
    # The window names the work it runs after its first paint (its parent keeps it).
    window.after_first_paint


_instance_attributes
