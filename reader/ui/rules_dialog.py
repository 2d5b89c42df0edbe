"""The rules dialog: what happens to new articles that match a query, with a preview of what
a query matches in the library now."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.errors import UserError
from reader.core.rules import Rule, RuleAction
from reader.library import Library
from reader.ui.search_help import SearchHelpButton

_RULE_ID = Qt.ItemDataRole.UserRole
_ARTICLE_ID = Qt.ItemDataRole.UserRole
PREVIEW_LIMIT = 50


# The actions as the dialog names them: in its menu, and in its list of rules.
ACTION_TITLES = {
    RuleAction.TAG: QT_TRANSLATE_NOOP("RulesDialog", "Add tag"),
    RuleAction.READ: QT_TRANSLATE_NOOP("RulesDialog", "Mark read"),
    RuleAction.STAR: QT_TRANSLATE_NOOP("RulesDialog", "Star"),
    RuleAction.ARCHIVE: QT_TRANSLATE_NOOP("RulesDialog", "Archive"),
}
ACTION_LABELS = {
    RuleAction.READ: QT_TRANSLATE_NOOP("RulesDialog", "mark read"),
    RuleAction.STAR: QT_TRANSLATE_NOOP("RulesDialog", "star"),
    RuleAction.ARCHIVE: QT_TRANSLATE_NOOP("RulesDialog", "archive"),
}


class RulesDialog(QDialog):
    """Lists the rules (tick to enable), edits one at a time, and previews a query.

    Writes go straight to the library: each is one small row, quick on the GUI thread; a
    preview counts and lists at most ``PREVIEW_LIMIT`` articles, quick too.
    """

    rules_changed = Signal()
    # An article in the preview was double-clicked: the window can show it.
    article_activated = Signal(int)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle(self.tr("Rules for new articles"))
        self.setMinimumSize(620, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "When a new article (from a refresh, a save or an import) matches a rule's query,"
                " the rule acts on it. Rules run from top to bottom."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.rule_list = QListWidget(self)
        self.rule_list.setObjectName("ruleList")
        self.rule_list.setAccessibleName(self.tr("Rules"))
        layout.addWidget(self.rule_list, 2)

        form = QFormLayout()
        query_row = QHBoxLayout()
        self.query_edit = QLineEdit(self)
        self.query_edit.setObjectName("ruleQuery")
        self.query_edit.setPlaceholderText(self.tr('e.g. feed:"Ars" rocket* -tag:read'))
        self.query_edit.setClearButtonEnabled(True)
        query_row.addWidget(self.query_edit, 1)
        self.help_button = SearchHelpButton(self)
        query_row.addWidget(self.help_button)
        form.addRow(self.tr("When an article matches"), query_row)
        action_row = QHBoxLayout()
        self.action_combo = QComboBox(self)
        self.action_combo.setObjectName("ruleAction")
        for action in RuleAction:
            label = QCoreApplication.translate("RulesDialog", ACTION_TITLES[action])
            self.action_combo.addItem(label, action.value)
        action_row.addWidget(self.action_combo)
        self.tag_edit = QLineEdit(self)
        self.tag_edit.setObjectName("ruleTag")
        self.tag_edit.setPlaceholderText(self.tr("tag name"))
        completer = QCompleter([t.name for t in library.list_tag_names()], self.tag_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag_edit.setCompleter(completer)
        action_row.addWidget(self.tag_edit, 1)
        form.addRow(self.tr("then"), action_row)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("Preview matches"), self)
        self.preview_button.setObjectName("previewMatches")
        self.add_button = QPushButton(self.tr("Add rule"), self)
        self.add_button.setObjectName("addRule")
        self.update_button = QPushButton(self.tr("Save changes"), self)
        self.update_button.setObjectName("updateRule")
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("removeRule")
        for button in (self.preview_button, self.add_button, self.update_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout.addLayout(buttons)

        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(bright-text); background: #b3261e; padding: 6px;")
        self.error.hide()
        layout.addWidget(self.error)

        self.preview_label = QLabel(self)
        self.preview_label.setObjectName("previewSummary")
        layout.addWidget(self.preview_label)
        self.preview_list = QListWidget(self)
        self.preview_list.setObjectName("previewList")
        self.preview_list.setAccessibleName(self.tr("Articles the query matches now"))
        layout.addWidget(self.preview_list, 3)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)

        self.action_combo.currentIndexChanged.connect(self._action_changed)
        self.rule_list.currentItemChanged.connect(self._rule_selected)
        self.rule_list.itemChanged.connect(self._rule_toggled)
        self.preview_button.clicked.connect(self.preview)
        self.add_button.clicked.connect(self.add_rule)
        self.update_button.clicked.connect(self.update_rule)
        self.remove_button.clicked.connect(self.remove_rule)
        self.query_edit.returnPressed.connect(self.preview)
        self.preview_list.itemActivated.connect(
            lambda item: self.article_activated.emit(int(item.data(_ARTICLE_ID)))
        )
        self._action_changed()
        self.reload()

    def _describe(self, rule: Rule) -> str:
        """``Rule.describe`` in the window's language: "when rocket*: add tag space"."""
        if rule.action is RuleAction.TAG:
            action = self.tr("add tag {tag}").format(tag=rule.argument)
        else:
            action = QCoreApplication.translate("RulesDialog", ACTION_LABELS[rule.action])
        return self.tr("when {query}: {action}").format(query=rule.query, action=action)

    # -- state ---------------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        self.rule_list.blockSignals(True)
        self.rule_list.clear()
        for rule in self.library.list_rules():
            item = QListWidgetItem(self._describe(rule), self.rule_list)
            item.setData(_RULE_ID, rule.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked)
            if rule.id == select:
                self.rule_list.setCurrentItem(item)
        self.rule_list.blockSignals(False)
        self._update_buttons()

    def selected_rule(self) -> Rule | None:
        item = self.rule_list.currentItem()
        if item is None:
            return None
        return self.library.get_rule(int(item.data(_RULE_ID)))

    def _update_buttons(self) -> None:
        chosen = self.rule_list.currentItem() is not None
        self.update_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _action_changed(self) -> None:
        self.tag_edit.setEnabled(self.action_combo.currentData() == RuleAction.TAG.value)

    def _rule_selected(self) -> None:
        rule = self.selected_rule()
        self._update_buttons()
        if rule is None:
            return
        self.query_edit.setText(rule.query)
        self.action_combo.setCurrentIndex(self.action_combo.findData(rule.action.value))
        self.tag_edit.setText(rule.argument or "")
        self.hide_error()

    def _rule_toggled(self, item: QListWidgetItem) -> None:
        enabled = item.checkState() == Qt.CheckState.Checked
        self._write(lambda: self.library.update_rule(int(item.data(_RULE_ID)), enabled=enabled))

    # -- actions -------------------------------------------------------------------------------
    def _action(self) -> tuple[str, str | None]:
        action = str(self.action_combo.currentData())
        tag = self.tag_edit.text() if action == RuleAction.TAG.value else None
        return action, tag

    def _write(self, change: Callable[[], object]) -> Rule | None:
        try:
            rule = change()
        except UserError as exc:
            self.show_error(str(exc))
            return None
        self.hide_error()
        self.reload(select=rule.id if isinstance(rule, Rule) else None)
        self.rules_changed.emit()
        return rule if isinstance(rule, Rule) else None

    def add_rule(self) -> None:
        action, tag = self._action()
        self._write(lambda: self.library.add_rule(self.query_edit.text(), action, tag))

    def update_rule(self) -> None:
        rule = self.selected_rule()
        if rule is None:
            return
        action, tag = self._action()
        self._write(
            lambda: self.library.update_rule(
                rule.id, query=self.query_edit.text(), action=action, argument=tag
            )
        )

    def remove_rule(self) -> None:
        rule = self.selected_rule()
        if rule is None:
            return
        self._write(lambda: self.library.remove_rule(rule.id))
        self.reload()

    def preview(self) -> None:
        query = self.query_edit.text()
        self.preview_list.clear()
        if not query.strip():
            self.preview_label.setText(self.tr("Type a query to see what it matches."))
            return
        notes = self.library.parse_query(query).notes
        total, articles = self.library.preview_rule(query, limit=PREVIEW_LIMIT)
        for article in articles:
            source = article.feed_title or article.site_name or ""
            item = QListWidgetItem(f"{article.title}  — {source}" if source else article.title)
            item.setData(_ARTICLE_ID, article.id)
            self.preview_list.addItem(item)
        summary = self.tr("%n article(s) in the library match now", "", total)
        if total > len(articles):
            summary += self.tr(" (the newest {value} are listed)").format(value=len(articles))
        self.preview_label.setText(summary + "".join(f"\n{note}" for note in notes))

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def hide_error(self) -> None:
        self.error.hide()
